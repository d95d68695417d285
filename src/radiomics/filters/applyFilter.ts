import { VesselprintError } from '../../core/errors.js';
import { laplacianOfGaussian } from './log.js';
import { waveletBand, WAVELET_BANDS, WAVELET_NAMES, type WaveletBand, type WaveletName } from './wavelet.js';

/** Image filter applied before feature extraction. */
export type FilterSpec =
  | { kind: 'none' }
  /** σ in mm; when the image has no pixel size, σ is taken in pixels. */
  | { kind: 'log'; sigmaMm: number }
  | { kind: 'wavelet'; wavelet: WaveletName; level: number; band: WaveletBand };

/**
 * Parses the CLI form `none | log:SIGMA_MM | wavelet:NAME:LEVEL[:BAND]` (band default HH).
 * @example parseFilter('wavelet:db2:1') // { kind: 'wavelet', wavelet: 'db2', level: 1, band: 'HH' }
 * @throws VesselprintError BAD_ARGUMENT naming the field `filter`
 */
export function parseFilter(s: string): FilterSpec {
  const parts = s.trim().split(':');
  const bad = (why: string): never => {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `${why}; expected none, log:SIGMA_MM or wavelet:NAME:LEVEL[:BAND] (NAME ${WAVELET_NAMES.join('|')}, BAND ${WAVELET_BANDS.join('|')}), got "${s}"`,
      { field: 'filter' },
    );
  };
  if (parts[0] === 'none' && parts.length === 1) return { kind: 'none' };
  if (parts[0] === 'log') {
    const sigma = Number(parts[1]);
    if (parts.length !== 2 || !(sigma > 0)) bad('log needs a positive sigma in mm');
    return { kind: 'log', sigmaMm: sigma };
  }
  if (parts[0] === 'wavelet') {
    if (parts.length < 3 || parts.length > 4) bad('wavelet needs a name and a level');
    const name = parts[1]!.toLowerCase();
    if (!(WAVELET_NAMES as readonly string[]).includes(name)) bad(`unknown wavelet "${parts[1]}"`);
    const level = Number(parts[2]);
    if (!Number.isInteger(level) || level < 1) bad('wavelet level must be a positive integer');
    const band = (parts[3] ?? 'HH').toUpperCase();
    if (!(WAVELET_BANDS as readonly string[]).includes(band)) bad(`unknown band "${parts[3]}"`);
    return { kind: 'wavelet', wavelet: name as WaveletName, level, band: band as WaveletBand };
  }
  return bad('unknown filter');
}

/**
 * Applies a {@link FilterSpec} to an image and returns the response map (same size).
 * @param spacingMm pixel size in mm (for the LoG σ); undefined = σ in pixels
 */
export function applyFilter(values: Float64Array, width: number, height: number, spec: FilterSpec, spacingMm?: number): Float64Array {
  switch (spec.kind) {
    case 'none':
      return values;
    case 'log':
      return laplacianOfGaussian(values, width, height, spec.sigmaMm / (spacingMm ?? 1));
    case 'wavelet':
      return waveletBand(values, width, height, spec.wavelet, spec.level, spec.band);
  }
}
