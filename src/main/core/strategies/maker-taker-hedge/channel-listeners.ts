import type { FillMessage } from './fill-message';

/** The fill-message listeners of a transport, per channel name. */
export class ChannelListeners {
  private readonly byChannel = new Map<string, Set<(message: FillMessage) => void>>();

  /** Adds `listener` to `channel`; returns the function that removes it. */
  add(channel: string, listener: (message: FillMessage) => void): () => void {
    let set = this.byChannel.get(channel);
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Calls every listener of `channel` with `message`, in subscription order. */
  deliver(channel: string, message: FillMessage): void {
    for (const l of this.byChannel.get(channel) ?? []) l(message);
  }

  /** Removes every listener. */
  clear(): void {
    this.byChannel.clear();
  }
}
