import type { Clock } from '../../clock';
import type { Logger } from '../../log/logger';
import { BookSubscriptionSet } from '../book-subscription-set';
import type { MarketCatalog } from './markets';
import { LighterOrderBook } from './order-book';
import { wsOrderBookSchema } from './wire';
import type { LighterWs } from './ws-connection';

/**
 * The live books of one client, one `order_book/{market}` subscription per
 * symbol shared by every {@link BookSubscription} handle on it (lighter.md
 * §6.2). A gap resubscribes the channel; a dropped connection marks every
 * book stale until the reconnect brings fresh snapshots.
 * `open` throws InvalidOrderError for an unknown symbol.
 */
export class BookSubscriptions extends BookSubscriptionSet<LighterOrderBook> {
  constructor(ws: LighterWs, markets: MarketCatalog, clock: Clock, logger: Logger) {
    super('lighter', 'Lighter', (symbol) => {
      const channel = `order_book/${markets.idOf(symbol)}`;
      const book = new LighterOrderBook(symbol, () => ws.resubscribe(channel), () => clock.now(), logger);
      const unsubscribe = ws.subscribe(channel, false, (message) => {
        const parsed = wsOrderBookSchema.safeParse(message);
        if (parsed.success) book.apply(parsed.data);
        else logger.warn({ channel, issue: parsed.error.message.slice(0, 200) }, 'unexpected Lighter order_book message');
      });
      return { book, unsubscribe };
    });
    ws.onState((state) => {
      if (state === 'disconnected') this.invalidateAll();
    });
  }
}
