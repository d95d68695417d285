import type { Rng } from '../core/rng.js';

/** Options of {@link fractalNoise}. */
export interface FractalNoiseOptions {
  /** Lattice spacing of the coarsest octave, in pixels. Default 64. */
  cellPx?: number;
  /** Number of octaves; each halves the cell size. Default 3. */
  octaves?: number;
  /** Amplitude ratio between successive octaves. Default 0.5. */
  persistence?: number;
}

export const DEFAULT_FRACTAL_NOISE: Required<FractalNoiseOptions> = { cellPx: 64, octaves: 3, persistence: 0.5 };

/**
 * Smooth random texture ("value noise", Perlin 1985 style lattice noise summed over octaves):
 * uniform random values in [−1, 1] on a square lattice, interpolated with the smoothstep
 * weight 3t² − 2t³, summed over octaves and rescaled so the result lies in [−1, 1].
 * Row-major, `width * height` values.
 *
 * @param rng seeded source (consumed in a fixed order, so the same seed gives the same texture)
 * @example fractalNoise(4, 4, createRng(1), { cellPx: 2 }).length // 16
 */
export function fractalNoise(width: number, height: number, rng: Rng, options: FractalNoiseOptions = {}): Float32Array {
  const o = { ...DEFAULT_FRACTAL_NOISE, ...options };
  const out = new Float32Array(width * height);
  let amp = 1;
  let total = 0;
  let cell = o.cellPx;
  for (let k = 0; k < o.octaves; k++) {
    addValueNoise(out, width, height, Math.max(cell, 1), amp, rng);
    total += amp;
    amp *= o.persistence;
    cell /= 2;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / total;
  return out;
}

function addValueNoise(out: Float32Array, width: number, height: number, cell: number, amp: number, rng: Rng): void {
  const gw = Math.ceil((width - 1) / cell) + 2;
  const gh = Math.ceil((height - 1) / cell) + 2;
  const lattice = new Float32Array(gw * gh);
  for (let i = 0; i < lattice.length; i++) lattice[i] = rng.range(-1, 1);
  const colW = new Float32Array(width);
  const colI = new Int32Array(width);
  for (let c = 0; c < width; c++) {
    const x = c / cell;
    const i = Math.floor(x);
    const t = x - i;
    colI[c] = i;
    colW[c] = t * t * (3 - 2 * t);
  }
  for (let r = 0; r < height; r++) {
    const y = r / cell;
    const j = Math.floor(y);
    const u0 = y - j;
    const u = u0 * u0 * (3 - 2 * u0);
    const row0 = j * gw;
    const row1 = (j + 1) * gw;
    for (let c = 0; c < width; c++) {
      const i = colI[c]!;
      const t = colW[c]!;
      const top = lattice[row0 + i]! * (1 - t) + lattice[row0 + i + 1]! * t;
      const bot = lattice[row1 + i]! * (1 - t) + lattice[row1 + i + 1]! * t;
      out[r * width + c] = out[r * width + c]! + amp * (top * (1 - u) + bot * u);
    }
  }
}

/** Size of the pool of normal deviates that {@link gaussianNoise} samples from. */
export const GAUSSIAN_POOL_SIZE = 16384;

/**
 * `n` N(0, sd²) samples for per-pixel sensor noise, fast: a pool of {@link GAUSSIAN_POOL_SIZE}
 * Box–Muller deviates is drawn from `rng`, and each output picks one of them (with replacement)
 * with a small fast generator (sfc32, Doty-Humphrey's Small Fast Chaotic PRNG) seeded from
 * `rng`. The marginal distribution is the pool's empirical distribution (≈ normal); successive
 * samples are independent picks. Deterministic given the state of `rng`.
 *
 * @example gaussianNoise(3, 2, createRng(1)).length // 3
 */
export function gaussianNoise(n: number, sd: number, rng: Rng): Float32Array {
  const pool = new Float32Array(GAUSSIAN_POOL_SIZE);
  for (let i = 0; i < pool.length; i++) pool[i] = rng.normal(0, sd);
  const st = new Uint32Array([rng.int(0, 0xffffffff), rng.int(0, 0xffffffff), rng.int(0, 0xffffffff), rng.int(0, 0xffffffff)]);
  const idx = new Uint32Array(n);
  sfc32Fill(st, 12, undefined);
  sfc32Fill(st, n, idx);
  const out = new Float32Array(n);
  const shift = 32 - Math.log2(GAUSSIAN_POOL_SIZE);
  for (let i = 0; i < n; i++) out[i] = pool[idx[i]! >>> shift]!;
  return out;
}

/** Advances the sfc32 state `st` by `count` steps, writing the 32-bit outputs to `out` when given. */
function sfc32Fill(st: Uint32Array, count: number, out: Uint32Array | undefined): void {
  let a = st[0]! | 0,
    b = st[1]! | 0,
    c = st[2]! | 0,
    d = st[3]! | 0;
  for (let i = 0; i < count; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    if (out !== undefined) out[i] = t >>> 0;
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
}
