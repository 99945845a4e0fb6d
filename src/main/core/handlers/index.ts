import { accountsHandlers } from './accounts-handlers';
import { appSecretsHandlers } from './app-secrets-handlers';
import { appHandlers } from './app-handlers';
import { coinListsHandlers } from './coin-lists-handlers';
import type { HandlerContext, Handlers } from './context';
import { deskHandlers } from './desk-handlers';
import { desktopHandlers } from './desktop-handlers';
import { logsHandlers } from './logs-handlers';
import { marketsHandlers } from './markets-handlers';
import { notifyHandlers } from './notify-handlers';
import { portfolioHandlers } from './portfolio-handlers';
import { runsHandlers } from './runs-handlers';
import { secretsHandlers } from './secrets-handlers';
import { settingsHandlers } from './settings-handlers';
import { signerHandlers } from './signer-handlers';
import { strategiesHandlers } from './strategies-handlers';
import { BUILT_IN_STRATEGIES } from '../strategies';

/** Every command's handler; the `Handlers` type makes a missing one a compile error. */
export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...settingsHandlers(ctx),
    ...accountsHandlers(ctx),
    ...secretsHandlers(ctx),
    ...appSecretsHandlers(ctx),
    ...notifyHandlers(ctx),
    ...desktopHandlers(ctx),
    ...strategiesHandlers(BUILT_IN_STRATEGIES),
    ...runsHandlers(ctx),
    ...deskHandlers(ctx),
    ...portfolioHandlers(ctx),
    ...logsHandlers(ctx),
    ...marketsHandlers(ctx),
    ...coinListsHandlers(ctx),
    ...signerHandlers(ctx),
  };
}
