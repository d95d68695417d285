import { deflateSync } from 'node:zlib';

/** TIFF 6.0 field types used here. */
const SHORT = 3,
  LONG = 4,
  RATIONAL = 5;

interface Entry {
  tag: number;
  type: number;
  values: number[];
}

/**
 * Encodes samples as a little-endian baseline TIFF 6.0 file with one image: chunky
 * (interleaved) samples, BitsPerSample 8/16 (SampleFormat 1, unsigned) or 32 (SampleFormat 3,
 * IEEE float); PhotometricInterpretation 1 (BlackIsZero) for 1-2 channels, 2 (RGB) for 3-4; the
 * 2nd/4th channel is unassociated alpha (ExtraSamples 2); Adobe-deflate compression (code 8)
 * in strips of up to 64 rows. When `spacingRowColUm` is given, XResolution / YResolution are
 * written as pixels per centimetre (ResolutionUnit 3) as the exact rational
 * 10^7 / round(1000 × spacing µm), so spacings with up to 3 decimals read back exactly;
 * otherwise no resolution tags are written (resolution unknown).
 * The output is a pure function of the inputs.
 *
 * Reference: Adobe TIFF Revision 6.0 (1992), sections 2, 8 and 19; Adobe PageMaker 6.0 TIFF
 * Technical Notes (deflate, code 8).
 *
 * @example encodeTiff(new Float32Array([0.25]), 1, 1, 1).subarray(0, 4) // 'I' 'I' 42 0
 */
export function encodeTiff(
  samples: Uint8Array | Uint16Array | Float32Array,
  width: number,
  height: number,
  channels: number,
  spacingRowColUm?: readonly [number, number],
): Uint8Array {
  if (![1, 2, 3, 4].includes(channels)) throw new RangeError(`encodeTiff: channels must be 1-4, got ${channels}`);
  const bps = samples.BYTES_PER_ELEMENT * 8;
  const rowsPerStrip = Math.min(height, 64);
  const nStrips = Math.ceil(height / rowsPerStrip);
  const rowSamples = width * channels;
  // samples in little-endian byte order (the machine order on every platform Node supports is LE,
  // but write explicitly through a DataView to stay correct everywhere)
  const strips: Buffer[] = [];
  for (let s = 0; s < nStrips; s++) {
    const r0 = s * rowsPerStrip;
    const r1 = Math.min(height, r0 + rowsPerStrip);
    const n = (r1 - r0) * rowSamples;
    const bytes = new Uint8Array(n * samples.BYTES_PER_ELEMENT);
    const dv = new DataView(bytes.buffer);
    const off = r0 * rowSamples;
    for (let i = 0; i < n; i++) {
      const v = samples[off + i]!;
      if (bps === 8) bytes[i] = v;
      else if (bps === 16) dv.setUint16(2 * i, v, true);
      else dv.setFloat32(4 * i, v, true);
    }
    strips.push(deflateSync(bytes, { level: 6 }));
  }
  const entries: Entry[] = [
    { tag: 256, type: LONG, values: [width] },
    { tag: 257, type: LONG, values: [height] },
    { tag: 258, type: SHORT, values: new Array<number>(channels).fill(bps) },
    { tag: 259, type: SHORT, values: [8] },
    { tag: 262, type: SHORT, values: [channels >= 3 ? 2 : 1] },
    { tag: 273, type: LONG, values: new Array<number>(nStrips).fill(0) }, // patched below
    { tag: 277, type: SHORT, values: [channels] },
    { tag: 278, type: LONG, values: [rowsPerStrip] },
    { tag: 279, type: LONG, values: strips.map((b) => b.length) },
  ];
  if (spacingRowColUm !== undefined) {
    // pixels per cm = 1e4 / spacing µm = 1e7 / (1000 spacing)
    entries.push({ tag: 282, type: RATIONAL, values: [1e7, Math.max(1, Math.round(1000 * spacingRowColUm[1]))] });
    entries.push({ tag: 283, type: RATIONAL, values: [1e7, Math.max(1, Math.round(1000 * spacingRowColUm[0]))] });
  }
  entries.push({ tag: 284, type: SHORT, values: [1] });
  if (spacingRowColUm !== undefined) entries.push({ tag: 296, type: SHORT, values: [3] });
  if (channels === 2 || channels === 4) entries.push({ tag: 338, type: SHORT, values: [2] });
  entries.push({ tag: 339, type: SHORT, values: new Array<number>(channels).fill(bps === 32 ? 3 : 1) });

  // layout: header (8) | IFD | out-of-line values | strips
  const ifdSize = 2 + entries.length * 12 + 4;
  const valueBytes = (e: Entry): number => e.values.length * (e.type === SHORT ? 2 : e.type === LONG ? 4 : 4);
  let extraOff = 8 + ifdSize;
  const extraOffsets = new Map<Entry, number>();
  for (const e of entries) {
    if (valueBytes(e) > 4) {
      extraOffsets.set(e, extraOff);
      extraOff += valueBytes(e);
      extraOff += extraOff % 2; // word alignment
    }
  }
  let stripOff = extraOff;
  const stripOffsets = strips.map((b) => {
    const o = stripOff;
    stripOff += b.length;
    return o;
  });
  entries.find((e) => e.tag === 273)!.values = stripOffsets;

  const out = Buffer.alloc(stripOff);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(entries.length, 8);
  const writeValues = (e: Entry, at: number): void => {
    e.values.forEach((v, i) => {
      if (e.type === SHORT) out.writeUInt16LE(v, at + 2 * i);
      else out.writeUInt32LE(v, at + 4 * i); // LONG, and RATIONAL as numerator/denominator pairs
    });
  };
  entries.forEach((e, k) => {
    const p = 10 + 12 * k;
    out.writeUInt16LE(e.tag, p);
    out.writeUInt16LE(e.type, p + 2);
    out.writeUInt32LE(e.type === RATIONAL ? e.values.length / 2 : e.values.length, p + 4);
    const ext = extraOffsets.get(e);
    if (ext === undefined) writeValues(e, p + 8);
    else {
      out.writeUInt32LE(ext, p + 8);
      writeValues(e, ext);
    }
  });
  out.writeUInt32LE(0, 10 + 12 * entries.length); // no next IFD
  strips.forEach((b, i) => b.copy(out, stripOffsets[i]!));
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
