/**
 * Artery/vein label maps from a colour A/V annotation (the HRF A/V ground truth of Hemelings et al.
 * 2019, "Artery-vein segmentation in fundus images using a fully convolutional network", Comput.
 * Med. Imaging Graph. 76:101636, doi:10.1016/j.compmedimag.2019.05.004): red = artery, blue = vein,
 * green = crossing or uncertain, black = background.
 *
 * Label codes (`AV_LABEL`): 0 background, 1 artery, 2 vein, 3 vessel of unknown type (crossing or
 * uncertain: a vessel for the vessel part of the loss, ignored by the artery/vein part).
 */
import type { Image2D, Mask2D } from '../../core/image.js';
import { VesselprintError } from '../../core/errors.js';
import { resizeMask } from '../../preprocess/resample.js';

export const AV_LABEL = { background: 0, artery: 1, vein: 2, unknown: 3 } as const;

/** A per-pixel label map (row-major, `width * height`), codes of {@link AV_LABEL}. */
export interface LabelMap {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Decodes a colour A/V image: the dominant channel (≥ 128 and above the other two) decides red →
 * artery, blue → vein, green → unknown; anything else is background.
 * @throws VesselprintError BAD_ARGUMENT for an image with fewer than 3 channels
 * @example avLabelsFromColor(rgbAv).data[k] // 0, 1, 2 or 3
 */
export function avLabelsFromColor(av: Image2D, path?: string): LabelMap {
  if (av.channels < 3)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `an A/V label image must be RGB (red artery, blue vein, green unknown), got ${av.channels} channel(s)`,
      { ...(path ? { path } : {}), field: 'labels' },
    );
  const n = av.width * av.height;
  const c = av.channels;
  const scale =
    av.bitDepth === 16 || av.data instanceof Uint16Array ? 257 : av.data instanceof Float32Array && maxOf(av.data) <= 1 ? 1 / 255 : 1;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = av.data[i * c]! / scale;
    const g = av.data[i * c + 1]! / scale;
    const b = av.data[i * c + 2]! / scale;
    if (r >= 128 && r > g && r > b) out[i] = AV_LABEL.artery;
    else if (b >= 128 && b > r && b > g) out[i] = AV_LABEL.vein;
    else if (g >= 128 && g > r && g > b) out[i] = AV_LABEL.unknown;
  }
  return { data: out, width: av.width, height: av.height };
}

function maxOf(a: Float32Array): number {
  let m = -Infinity;
  for (let i = 0; i < a.length; i++) if (a[i]! > m) m = a[i]!;
  return m;
}

/**
 * Label map at another size, consistent with the vessel mask `vessel` already at that size (e.g.
 * `resizeMask(manual1, w, h)`, the evaluation truth): a pixel outside `vessel` is background; a
 * vessel pixel takes the artery/vein/unknown label with most source pixels in its footprint (ties
 * and footprints without labelled pixels → unknown).
 * @throws VesselprintError SHAPE_MISMATCH when `vessel` is not `width x height`
 */
export function resizeLabels(labels: LabelMap, vessel: Mask2D): LabelMap {
  const { width: w, height: h } = vessel;
  const out = new Uint8Array(w * h);
  const sr = labels.height / h;
  const sc = labels.width / w;
  for (let r = 0; r < h; r++) {
    const r0 = Math.floor(r * sr);
    const r1 = Math.max(r0 + 1, Math.min(labels.height, Math.ceil((r + 1) * sr)));
    for (let q = 0; q < w; q++) {
      const k = r * w + q;
      if (vessel.data[k] === 0) continue;
      const q0 = Math.floor(q * sc);
      const q1 = Math.max(q0 + 1, Math.min(labels.width, Math.ceil((q + 1) * sc)));
      const count = [0, 0, 0, 0];
      for (let i = r0; i < r1; i++) for (let j = q0; j < q1; j++) count[labels.data[i * labels.width + j]!]!++;
      const a = count[1]!;
      const v = count[2]!;
      const u = count[3]!;
      out[k] = a > v && a > u ? AV_LABEL.artery : v > a && v > u ? AV_LABEL.vein : AV_LABEL.unknown;
    }
  }
  return { data: out, width: w, height: h };
}

/** The label map at `width x height`, its vessel pixels those of `resizeMask` of its own vessel pixels (see {@link resizeLabels}). */
export function downsampleLabels(labels: LabelMap, width: number, height: number): LabelMap {
  const vessel: Mask2D = { data: labels.data.map((v) => (v !== 0 ? 1 : 0)), width: labels.width, height: labels.height };
  return resizeLabels(labels, resizeMask(vessel, width, height));
}

/** Binary mask of one label code. */
export function labelMask(labels: LabelMap, code: number): Mask2D {
  return { data: labels.data.map((v) => (v === code ? 1 : 0)), width: labels.width, height: labels.height };
}
