import { lighterSimCommand } from '../../sim/lighter/sim-command';
import type { VenueDescriptor } from '../venue-descriptor';
import { lighterDemoWorkspace } from './demo-workspace';
import { liveLighterVenue, resolveLiveLighterSettings } from './live-lighter';
import type { LighterTiming } from './lighter-venue';
import { closeProcessPaperLighters, processPaperLighter } from './paper-lighter';
import { sharedMasterWarnings } from './shared-master-check';
import { lighterSimulatorMarkets } from './simulator-markets';

/**
 * Lighter: live accounts on Lighter mainnet (or the base URL of their
 * settings) with the official signer; paper accounts on the built-in Lighter
 * simulator or an external `hedgedesk sim lighter`; market specs from the
 * recorded `orderBookDetails` the simulator ships.
 */
export const lighterDescriptor: VenueDescriptor = {
  id: 'lighter',
  trading: {
    live: (account, deps) => liveLighterVenue(account, { ...deps, timing: deps.timing as LighterTiming | undefined, overrides: deps.settings }),
    paper: processPaperLighter,
    closePaper: closeProcessPaperLighters,
    resolveLiveSettings: (given) => ({ ...given, ...resolveLiveLighterSettings(given) }),
  },
  sim: lighterSimCommand,
  marketSpecs: lighterSimulatorMarkets,
  demo: lighterDemoWorkspace,
  runWarnings: sharedMasterWarnings,
};
