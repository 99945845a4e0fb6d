import type Decimal from 'decimal.js';

/**
 * A decimal as plain text for storage, events and JSON: never exponent
 * notation (`0.0000001`, not `1e-7`), rounded half-up to `places` decimals
 * when given, trailing zeros kept as Decimal gives them.
 */
export function decimalText(value: Decimal, places?: number): string {
  return places === undefined ? value.toFixed() : value.toDecimalPlaces(places).toFixed();
}
