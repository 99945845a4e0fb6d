import { closeProcessPaperLighters } from './paper-lighter';
import { closeProcessPaperParadexes } from './paper-paradex';

/** Stops the process's built-in paper simulators (Lighter and Paradex, of every data directory), which write their state a last time. */
export async function closePaperVenues(): Promise<void> {
  await Promise.all([closeProcessPaperLighters(), closeProcessPaperParadexes()]);
}
