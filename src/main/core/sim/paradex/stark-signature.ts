import { ec } from 'starknet';

/** A STARK-curve ECDSA signature. */
export interface StarkSignature {
  r: bigint;
  s: bigint;
}

/**
 * Parses Paradex's signature text: a JSON array of two decimal (or 0x-hex)
 * strings `["r","s"]` (paradex.md §3 "Signature"). Null when it is not that shape.
 */
export function parseSignature(text: string): StarkSignature | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const parts: bigint[] = [];
  for (const v of value) {
    if (typeof v !== 'string' || !/^(\d+|0x[0-9a-fA-F]+)$/.test(v)) return null;
    parts.push(BigInt(v));
  }
  return { r: parts[0]!, s: parts[1]! };
}

/** Formats a signature the way Paradex expects it: `["<r decimal>","<s decimal>"]`. */
export function formatSignature(sig: { r: bigint; s: bigint }): string {
  return JSON.stringify([sig.r.toString(10), sig.s.toString(10)]);
}

/**
 * Verifies a signature over `msgHash` (hex) against a STARK public key given
 * as its x-coordinate only (what Paradex registers, paradex.md §1): like
 * StarkWare's verifier, both points with that x are tried. Uses starknet.js
 * `ec.starkCurve.verify`; false for any malformed input.
 */
export function verifyStarkSignature(msgHash: string, sig: StarkSignature, publicKeyX: string): boolean {
  let x: string;
  let signature: InstanceType<typeof ec.starkCurve.Signature>;
  try {
    x = BigInt(publicKeyX).toString(16).padStart(64, '0');
    signature = new ec.starkCurve.Signature(sig.r, sig.s);
  } catch {
    return false;
  }
  for (const prefix of ['02', '03']) {
    try {
      if (ec.starkCurve.verify(signature, msgHash, prefix + x)) return true;
    } catch {
      /* not a point on the curve, or a signature out of range */
    }
  }
  return false;
}
