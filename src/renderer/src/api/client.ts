import type { HedgedeskBridge } from '../../../shared/bridge';
import type { CommandName, EventName, EventPayloadOf, RequestOf, ResponseOf } from '../../../shared/contract';
import { ContractError } from '../../../shared/errors';

/** The renderer's typed view of the contract: responses or thrown {@link ContractError}s. */
export interface ApiClient {
  /**
   * Sends command `name` and resolves to its response.
   * @throws ContractError when the command fails (`code`, `message`, `issues`), or
   *   `INTERNAL` when the transport itself fails.
   */
  invoke<N extends CommandName>(name: N, request: RequestOf<N>): Promise<ResponseOf<N>>;
  /** Subscribes to event `name`; returns the unsubscribe function. */
  on<N extends EventName>(name: N, listener: (payload: EventPayloadOf<N>) => void): () => void;
}

/** Wraps a bridge (preload IPC or WebSocket) whose invokes resolve to result envelopes. */
export function createApiClient(bridge: HedgedeskBridge): ApiClient {
  return {
    async invoke(name, request) {
      let result;
      try {
        result = await bridge.invoke(name, request);
      } catch (err) {
        throw new ContractError('INTERNAL', `${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (result.ok) return result.data;
      throw ContractError.fromShape(result.error);
    },
    on: (name, listener) => bridge.on(name, listener),
  };
}
