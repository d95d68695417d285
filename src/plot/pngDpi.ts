/**
 * Records a PNG's resolution: inserts (or replaces) the pHYs chunk right after IHDR with
 * pixels per metre = round(dpi / 0.0254), unit 1 (metre) — PNG specification §11.3.5.3.
 */
import { VesselprintError } from '../core/errors.js';

let table: Uint32Array | undefined;
/** CRC-32 (ISO 3309, as PNG §5.5) of bytes. @example crc32(new TextEncoder().encode('IEND')) // 0xae426082 */
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Returns a copy of `png` whose pHYs chunk says `dpi` dots per inch.
 * @throws VesselprintError CORRUPT_FILE when the bytes are not a PNG
 * @example withPngDpi(png, 300) // pHYs = 11811 px/m both ways
 */
export function withPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 33 || !sig.every((b, i) => png[i] === b)) throw new VesselprintError('CORRUPT_FILE', 'withPngDpi: not a PNG');
  if (!(dpi > 0 && Number.isFinite(dpi)))
    throw new VesselprintError('BAD_ARGUMENT', `withPngDpi: dpi must be positive, got ${dpi}`, { field: 'dpi' });
  const ppm = Math.round(dpi / 0.0254);
  const chunk = new Uint8Array(21);
  const dv = new DataView(chunk.buffer);
  dv.setUint32(0, 9);
  chunk.set([0x70, 0x48, 0x59, 0x73], 4); // 'pHYs'
  dv.setUint32(8, ppm);
  dv.setUint32(12, ppm);
  chunk[16] = 1;
  dv.setUint32(17, crc32(chunk.subarray(4, 17)));
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  const src = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let off = 8;
  while (off + 8 <= png.length) {
    const len = src.getUint32(off),
      type = String.fromCharCode(...png.subarray(off + 4, off + 8));
    const end = off + 12 + len;
    if (type !== 'pHYs') parts.push(png.subarray(off, end));
    if (type === 'IHDR') parts.push(chunk);
    off = end;
  }
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Reads the dpi recorded in a PNG's pHYs chunk (undefined when absent or not in metres). */
export function pngDpi(png: Uint8Array): number | undefined {
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let off = 8;
  while (off + 8 <= png.length) {
    const len = dv.getUint32(off),
      type = String.fromCharCode(...png.subarray(off + 4, off + 8));
    if (type === 'pHYs' && png[off + 16] === 1) return dv.getUint32(off + 8) * 0.0254;
    if (type === 'IDAT') return undefined;
    off += 12 + len;
  }
  return undefined;
}
