import { useThemeVars } from 'naive-ui';
import type { Settings } from '../../../shared/schemas/settings';
import { useSettingsStore } from '../stores/settings';

/** Which way a PnL went: up (gain), down (loss) or flat (zero, missing). */
export type PnlTone = 'up' | 'down' | 'flat';

/** The tone of a PnL given as a decimal string or number. */
export function pnlTone(value: string | number | null | undefined): PnlTone {
  if (value === null || value === undefined || value === '') return 'flat';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n === 0) return 'flat';
  return n > 0 ? 'up' : 'down';
}

/**
 * The colour family of a tone under the user's convention (Settings →
 * `pnlColors`): `green-up` shows gains green and losses red; `red-up` shows
 * gains red and losses green, as many Chinese users expect. Null for flat.
 */
export function pnlColorFamily(tone: PnlTone, convention: Settings['pnlColors']): 'green' | 'red' | null {
  if (tone === 'flat') return null;
  const upIsGreen = convention === 'green-up';
  return (tone === 'up') === upIsGreen ? 'green' : 'red';
}

/**
 * PnL colouring for any component: the returned function gives the theme's
 * success (green) or error (red) colour for a PnL per the settings'
 * `pnlColors` convention, undefined for zero or missing values (keep the
 * text colour). It reads reactive state, so templates and render functions
 * that call it update when the convention or theme changes. Use as
 * `:style="{ color: pnlColor(pnl) }"`. Call inside a component's setup.
 */
export function usePnlColor(): (value: string | number | null | undefined) => string | undefined {
  const settings = useSettingsStore();
  const vars = useThemeVars();
  return (value) => {
    const family = pnlColorFamily(pnlTone(value), settings.settings.pnlColors);
    if (family === null) return undefined;
    return family === 'green' ? vars.value.successColor : vars.value.errorColor;
  };
}
