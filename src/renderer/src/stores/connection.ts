import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ConnectionState, WsTransport } from '../api/ws-transport';

/**
 * How the renderer is connected to the core. Over Electron IPC it is always
 * `connected`; over the headless server's WebSocket it follows the socket.
 */
export const useConnectionStore = defineStore('connection', () => {
  const transport = ref<'ipc' | 'ws'>('ipc');
  const state = ref<ConnectionState>('connected');

  /** Follows the state of a WebSocket transport from now on. */
  function track(ws: WsTransport): void {
    transport.value = 'ws';
    state.value = ws.state;
    ws.onStateChange((next) => {
      state.value = next;
    });
  }

  return { transport, state, track };
});
