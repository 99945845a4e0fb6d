import { ContractError } from '../../../shared/errors';
import { checkSigners } from '../venues/lighter/signer/signer-check';
import { SignerInstallError } from '../venues/lighter/signer/signer-errors';
import { installSigner } from '../venues/lighter/signer/signer-install';
import type { HandlerContext, Handlers } from './context';

/**
 * `signer.*`: the Lighter signer panel of Settings. `signer.check` searches
 * as live accounts do (with the app's data directory) or checks one given
 * path; `signer.install` checks a chosen file and copies it into
 * `<data dir>/signers` (signer-install.ts), where live accounts and the CLI on
 * the same data directory find it; `signer.chooseFile` shows the desktop
 * app's file dialog (null headless or when cancelled).
 * @throws ContractError INVALID_REQUEST (path `path` or `wasmExecPath`) when the chosen file cannot be installed; nothing is written then.
 */
export function signerHandlers(ctx: HandlerContext): Pick<Handlers, 'signer.check' | 'signer.install' | 'signer.chooseFile'> {
  const dataDir = ctx.appInfo.dataDir;
  return {
    'signer.check': ({ path }) => checkSigners(path === undefined ? { dataDir } : { dataDir, configuredPath: path, onlyConfiguredPath: true }),
    'signer.install': async (req) => {
      try {
        const result = await installSigner(req, { dataDir });
        ctx.logger.info({ component: 'signer', installed: result.installed, verdict: result.check.verdict }, 'Lighter signer installed');
        return result;
      } catch (err) {
        if (err instanceof SignerInstallError) throw new ContractError('INVALID_REQUEST', err.message, [{ path: err.field, message: err.message }]);
        throw err;
      }
    },
    'signer.chooseFile': async () => ({ path: (await ctx.desktopHost?.chooseSignerFile?.()) ?? null }),
  };
}
