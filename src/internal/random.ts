/**
 * A small seeded pseudo-random generator shared by every resampling method (bootstrap CIs in
 * measurement, importance and monitoring), so a given seed reproduces the same draws on every
 * platform and Node version.
 *
 * Method: xoshiro128** 1.1 (Blackman & Vigna 2018, "Scrambled linear pseudorandom number
 * generators", https://prng.di.unimi.it/): 128 bits of state, period 2^128 - 1, passes BigCrush.
 * The seed is expanded into the state by splitmix32 (a 32-bit variant of Steele, Lea & Flood's
 * SplitMix), so nearby seeds give unrelated streams and the all-zero state cannot occur.
 *
 * - `uniform()`: a double in [0, 1) with 53 random bits (two 32-bit outputs).
 * - `integer(n)`: an unbiased integer in [0, n) for 1 <= n <= 2^32 (rejection of the
 *   incomplete top range, so no modulo bias).
 * - `normal()`: a standard normal deviate by inversion (`normalQuantile` of an open uniform).
 *
 * Not for cryptography.
 */
import { normalQuantile } from './distributions.js';

/** A seeded stream of random numbers. Each call advances the stream. */
export interface Random {
  /** Uniform double in [0, 1), 53-bit resolution. */
  uniform(): number;
  /** Uniform integer in [0, n); `n` an integer from 1 to 2^32. */
  integer(n: number): number;
  /** Standard normal deviate (inversion method). */
  normal(): number;
  /** The next raw 32-bit output (unsigned). */
  nextUint32(): number;
}

const TWO_32 = 4294967296;

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * A generator started from an explicit xoshiro128** state (four unsigned 32-bit words, not all
 * zero). Mostly for tests against the reference implementation; use {@link createRandom}.
 */
export function randomFromState(state: readonly [number, number, number, number]): Random {
  let s0 = state[0] >>> 0;
  let s1 = state[1] >>> 0;
  let s2 = state[2] >>> 0;
  let s3 = state[3] >>> 0;
  if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('randomFromState: the all-zero state is not allowed');
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    return result;
  };
  const uniform = (): number => {
    const high = next() >>> 5; // 27 bits
    const low = next() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  };
  return {
    nextUint32: next,
    uniform,
    integer(n: number): number {
      if (!(Number.isInteger(n) && n >= 1 && n <= TWO_32)) {
        throw new RangeError(`integer(n): expected an integer from 1 to 2^32, got ${n}`);
      }
      // Accept only draws below the largest multiple of n that fits in 32 bits.
      const limit = TWO_32 - (TWO_32 % n);
      let u = next();
      while (u >= limit) u = next();
      return u % n;
    },
    normal(): number {
      // Open interval (0, 1): shift the 53-bit grid by half a step.
      const high = next() >>> 5;
      const low = next() >>> 6;
      return normalQuantile((high * 67108864 + low + 0.5) / 9007199254740992);
    },
  };
}

/**
 * A seeded generator: the same `seed` always gives the same stream.
 * @param seed - Any finite number; it is reduced to an unsigned 32-bit integer (`seed >>> 0`
 *   after truncation), so use integers from 0 to 2^32 - 1 to keep seeds distinct.
 */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`createRandom(seed): expected a finite number, got ${seed}`);
  let x = Math.trunc(seed) >>> 0;
  const splitmix32 = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state: [number, number, number, number] = [splitmix32(), splitmix32(), splitmix32(), splitmix32()];
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return randomFromState(state);
}
