import { deflateSync, crc32 } from 'node:zlib';

/**
 * Encodes samples as a PNG file (ISO/IEC 15948 / W3C PNG 2nd ed.): colour type 0 (grey),
 * 4 (grey + alpha), 2 (RGB) or 6 (RGBA) by channel count; 8- or 16-bit big-endian samples;
 * filter type 0 on every row; zlib-deflated IDAT. When `spacingRowColUm` is given a `pHYs` chunk
 * records it as pixels per metre (unit 1), rounded to an integer: X = 1e6 / column spacing,
 * Y = 1e6 / row spacing.
 * The output is a pure function of the inputs (byte-identical for identical inputs).
 *
 * @param samples row-major interleaved samples; Uint8Array for 8-bit, Uint16Array for 16-bit
 * @example encodePng(new Uint8Array([0, 255]), 2, 1, 1).subarray(0, 4) // 0x89 'P' 'N' 'G'
 */
export function encodePng(
  samples: Uint8Array | Uint16Array,
  width: number,
  height: number,
  channels: number,
  spacingRowColUm?: readonly [number, number],
): Uint8Array {
  const bytesPerSample = samples instanceof Uint16Array ? 2 : 1;
  const colourType = ({ 1: 0, 2: 4, 3: 2, 4: 6 } as Record<number, number>)[channels];
  if (colourType === undefined) throw new RangeError(`encodePng: channels must be 1-4, got ${channels}`);
  const rowBytes = width * channels * bytesPerSample;
  const raw = Buffer.alloc((rowBytes + 1) * height);
  for (let r = 0; r < height; r++) {
    const o = r * (rowBytes + 1); // raw[o] = 0: filter type None
    const s0 = r * width * channels;
    if (bytesPerSample === 1) {
      raw.set(samples.subarray(s0, s0 + width * channels), o + 1);
    } else {
      for (let i = 0; i < width * channels; i++) raw.writeUInt16BE(samples[s0 + i]!, o + 1 + 2 * i);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bytesPerSample * 8;
  ihdr[9] = colourType;
  // compression 0, filter method 0, interlace 0
  const chunks: Buffer[] = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr)];
  if (spacingRowColUm !== undefined) {
    const phys = Buffer.alloc(9);
    phys.writeUInt32BE(Math.round(1e6 / spacingRowColUm[1]), 0);
    phys.writeUInt32BE(Math.round(1e6 / spacingRowColUm[0]), 4);
    phys[8] = 1; // unit: metre
    chunks.push(pngChunk('pHYs', phys));
  }
  chunks.push(pngChunk('IDAT', deflateSync(raw, { level: 6 })), pngChunk('IEND', Buffer.alloc(0)));
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * One PNG chunk: length, type, data and the CRC-32 of type + data (PNG spec §5.3).
 * @example pngChunk('IEND', Buffer.alloc(0)).length // 12
 */
export function pngChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
