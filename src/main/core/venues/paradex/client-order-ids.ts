import type { Clock } from '../../clock';
import { InvalidOrderError } from '../venue-errors';

/** Longest `client_id` Paradex accepts (paradex.md §5 "≤ 64 chars"). */
export const MAX_CLIENT_ID_LENGTH = 64;

/**
 * Client order ids for Paradex's `client_id` (a free string of ≤ 64 chars,
 * paradex.md §5). A caller's id is sent as is; otherwise `hd-<ms base36>-<n
 * base36>` is generated, unique per process and increasing with the clock.
 */
export class ClientOrderIds {
  private counter = 0;

  constructor(private readonly clock: Clock) {}

  /**
   * The id to send: the caller's, or a generated one.
   * @throws InvalidOrderError when the caller's id is empty or longer than 64 characters.
   */
  assign(clientOrderId?: string): string {
    if (clientOrderId === undefined) return `hd-${this.clock.now().toString(36)}-${(this.counter++).toString(36)}`;
    if (clientOrderId.length === 0 || clientOrderId.length > MAX_CLIENT_ID_LENGTH) {
      throw new InvalidOrderError('paradex', `clientOrderId must be 1–${MAX_CLIENT_ID_LENGTH} characters, got ${clientOrderId.length}`);
    }
    return clientOrderId;
  }
}
