import { paradexSimCommand } from '../../sim/paradex/sim-command';
import type { VenueDescriptor } from '../venue-descriptor';
import { liveParadexVenue, resolveLiveParadexSettings } from './live-paradex';
import { closeProcessPaperParadexes, processPaperParadex } from './paper-paradex';
import type { ParadexTiming } from './paradex-venue';
import { paradexSimulatorMarkets } from './simulator-markets';

/**
 * Paradex: live accounts on Paradex mainnet (or the base URL of their
 * settings) with the L2 key from the secret store; paper accounts on the
 * built-in Paradex simulator or an external `hedgedesk sim paradex`; market
 * specs from the simulator's `/markets`.
 */
export const paradexDescriptor: VenueDescriptor = {
  id: 'paradex',
  trading: {
    live: (account, deps) => liveParadexVenue(account, { ...deps, timing: deps.timing as ParadexTiming | undefined, overrides: deps.settings }),
    paper: processPaperParadex,
    closePaper: closeProcessPaperParadexes,
    resolveLiveSettings: (given) => ({ ...given, ...resolveLiveParadexSettings(given) }),
  },
  sim: paradexSimCommand,
  marketSpecs: () => paradexSimulatorMarkets(),
  demo: null,
};
