import { ContractError, invalidRequest } from '../../../shared/errors';
import { identifierSchemas, liveIdentifierProblem } from '../../../shared/schemas/account';
import { secretFieldsOf } from '../../../shared/schemas/venues';
import { venueDescriptor, VenueCannotTradeError } from '../venues/venue-registry';
import type { HandlerContext, Handlers } from './context';

/**
 * `accounts.*`. Every change is pushed as `accounts.changed` so all windows
 * and clients stay in step. Deleting an account first deletes its keychain
 * secrets; if the keychain refuses, the account stays (nothing half-deleted).
 * A paper account of a venue that cannot trade yet (no client, no simulator)
 * is refused on create and on a switch to paper (VenueCannotTradeError,
 * INVALID_REQUEST); live accounts of it may be stored with their keys ahead
 * of time, and are refused when a run starts.
 */
export function accountsHandlers(
  ctx: HandlerContext,
): Pick<Handlers, 'accounts.list' | 'accounts.create' | 'accounts.update' | 'accounts.delete'> {
  const changed = () => ctx.events.emit('accounts.changed', ctx.accounts.list());
  return {
    'accounts.list': () => ctx.accounts.list(),

    'accounts.create': (req) => {
      if (req.mode === 'paper' && !venueDescriptor(req.venue).trading) throw new VenueCannotTradeError(req.venue);
      const account = ctx.accounts.create(req);
      ctx.logger.info({ component: 'accounts', account: account.id, venue: account.venue, mode: account.mode }, `account "${account.label}" created`);
      changed();
      return account;
    },

    'accounts.update': ({ id, patch }) => {
      const current = ctx.accounts.get(id);
      let identifiers = current.identifiers;
      if (patch.identifiers !== undefined) {
        const parsed = identifierSchemas[current.venue].safeParse(patch.identifiers);
        if (!parsed.success) throw invalidRequest(parsed.error, ['patch', 'identifiers']);
        identifiers = parsed.data as Record<string, string | number>;
      }
      const mode = patch.mode ?? current.mode;
      if (mode === 'paper' && current.mode !== 'paper' && !venueDescriptor(current.venue).trading) throw new VenueCannotTradeError(current.venue);
      const problem = liveIdentifierProblem(current.venue, mode, identifiers);
      if (problem) {
        const path = `patch.identifiers.${problem.field}`;
        throw new ContractError('INVALID_REQUEST', `invalid request: ${path}: ${problem.message}`, [{ path, message: problem.message }]);
      }
      const account = ctx.accounts.update(id, { label: patch.label ?? current.label, mode, identifiers });
      ctx.logger.info({ component: 'accounts', account: id, mode }, `account "${account.label}" updated`);
      changed();
      return account;
    },

    'accounts.delete': async ({ id }) => {
      const account = ctx.accounts.get(id);
      if (ctx.secrets.backend === 'keychain') {
        for (const field of secretFieldsOf(account.venue)) await ctx.secrets.delete({ accountId: id, field });
      }
      ctx.accounts.delete(id);
      ctx.logger.info({ component: 'accounts', account: id }, `account "${account.label}" deleted`);
      changed();
      return { id };
    },
  };
}
