import { NO_SPACING } from './decoded.js';

/**
 * Reads the physical pixel size from a PNG's `pHYs` chunk (PNG spec §11.3.5.3), when its unit
 * is the metre (unit 1). Returns [row, column] spacing in µm: 1e6 / pixels-per-metre (Y for
 * rows, X for columns), as the shortest decimal that rounds to the stored integer
 * pixels-per-metre (so 10 µm, stored as 100000, and 6.5 µm, stored as 153846, read back as 10
 * and 6.5), or undefined when the chunk is absent, has unit 0 (aspect ratio only)
 * or zero values. Only chunks before the first IDAT are scanned (where pHYs must be).
 *
 * @example pngPhysSpacing(encodePng(new Uint8Array(1), 1, 1, 1, [10, 10])) // [10, 10]
 */
export function pngPhysSpacing(bytes: Uint8Array): [number, number] | undefined {
  const ppm = pngPhysPpm(bytes);
  return ppm && [shortestSpacing(ppm[1]), shortestSpacing(ppm[0])];
}

/**
 * `pHYs` values that writers put when they know no physical size, so not a spacing (like TIFF's
 * 72 dpi, `tiffResolution`): 2835 px/m = 72 dpi (image editors; sharp keeps a JPEG's 72-dpi JFIF
 * density) and 1000 px/m = 1 px/mm (libvips', hence sharp's, default for an image without one).
 */
const WRITER_DEFAULT_PPM: Readonly<Record<number, string>> = {
  2835: '72 dpi (2835 pixels per metre)',
  1000: '1 pixel per mm (libvips default)',
};

/**
 * A PNG's pixel spacing and where it came from, as {@link pngPhysSpacing} reads it, except that
 * the writers' default values (72 dpi, 1 px/mm, the same on both axes) count as unknown.
 * @example pngSpacing(encodePng(new Uint8Array(1), 1, 1, 1, [10, 10])).rowCol // [10, 10]
 */
export function pngSpacing(bytes: Uint8Array): { rowCol?: [number, number]; source: string } {
  const ppm = pngPhysPpm(bytes);
  if (!ppm) return { source: NO_SPACING };
  const d = ppm[0] === ppm[1] ? WRITER_DEFAULT_PPM[ppm[0]] : undefined;
  if (d !== undefined) return { source: `PNG pHYs is ${d}, a writer's default: spacing unknown` };
  return { rowCol: [shortestSpacing(ppm[1]), shortestSpacing(ppm[0])], source: 'PNG pHYs (pixels per metre)' };
}

/** [x, y] pixels per metre of the `pHYs` chunk (before the first IDAT), or undefined (absent, unit 0, zero values). */
function pngPhysPpm(bytes: Uint8Array): [number, number] | undefined {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 8;
  while (p + 8 <= bytes.length) {
    const len = dv.getUint32(p);
    const type = String.fromCharCode(bytes[p + 4]!, bytes[p + 5]!, bytes[p + 6]!, bytes[p + 7]!);
    if (type === 'IDAT' || type === 'IEND') return undefined;
    if (type === 'pHYs' && len === 9 && p + 17 <= bytes.length) {
      const x = dv.getUint32(p + 8),
        y = dv.getUint32(p + 12),
        unit = bytes[p + 16];
      return unit !== 1 || x === 0 || y === 0 ? undefined : [x, y];
    }
    p += 12 + len;
  }
  return undefined;
}

/** Shortest decimal s (µm) with round(1e6 / s) = ppm. */
function shortestSpacing(ppm: number): number {
  const lo = 1e6 / (ppm + 0.5),
    hi = ppm > 0.5 ? 1e6 / (ppm - 0.5) : Infinity;
  for (let d = 0; d <= 12; d++) {
    const f = 10 ** d;
    const c = Math.round((1e6 / ppm) * f) / f;
    if (c > lo && c < hi && Math.round(1e6 / c) === ppm) return c;
  }
  return 1e6 / ppm;
}
