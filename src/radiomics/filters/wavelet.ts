import { VesselprintError } from '../../core/errors.js';
import { convolve1d } from './convolve.js';

/** Supported orthogonal wavelets. */
export type WaveletName = 'haar' | 'db1' | 'db2' | 'db3';
/** Sub-band: first letter = filter along x (within rows), second = along y (within columns). */
export type WaveletBand = 'LL' | 'LH' | 'HL' | 'HH';

export const WAVELET_NAMES: readonly WaveletName[] = ['haar', 'db1', 'db2', 'db3'];
export const WAVELET_BANDS: readonly WaveletBand[] = ['LL', 'LH', 'HL', 'HH'];

const R3 = Math.sqrt(3);
const S2 = Math.SQRT2;

/**
 * Decomposition low-pass filters (Daubechies 1988; Haar = db1). db2 in closed form
 * (1+√3, 3+√3, 3−√3, 1−√3)/(4√2), listed in the order of PyWavelets' `dec_lo`.
 */
export const WAVELET_LOWPASS: Record<WaveletName, readonly number[]> = {
  haar: [1 / S2, 1 / S2],
  db1: [1 / S2, 1 / S2],
  db2: [(1 - R3) / (4 * S2), (3 - R3) / (4 * S2), (3 + R3) / (4 * S2), (1 + R3) / (4 * S2)],
  db3: [0.03522629188570953, -0.08544127388202666, -0.13501102001025458, 0.45987750211849154, 0.8068915093110925, 0.33267055295008263],
};

/** Quadrature-mirror high-pass: h1[k] = (−1)^(k+1) h0[N−1−k] (PyWavelets `dec_hi` convention). */
export function highpass(lo: readonly number[]): number[] {
  const n = lo.length;
  return lo.map((_, k) => (k % 2 === 0 ? -1 : 1) * lo[n - 1 - k]!);
}

/**
 * Undecimated (stationary, à trous) separable 2D wavelet transform, IBSI 2 section 2.6: at
 * level L the filters are dilated by 2^(L−1) and applied to the LL band of level L−1; mirror
 * boundaries; no down-sampling, so every band has the image size. Returns the requested band
 * of the requested level.
 *
 * @example waveletBand(new Float64Array(16).fill(1), 4, 4, 'haar', 1, 'LL') // all 2 (Σh0 = √2 per axis)
 * @throws VesselprintError BAD_ARGUMENT for an unknown wavelet, band or level < 1
 */
export function waveletBand(
  values: Float64Array,
  width: number,
  height: number,
  name: WaveletName,
  level: number,
  band: WaveletBand,
): Float64Array {
  if (!WAVELET_NAMES.includes(name))
    throw new VesselprintError('BAD_ARGUMENT', `wavelet: expected one of ${WAVELET_NAMES.join(', ')}, got "${name}"`, { field: 'filter' });
  if (!WAVELET_BANDS.includes(band))
    throw new VesselprintError('BAD_ARGUMENT', `wavelet: band must be one of ${WAVELET_BANDS.join(', ')}, got "${band}"`, {
      field: 'filter',
    });
  if (!Number.isInteger(level) || level < 1 || level > 8)
    throw new VesselprintError('BAD_ARGUMENT', `wavelet: level must be an integer 1..8, got ${level}`, { field: 'filter' });
  const lo = WAVELET_LOWPASS[name];
  const hi = highpass(lo);
  const origin = Math.floor((lo.length - 1) / 2);
  let ll = values;
  for (let l = 1; l < level; l++) {
    const step = 2 ** (l - 1);
    ll = convolve1d(convolve1d(ll, width, height, lo, 'x', origin, step), width, height, lo, 'y', origin, step);
  }
  const step = 2 ** (level - 1);
  const fx = band[0] === 'L' ? lo : hi;
  const fy = band[1] === 'L' ? lo : hi;
  return convolve1d(convolve1d(ll, width, height, fx, 'x', origin, step), width, height, fy, 'y', origin, step);
}
