import type { FieldIssue } from '../../../../shared/errors';
import { ConfigError } from '../../engine/config-error';
import type { CrossVenueHedgeConfigInput } from './config-schema';

/**
 * The original cross_exchange_hedge_bot's env-style settings and the config
 * field each one sets. `CROSS_HEDGE_TICKER` and `CROSS_HEDGE_COOLDOWN` are
 * HedgeDesk additions (the original bot took the ticker on its command line
 * and had a fixed pause).
 */
export const CROSS_HEDGE_ENV: Readonly<Record<string, { field: keyof CrossVenueHedgeConfigInput; kind: 'number' | 'boolean' | 'string' }>> = {
  CROSS_HEDGE_MARGIN: { field: 'margin', kind: 'number' },
  CROSS_HEDGE_POSITION_HOLD_TIME: { field: 'hold_time', kind: 'number' },
  CROSS_HEDGE_TAKE_PROFIT: { field: 'take_profit', kind: 'number' },
  CROSS_HEDGE_STOP_LOSS: { field: 'stop_loss', kind: 'number' },
  CROSS_HEDGE_REVERSE: { field: 'reverse', kind: 'boolean' },
  CROSS_HEDGE_TICKER: { field: 'ticker', kind: 'string' },
  CROSS_HEDGE_COOLDOWN: { field: 'cooldown', kind: 'number' },
};

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

/** What an env file gave: config fields, and the names of the other variables it held (never read further: keys belong in the keychain). */
export interface EnvSettings {
  config: Partial<CrossVenueHedgeConfigInput>;
  ignored: string[];
}

/**
 * Parses a `.env` text (`KEY=value` lines, optional `export `, `#` comments,
 * single or double quotes) for the CROSS_HEDGE_* settings of
 * {@link CROSS_HEDGE_ENV}; numbers as decimal text, booleans as
 * true/false/1/0/yes/no/on/off. Other variables are listed in `ignored`
 * (their values are not kept).
 * @throws ConfigError naming each bad variable as `<file>:<line> KEY`.
 */
export function parseCrossHedgeEnv(text: string, file: string): EnvSettings {
  const config: Partial<Record<keyof CrossVenueHedgeConfigInput, unknown>> = {};
  const ignored: string[] = [];
  const issues: FieldIssue[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    const where = `${file}:${i + 1}`;
    if (!m) {
      issues.push({ path: where, message: 'is not KEY=value' });
      return;
    }
    const key = m[1]!;
    let value = m[2]!;
    const quoted = /^(['"])(.*)\1$/.exec(value);
    value = quoted ? quoted[2]! : value.replace(/\s+#.*$/, '').trim();
    const setting = CROSS_HEDGE_ENV[key];
    if (!setting) {
      ignored.push(key);
      return;
    }
    if (setting.kind === 'string') config[setting.field] = value;
    else if (setting.kind === 'boolean') {
      const v = value.toLowerCase();
      if (TRUE.has(v)) config[setting.field] = true;
      else if (FALSE.has(v)) config[setting.field] = false;
      else issues.push({ path: `${where} ${key}`, message: `"${value}" is not true or false` });
    } else {
      const n = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
      if (Number.isFinite(n)) config[setting.field] = n;
      else issues.push({ path: `${where} ${key}`, message: `"${value}" is not a number` });
    }
  });
  if (issues.length > 0) throw new ConfigError(`the env file ${file} has problems`, issues);
  return { config: config as Partial<CrossVenueHedgeConfigInput>, ignored };
}
