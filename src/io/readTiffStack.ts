import { open } from 'node:fs/promises';
import { fromFile } from 'geotiff';
import { spacingFromTiffResolution, tiffResolutionTags } from './tiffResolution.js';
import type { Image2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import type { FrameSource, VideoInfo } from './videoTypes.js';
import { readRawStrips } from './readRawStrips.js';

/**
 * Opens a multi-page TIFF (8- or 16-bit, grey or RGB; one page per frame) as a frame source. Pages are
 * read one at a time (plain uncompressed strips directly, {@link readRawStrips}; anything else through
 * geotiff.js's file-range reader), so the file is never loaded whole.
 * Frame rate: ImageJ's ImageDescription keys `fps=` or `finterval=` (seconds per frame) when present.
 * Spacing: the first page's XResolution / ResolutionUnit, read as {@link readImage} does for one TIFF
 * (read from the first 64 KiB of the file).
 *
 * @throws VesselprintError CORRUPT_FILE when the file is not a readable TIFF, SHAPE_MISMATCH when pages differ in size
 * @example (await openTiffStack('rec.tif')).info.frames // 450
 */
export async function openTiffStack(path: string): Promise<FrameSource> {
  let tiff: Awaited<ReturnType<typeof fromFile>>;
  let count: number;
  try {
    tiff = await fromFile(path);
    count = await tiff.getImageCount();
  } catch (e) {
    throw new VesselprintError('CORRUPT_FILE', `not a readable TIFF: ${(e as Error).message}`, { path, cause: e });
  }
  const first = await tiff.getImage(0).catch(async (e: unknown) => {
    await tiff.close();
    throw e;
  });
  const width = first.getWidth(),
    height = first.getHeight(),
    channels = first.getSamplesPerPixel();
  const fd = first.fileDirectory;
  const descRaw: unknown = await fd.loadValue('ImageDescription').catch(() => undefined);
  await tiff.close();
  const desc = typeof descRaw === 'string' ? descRaw : '';
  const fpsM = /(?:^|\n)fps=([0-9.eE+-]+)/.exec(desc),
    finM = /(?:^|\n)finterval=([0-9.eE+-]+)/.exec(desc);
  let fps: number | undefined,
    fpsSource = 'unknown (no ImageJ fps/finterval in the TIFF description)';
  if (fpsM && Number(fpsM[1]) > 0) {
    fps = Number(fpsM[1]);
    fpsSource = 'TIFF ImageDescription fps=';
  } else if (finM && Number(finM[1]) > 0) {
    fps = 1 / Number(finM[1]);
    fpsSource = 'TIFF ImageDescription finterval=';
  }
  // resolution tags of the first IFD, read from the head of the file (writers put it there)
  const fh = await open(path, 'r');
  const head = new Uint8Array(65536);
  const { bytesRead } = await fh.read(head, 0, head.length, 0).finally(() => fh.close());
  const sp = spacingFromTiffResolution(tiffResolutionTags(head.subarray(0, bytesRead)));
  const spacingUm = sp.rowCol?.[1],
    spacingSource = sp.source;
  const info: VideoInfo = { path, format: 'tiff-stack', width, height, channels, frames: count, fpsSource, spacingSource };
  if (fps !== undefined) info.fps = fps;
  if (spacingUm !== undefined) info.spacingUm = spacingUm;
  return {
    info,
    async *frames(): AsyncIterable<Image2D> {
      const file = await fromFile(path); // one file handle per pass, closed when the pass ends or is abandoned
      const fh = await open(path, 'r').catch(async (e: unknown) => {
        await file.close();
        throw e;
      }); // plain strips are read directly (readRawStrips)
      try {
        for (let i = 0; i < count; i++) {
          const im = await file.getImage(i);
          if (im.getWidth() !== width || im.getHeight() !== height || im.getSamplesPerPixel() !== channels) {
            throw new VesselprintError(
              'SHAPE_MISMATCH',
              `page ${i} is ${im.getWidth()}x${im.getHeight()}x${im.getSamplesPerPixel()}, page 0 is ${width}x${height}x${channels}`,
              { path },
            );
          }
          let data = await readRawStrips(im, fh);
          if (data === null) {
            const raw = await im.readRasters({ interleave: true });
            data =
              raw instanceof Uint8Array || raw instanceof Uint16Array || raw instanceof Float32Array
                ? raw
                : Float32Array.from(raw as ArrayLike<number>);
          }
          const img: Image2D = { data, width, height, channels, bitDepth: im.getBitsPerSample(0) };
          if (spacingUm !== undefined) img.spacingUm = spacingUm;
          yield img;
        }
      } finally {
        await fh.close();
        await file.close();
      }
    },
  };
}
