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
