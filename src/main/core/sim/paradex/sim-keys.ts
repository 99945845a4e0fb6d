import { createHash } from 'node:crypto';
import { ec } from 'starknet';

/** A STARK key pair for a simulator account (private key, public key = x-coordinate), 0x hex. */
export interface SimKeyPair {
  privateKey: string;
  publicKey: string;
}

/**
 * The `index`-th key pair of the CLI's start-up accounts for `seed`:
 * sha256(`paradex-sim:<seed>:<index>`) reduced into [1, n − 1] (n = the STARK
 * curve order, paradex.md §1), public key by starknet.js `getStarkKey`. Same
 * seed → same accounts, so a paper setup can be scripted. Sim use only: these
 * keys are printed and are not secret.
 */
export function simKeyPair(seed: number, index: number): SimKeyPair {
  const n = ec.starkCurve.CURVE.n;
  const digest = BigInt('0x' + createHash('sha256').update(`paradex-sim:${seed}:${index}`).digest('hex'));
  const privateKey = '0x' + ((digest % (n - 1n)) + 1n).toString(16);
  return { privateKey, publicKey: ec.starkCurve.getStarkKey(privateKey) };
}
