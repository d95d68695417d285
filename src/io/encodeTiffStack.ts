/** Options of {@link encodeTiffStack}. */
export interface EncodeTiffStackOptions {
  /** Frames per second, written ImageJ-style in the first page's ImageDescription (`fps=`, `finterval=`). */
  fps?: number;
  /** µm per pixel, written as XResolution/YResolution in pixels per cm (ResolutionUnit 3) on every page. */
  spacingUm?: number;
}

/**
 * Encodes equally sized grey frames (8- or 16-bit) as one uncompressed little-endian multi-page
 * TIFF 6.0 file: one IFD per page, chained through the next-IFD offsets, one strip per page. The
 * first page carries an ImageJ-style ImageDescription (`ImageJ=1.11a\nimages=N\nframes=N\nfps=F\nfinterval=1/F\nunit=micron\n`),
 * which ImageJ/Fiji read as a time series.
 *
 * Reference: Adobe TIFF Revision 6.0 (1992), sections 2 and 8; ImageJ hyperstack TIFF description keys.
 *
 * @throws RangeError when frames are empty or differ in size
 * @example encodeTiffStack([a, b], 64, 48, { fps: 30 }) // a 2-page TIFF
 */
export function encodeTiffStack(
  frames: readonly (Uint8Array | Uint16Array)[],
  width: number,
  height: number,
  options: EncodeTiffStackOptions = {},
): Uint8Array {
  if (frames.length === 0) throw new RangeError('encodeTiffStack: no frames');
  const bps = frames[0]!.BYTES_PER_ELEMENT * 8;
  for (const f of frames) {
    if (f.length !== width * height || f.BYTES_PER_ELEMENT * 8 !== bps)
      throw new RangeError(`encodeTiffStack: every frame must hold ${width}x${height} samples of ${bps} bits`);
  }
  const desc = ['ImageJ=1.11a', `images=${frames.length}`, `frames=${frames.length}`];
  if (options.fps !== undefined) desc.push(`fps=${options.fps}`, `finterval=${1 / options.fps}`);
  if (options.spacingUm !== undefined) desc.push('unit=micron');
  const descBytes = Buffer.from(desc.join('\n') + '\n\0', 'latin1');
  const pageBytes = width * height * (bps / 8);
  const nTags = (i: number): number => 9 + (options.spacingUm !== undefined ? 3 : 0) + (i === 0 ? 1 : 0);
  // layout per page: IFD (2 + 12 n + 4) | resolution rationals (16) | [description] | pixels
  let size = 8;
  const offsets = frames.map((_, i) => {
    const ifd = size;
    size += 2 + 12 * nTags(i) + 4;
    const res = size;
    if (options.spacingUm !== undefined) size += 16;
    const de = size;
    if (i === 0) size += descBytes.length + (descBytes.length % 2);
    const px = size;
    size += pageBytes + (pageBytes % 2);
    return { ifd, res, de, px };
  });
  const out = Buffer.alloc(size);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  const ppcm = options.spacingUm !== undefined ? [1e7, Math.max(1, Math.round(1000 * options.spacingUm))] : null;
  frames.forEach((f, i) => {
    const o = offsets[i]!;
    const tags: [number, number, number, number][] = [
      // tag, type, count, value/offset (sorted by tag)
      [256, 4, 1, width],
      [257, 4, 1, height],
      [258, 3, 1, bps],
      [259, 3, 1, 1],
      [262, 3, 1, 1],
    ];
    if (i === 0) tags.push([270, 2, descBytes.length, o.de]);
    tags.push([273, 4, 1, o.px], [277, 3, 1, 1], [278, 4, 1, height], [279, 4, 1, pageBytes]);
    if (ppcm) tags.push([282, 5, 1, o.res], [283, 5, 1, o.res + 8], [296, 3, 1, 3]);
    let p = o.ifd;
    out.writeUInt16LE(tags.length, p);
    p += 2;
    for (const [tag, type, count, value] of tags) {
      out.writeUInt16LE(tag, p);
      out.writeUInt16LE(type, p + 2);
      out.writeUInt32LE(count, p + 4);
      if (type === 3) out.writeUInt16LE(value, p + 8);
      else out.writeUInt32LE(value, p + 8);
      p += 12;
    }
    out.writeUInt32LE(i + 1 < frames.length ? offsets[i + 1]!.ifd : 0, p);
    if (ppcm) {
      out.writeUInt32LE(ppcm[0]!, o.res);
      out.writeUInt32LE(ppcm[1]!, o.res + 4);
      out.writeUInt32LE(ppcm[0]!, o.res + 8);
      out.writeUInt32LE(ppcm[1]!, o.res + 12);
    }
    if (i === 0) descBytes.copy(out, o.de);
    if (bps === 8) out.set(f as Uint8Array, o.px);
    else for (let k = 0; k < f.length; k++) out.writeUInt16LE(f[k]!, o.px + 2 * k);
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
