import type { HedgedeskBridge } from '../../shared/bridge';

declare global {
  interface Window {
    /** The preload bridge under Electron; undefined in a plain browser (headless server). */
    hedgedesk: HedgedeskBridge | undefined;
  }
}

export {};
