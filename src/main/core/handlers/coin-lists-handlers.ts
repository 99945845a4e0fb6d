import { ContractError } from '../../../shared/errors';
import { coinEntriesSchema, type CoinListCreate } from '../../../shared/schemas/coin-lists';
import type { Venue } from '../../../shared/schemas/venues';
import { checkCoins } from '../coin-lists/coin-list-checks';
import { coinsFromTriHedgeConfig } from '../coin-lists/tri-hedge-import';
import type { HandlerContext, Handlers } from './context';

type CoinListCommands = 'coinLists.list' | 'coinLists.get' | 'coinLists.create' | 'coinLists.update' | 'coinLists.delete' | 'coinLists.validate' | 'coinLists.import';

/**
 * `coinLists.*`. A list is saved only when its coins pass the venue's market
 * checks (coin-list-checks.ts); otherwise the command fails with
 * `INVALID_REQUEST` and an issue per field path (`coins.2.symbol: XYZ is not a
 * Lighter market`; `patch.coins…` for an update) and nothing is written.
 * `coinLists.validate` returns the same issues without saving. Every change
 * is pushed as `coinLists.changed` (the full list).
 */
export function coinListsHandlers(ctx: HandlerContext): Pick<Handlers, CoinListCommands> {
  const changed = () => ctx.events.emit('coinLists.changed', ctx.coinLists.list());

  /** @throws ContractError INVALID_REQUEST when the coins fail the venue's market checks. */
  async function requireValid(venue: Venue, coins: readonly unknown[], prefix: string): Promise<void> {
    const { issues } = checkCoins(coins, await ctx.markets.markets(venue), prefix);
    if (issues.length === 0) return;
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new ContractError('INVALID_REQUEST', `invalid coin list: ${summary}`, issues);
  }

  async function create(input: CoinListCreate, prefix: string) {
    await requireValid(input.venue, input.coins, prefix);
    const list = ctx.coinLists.create(input);
    ctx.logger.info({ component: 'coin-lists', coinList: list.id, venue: list.venue }, `coin list "${list.name}" saved (${list.coins.length} coins)`);
    changed();
    return list;
  }

  return {
    'coinLists.list': () => ctx.coinLists.list(),

    'coinLists.get': ({ id }) => ctx.coinLists.get(id),

    'coinLists.create': (req) => create(req, 'coins'),

    'coinLists.update': async ({ id, patch }) => {
      const current = ctx.coinLists.get(id);
      const next: CoinListCreate = { name: patch.name ?? current.name, venue: patch.venue ?? current.venue, coins: patch.coins ?? current.coins };
      await requireValid(next.venue, next.coins, 'patch.coins');
      const list = ctx.coinLists.update(id, next);
      ctx.logger.info({ component: 'coin-lists', coinList: id }, `coin list "${list.name}" updated`);
      changed();
      return list;
    },

    'coinLists.delete': ({ id }) => {
      const list = ctx.coinLists.get(id);
      ctx.coinLists.delete(id);
      ctx.logger.info({ component: 'coin-lists', coinList: id }, `coin list "${list.name}" deleted`);
      changed();
      return { id };
    },

    'coinLists.validate': async ({ venue, coins }) => checkCoins(coins, await ctx.markets.markets(venue)),

    'coinLists.import': async ({ name, venue, config }) => {
      const imported = coinsFromTriHedgeConfig(config);
      const catalog = await ctx.markets.markets(venue);
      const { issues, warnings } = checkCoins(imported.coins, catalog);
      if (issues.length > 0) {
        const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
        throw new ContractError('INVALID_REQUEST', `the coin list of this config (${imported.key}) cannot be saved: ${summary}`, issues);
      }
      const list = await create({ name, venue, coins: coinEntriesSchema.parse(imported.coins) }, 'coins');
      return { list, warnings: [...imported.notes, ...warnings] };
    },
  };
}
