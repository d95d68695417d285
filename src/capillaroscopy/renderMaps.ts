import type { Image2D } from '../core/image.js';
import type { PerfusionMaps } from './types.js';
import type { CapillaryDetection } from './detectCapillaries.js';
import type { CountingField } from './recordingMeasures.js';

/**
 * A float map stretched to 8 bits between its 0.5th and 99.5th percentiles (for viewing; the
 * values themselves are in the maps), with the maps' spacing.
 */
export function mapToImage(values: Float32Array, maps: PerfusionMaps): Image2D<Uint8Array> {
  const s = Float32Array.from(values).sort();
  const lo = s[Math.floor(0.005 * (s.length - 1))]!,
    hi = s[Math.ceil(0.995 * (s.length - 1))]!;
  const k = hi > lo ? 255 / (hi - lo) : 0;
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = Math.max(0, Math.min(255, Math.round((values[i]! - lo) * k)));
  return { data, width: maps.width, height: maps.height, channels: 1, spacingUm: maps.spacingUm };
}

/**
 * RGB overlay of the detection on the mean map: the outline of each capillary (its pixels with a
 * background 4-neighbour) in green when perfused, magenta when not; capillaries outside the counting
 * field in grey; the counting field's border in yellow.
 */
export function overlayImage(
  maps: PerfusionMaps,
  detection: CapillaryDetection,
  field: CountingField,
  counted: readonly boolean[],
): Image2D<Uint8Array> {
  const base = mapToImage(maps.mean, maps);
  const { width, height } = maps;
  const out = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = base.data[i]!;
  const paint = (i: number, rgb: readonly [number, number, number]): void => {
    out[3 * i] = rgb[0];
    out[3 * i + 1] = rgb[1];
    out[3 * i + 2] = rgb[2];
  };
  const lab = detection.labels;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const i = r * width + c,
        l = lab[i]!;
      if (l === 0) continue;
      const edge =
        r === 0 ||
        c === 0 ||
        r === height - 1 ||
        c === width - 1 ||
        lab[i - 1] !== l ||
        lab[i + 1] !== l ||
        lab[i - width] !== l ||
        lab[i + width] !== l;
      if (!edge) continue;
      const cap = detection.capillaries[l - 1]!;
      paint(i, !counted[l - 1] ? [150, 150, 150] : cap.perfused ? [0, 220, 0] : [230, 0, 230]);
    }
  }
  const fr0 = field.row0 - maps.row0,
    fc0 = field.col0 - maps.col0;
  for (let r = fr0; r < fr0 + field.rows; r++) for (const c of [fc0, fc0 + field.cols - 1]) paint(r * width + c, [255, 220, 0]);
  for (let c = fc0; c < fc0 + field.cols; c++) for (const r of [fr0, fr0 + field.rows - 1]) paint(r * width + c, [255, 220, 0]);
  return { data: out, width, height, channels: 3, spacingUm: maps.spacingUm };
}
