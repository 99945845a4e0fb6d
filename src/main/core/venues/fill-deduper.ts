/**
 * Remembers which fills were delivered, so each is delivered once even when
 * the same fill arrives on several channels, again after a resubscribe or
 * reconnect, or in the REST replay of a resync. Keeps the most recent
 * `capacity` ids (oldest forgotten first). Venue-agnostic: ids are the
 * venue's fill / trade ids as strings.
 */
export class FillDeduper {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 50_000) {}

  /** True the first time `fillId` is offered (and remembers it); false afterwards. */
  firstTime(fillId: string): boolean {
    if (this.seen.has(fillId)) return false;
    this.seen.add(fillId);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}
