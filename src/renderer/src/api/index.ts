import type { HedgedeskBridge } from '../../../shared/bridge';
import { createApiClient, type ApiClient } from './client';

let client: ApiClient | null = null;

/** Makes `bridge` the transport behind {@link useApi}. Called once at startup, before the app mounts. */
export function installApi(bridge: HedgedeskBridge): void {
  client = createApiClient(bridge);
}

/**
 * The app's api client.
 * @throws Error when called before {@link installApi} (a startup-order bug).
 */
export function useApi(): ApiClient {
  if (!client) throw new Error('useApi() called before installApi()');
  return client;
}
