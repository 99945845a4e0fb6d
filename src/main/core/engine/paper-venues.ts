import { venueDescriptors } from '../venues/venue-registry';

/** Stops the process's built-in paper simulators (of every venue that trades and every data directory), which write their state a last time. */
export async function closePaperVenues(): Promise<void> {
  await Promise.all(venueDescriptors().map((d) => d.trading?.closePaper()));
}
