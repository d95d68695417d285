import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * A seeded pseudo-random source (xoroshiro128+ from the maintained `pure-rand` package). One
 * seed drives every random step of a run; derive independent streams with {@link Rng.fork}.
 * Never use the unseeded global generator in vesselprint.
 *
 * @example
 * const rng = createRng(42);
 * rng.uniform(); // same number on every machine for seed 42
 */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number;
  /** Integer uniform in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  /** Bernoulli(p). */
  bernoulli(p: number): boolean;
  /** Fisher–Yates shuffle in place; returns the array. */
  shuffleInPlace<T>(arr: T[]): T[];
  /** An independent generator for a named sub-stream (deterministic given this seed and the name). */
  fork(name: string): Rng;
  /** The seed this generator was created with. */
  readonly seed: number;
}

/** FNV-1a 32-bit hash of a string, used to derive sub-stream seeds. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Creates a seeded generator. `seed` is any finite number; it is reduced to 32 bits. */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new TypeError(`createRng: seed must be a finite number, got ${seed}`);
  const s32 = Math.trunc(seed) | 0;
  const gen: RandomGenerator = xoroshiro128plus(s32);
  let spare: number | undefined;
  const uniform = (): number => uniformFloat64(gen);
  const rng: Rng = {
    seed: s32,
    uniform,
    range: (lo, hi) => lo + (hi - lo) * uniform(),
    int: (lo, hi) => lo + Math.floor(uniform() * (hi - lo + 1)),
    normal: (mean = 0, sd = 1) => {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return mean + sd * v;
      }
      let u = 0;
      while (u === 0) u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return mean + sd * r * Math.cos(2 * Math.PI * v);
    },
    bernoulli: (p) => uniform() < p,
    shuffleInPlace: <T>(arr: T[]): T[] => {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const t = arr[i]!;
        arr[i] = arr[j]!;
        arr[j] = t;
      }
      return arr;
    },
    fork: (name) => createRng((hashString(name) ^ Math.imul(s32, 0x9e3779b1)) | 0),
  };
  return rng;
}
