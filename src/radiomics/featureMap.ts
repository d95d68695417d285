import { VesselprintError } from '../core/errors.js';
import type { RoiImage } from './types.js';
import { FAMILIES, FEATURE_REGISTRY, type RegistryEntry } from './registry.js';

/** Options of {@link featureMaps}. */
export interface FeatureMapOptions {
  /** Registry ids of the features to map, e.g. `glcm.contrast.BTW3`, `stat.mean`, `ngtdm.busyness`. */
  features: readonly string[];
  /** Window half-size in pixels: the window is (2 radius + 1)² (default 3 → 7 x 7). */
  radius?: number;
  /** Smallest number of ROI pixels in a window for a value; fewer gives NaN (default 5). */
  minPixels?: number;
}

/** Defaults of {@link FeatureMapOptions}. */
export const DEFAULT_FEATURE_MAP_OPTIONS = { radius: 3, minPixels: 5 } as const;

/**
 * Sliding-window feature maps: for every pixel of the ROI, the features computed on the ROI
 * pixels of the square window centred on it (pixels outside the image or the ROI are outside
 * the window's ROI). Grey levels come from the discretization of the whole ROI (done once by
 * {@link prepareRoi}), so values are comparable across the map, as IBSI recommends for local
 * texture maps. Pixels outside the ROI get NaN.
 *
 * Each window runs the same family code as {@link extractRadiomics} on a small ROI, reusing
 * scratch buffers; cost is O(pixels × window area).
 *
 * @returns one Float32Array (width x height, row-major) per requested feature id
 * @throws VesselprintError BAD_ARGUMENT for an unknown feature id or a bad radius
 * @example
 * const maps = featureMaps(prepareRoi(values, w, h, mask), { features: ['glcm.contrast.BTW3'], radius: 3 });
 * maps.get('glcm.contrast.BTW3') // Float32Array of w*h values
 */
export function featureMaps(roi: RoiImage, options: FeatureMapOptions): Map<string, Float32Array> {
  const radius = options.radius ?? DEFAULT_FEATURE_MAP_OPTIONS.radius;
  const minPixels = options.minPixels ?? DEFAULT_FEATURE_MAP_OPTIONS.minPixels;
  if (!Number.isInteger(radius) || radius < 1 || radius > 64) {
    throw new VesselprintError('BAD_ARGUMENT', `featureMaps: radius must be an integer 1..64, got ${radius}`, { field: 'radius' });
  }
  const entries: RegistryEntry[] = options.features.map((id) => {
    const e = FEATURE_REGISTRY.find((f) => f.id === id);
    if (!e)
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `featureMaps: unknown feature id "${id}" (see FEATURE_REGISTRY ids, e.g. glcm.contrast.BTW3)`,
        { field: 'features' },
      );
    return e;
  });
  const fams = FAMILIES.filter((f) => entries.some((e) => e.family === f.family));
  const { width, height } = roi;
  const n = width * height;
  const out = new Map<string, Float32Array>();
  for (const e of entries) out.set(e.id, new Float32Array(n).fill(Number.NaN));
  const outs = entries.map((e) => out.get(e.id)!);
  const w = 2 * radius + 1;
  const workspace = {};
  const win: RoiImage = {
    width: w,
    height: w,
    values: new Float64Array(w * w),
    levels: new Int32Array(w * w),
    ng: roi.ng,
    intensityMask: new Uint8Array(w * w),
    morphMask: new Uint8Array(w * w),
    workspace,
  };
  if (roi.spacingMm !== undefined) win.spacingMm = roi.spacingMm;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const p = r * width + c;
      if (roi.intensityMask[p] === 0) continue;
      // Fresh levels array per window: family caches are keyed by it.
      const levels = new Int32Array(w * w);
      let count = 0;
      for (let dr = -radius; dr <= radius; dr++) {
        const rr = r + dr;
        for (let dc = -radius; dc <= radius; dc++) {
          const cc = c + dc;
          const k = (dr + radius) * w + dc + radius;
          if (rr < 0 || rr >= height || cc < 0 || cc >= width) {
            win.values[k] = 0;
            win.intensityMask[k] = 0;
            win.morphMask[k] = 0;
            continue;
          }
          const q = rr * width + cc;
          win.values[k] = roi.values[q]!;
          win.intensityMask[k] = roi.intensityMask[q]!;
          win.morphMask[k] = roi.morphMask[q]!;
          levels[k] = roi.levels[q]!;
          if (roi.intensityMask[q] === 1) count++;
        }
      }
      if (count < minPixels) continue;
      win.levels = levels;
      for (const fam of fams) {
        const ctx = fam.prepare(win);
        for (let k = 0; k < entries.length; k++) if (entries[k]!.family === fam.family) outs[k]![p] = entries[k]!.compute(ctx);
      }
    }
  }
  return out;
}
