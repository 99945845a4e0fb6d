import { ContractError } from '../../../shared/errors';
import type { Account } from '../../../shared/schemas/account';
import { secretFieldsOf } from '../../../shared/schemas/venues';
import type { HandlerContext, Handlers } from './context';
import { secretStatusOf } from './secret-status';

function checkField(account: Account, field: string): void {
  const allowed = secretFieldsOf(account.venue);
  if (!allowed.includes(field)) {
    throw new ContractError('INVALID_REQUEST', `invalid request: field: ${account.venue} accounts have no secret "${field}"`, [
      { path: 'field', message: `must be one of ${allowed.join(', ')}` },
    ]);
  }
}

/**
 * `secrets.set`, `secrets.delete`, `secrets.status`. Values go to the secret
 * store only; responses carry booleans. There is no command that reads a secret.
 */
export function secretsHandlers(ctx: HandlerContext): Pick<Handlers, 'secrets.set' | 'secrets.delete' | 'secrets.status'> {
  return {
    'secrets.set': async ({ accountId, field, value }) => {
      const account = ctx.accounts.get(accountId);
      checkField(account, field);
      await ctx.secrets.set({ accountId, field }, value);
      ctx.logger.info({ component: 'secrets', account: accountId, field }, 'secret stored');
      return secretStatusOf(ctx.secrets, account);
    },
    'secrets.delete': async ({ accountId, field }) => {
      const account = ctx.accounts.get(accountId);
      checkField(account, field);
      await ctx.secrets.delete({ accountId, field });
      ctx.logger.info({ component: 'secrets', account: accountId, field }, 'secret deleted');
      return secretStatusOf(ctx.secrets, account);
    },
    'secrets.status': ({ accountId }) => secretStatusOf(ctx.secrets, ctx.accounts.get(accountId)),
  };
}
