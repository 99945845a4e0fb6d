import { asterShared } from './aster';
import { backpackShared } from './backpack';
import { lighterShared } from './lighter';
import { paradexShared } from './paradex';
import type { SharedVenue } from './venue-fields';

/**
 * Every venue's shared description (name, account fields, whether it trades),
 * one per id of `VENUES`, in that order: the only place shared code imports
 * the venue files; `schemas/venues.ts` derives its per-venue tables from it.
 */
export const SHARED_VENUES: readonly SharedVenue[] = [lighterShared, paradexShared, backpackShared, asterShared];
