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
      if (unit !== 1 || x === 0 || y === 0) return undefined;
      return [shortestSpacing(y), shortestSpacing(x)];
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
