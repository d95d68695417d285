import { NO_SPACING } from './decoded.js';

/** The resolution tags of a TIFF's first image (TIFF 6.0 §8): pixels per unit; unit 1 none, 2 inch, 3 cm. */
export interface TiffResolution {
  x?: number;
  y?: number;
  unit?: number;
}

/**
 * Reads XResolution (282), YResolution (283) and ResolutionUnit (296) from the first IFD of a
 * classic TIFF (little or big endian) without decoding the image. BigTIFF or a damaged header →
 * `{}` (no resolution known).
 * @example tiffResolutionTags(encodeTiff(new Uint8Array(1), 1, 1, 1, [10, 10])) // { x: 1000, y: 1000, unit: 3 }
 */
export function tiffResolutionTags(bytes: Uint8Array): TiffResolution {
  if (bytes.length < 8) return {};
  const le = bytes[0] === 0x49;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint16(2, le) !== 42) return {};
  const ifd = dv.getUint32(4, le);
  if (ifd + 2 > bytes.length) return {};
  const n = dv.getUint16(ifd, le);
  const out: TiffResolution = {};
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + 12 * i;
    if (e + 12 > bytes.length) break;
    const tag = dv.getUint16(e, le),
      type = dv.getUint16(e + 2, le);
    if ((tag === 282 || tag === 283) && type === 5) {
      const off = dv.getUint32(e + 8, le);
      if (off + 8 > bytes.length) continue;
      const den = dv.getUint32(off + 4, le);
      const v = den === 0 ? NaN : dv.getUint32(off, le) / den;
      if (tag === 282) out.x = v;
      else out.y = v;
    } else if (tag === 296 && type === 3) {
      out.unit = dv.getUint16(e + 8, le);
    }
  }
  return out;
}

/**
 * Pixel spacing from TIFF resolution tags: µm = 25400 / res (inch, the default unit) or
 * 10000 / res (cm); Y → rows, X → columns. Unknown when a tag is absent or zero, when the unit
 * is 1 (none), or at exactly 72 × 72 dpi, the placeholder most writers put when they know nothing.
 */
export function spacingFromTiffResolution(r: TiffResolution): { rowCol?: [number, number]; source: string } {
  if (r.x === undefined || r.y === undefined) return { source: NO_SPACING };
  const unit = r.unit ?? 2;
  if (unit === 1) return { source: 'TIFF ResolutionUnit is 1 (no absolute unit): spacing unknown' };
  if (!(r.x > 0) || !(r.y > 0) || !Number.isFinite(r.x) || !Number.isFinite(r.y))
    return { source: 'TIFF resolution tags are zero or invalid: spacing unknown' };
  if (unit === 2 && r.x === 72 && r.y === 72) return { source: 'TIFF resolution is 72 dpi, the usual writer placeholder: spacing unknown' };
  const perUnitUm = unit === 3 ? 1e4 : 25400;
  return { rowCol: [perUnitUm / r.y, perUnitUm / r.x], source: `TIFF XResolution/YResolution (${unit === 3 ? 'cm' : 'inch'})` };
}
