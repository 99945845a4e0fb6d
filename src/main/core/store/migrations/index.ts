import { migration001 } from './001-settings';
import { migration002 } from './002-accounts';
import { migration003 } from './003-runs';
import { migration004 } from './004-orders-fills';
import { migration005 } from './005-run-samples';
import { migration006 } from './006-coin-lists';
import { migration007 } from './007-run-venue-settings';
import type { Migration } from './migration';

/** Every migration, in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007];

/** The schema version this build of HedgeDesk writes: the last migration's (versions are reserved per change, so one may be missing while branches merge). */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
