import Decimal from 'decimal.js';

/**
 * JSON text of a simulator state that holds decimal.js values: every Decimal
 * becomes `{"$d": "<exact decimal string>"}` so {@link decodeState} gives back
 * Decimals, not numbers or strings (money never passes through a float).
 */
export function encodeState(value: unknown): unknown {
  if (Decimal.isDecimal(value)) return { $d: value.toFixed() };
  if (Array.isArray(value)) return value.map(encodeState);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeState(v);
    return out;
  }
  return value;
}

/**
 * The inverse of {@link encodeState} on parsed JSON.
 * @throws Error when a `{"$d": …}` value is not a finite decimal string.
 */
export function decodeState(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeState);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && keys[0] === '$d') {
      const text = obj.$d;
      if (typeof text !== 'string' || !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) throw new Error(`bad decimal ${JSON.stringify(text)}`);
      return new Decimal(text);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = decodeState(v);
    return out;
  }
  return value;
}
