import { processPaperLighter } from './paper-lighter';
import { processPaperParadex } from './paper-paradex';

/** Stops the process's built-in paper simulators (Lighter and Paradex), those that were started. */
export async function closePaperVenues(): Promise<void> {
  await Promise.all([processPaperLighter().close(), processPaperParadex().close()]);
}
