import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Image2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import { decodeImageFile, readImage } from './readImage.js';
import type { FrameSource, VideoInfo } from './videoTypes.js';

const FRAME_EXTENSIONS = new Set(['.png', '.tif', '.tiff', '.jpg', '.jpeg', '.bmp', '.gif', '.dcm']);

/**
 * The image files of a folder in frame order: files with an image extension whose name contains a
 * number, sorted by the last number in the name (frame_2.png before frame_10.png).
 *
 * @throws VesselprintError EMPTY_INPUT when no numbered image file is there, BAD_ARGUMENT when two files share a number
 */
export async function numberedFrames(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => FRAME_EXTENSIONS.has(extname(n).toLowerCase()));
  const numbered = names
    .map((n) => {
      const m = /(\d+)(?!.*\d)/.exec(n);
      return { n, k: m ? Number(m[1]) : NaN };
    })
    .filter((x) => Number.isFinite(x.k));
  if (numbered.length === 0)
    throw new VesselprintError('EMPTY_INPUT', `no numbered frame images (${[...FRAME_EXTENSIONS].join(', ')}) in the folder`, {
      path: dir,
    });
  numbered.sort((a, b) => a.k - b.k);
  for (let i = 1; i < numbered.length; i++) {
    if (numbered[i]!.k === numbered[i - 1]!.k)
      throw new VesselprintError('BAD_ARGUMENT', `frames ${numbered[i - 1]!.n} and ${numbered[i]!.n} have the same number`, { path: dir });
  }
  return numbered.map((x) => join(dir, x.n));
}

/**
 * Opens a folder of numbered frame images (any format {@link readImage} reads) as a frame source;
 * frames are decoded one at a time. The folder records no frame rate; the spacing is the first
 * frame's, when its file stores one.
 *
 * @throws VesselprintError EMPTY_INPUT (no frames), SHAPE_MISMATCH (a frame of another size)
 */
export async function openFrameFolder(dir: string): Promise<FrameSource> {
  const files = await numberedFrames(dir);
  const first = await decodeImageFile(files[0]!);
  const { width, height, channels } = first.image;
  const info: VideoInfo = {
    path: dir,
    format: 'frame-folder',
    width,
    height,
    channels,
    frames: files.length,
    fpsSource: 'unknown (a folder of frames records no frame rate)',
    spacingSource: first.info.spacingSource,
  };
  if (first.image.spacingUm !== undefined) info.spacingUm = first.image.spacingUm;
  return {
    info,
    async *frames(): AsyncIterable<Image2D> {
      for (const f of files) {
        const img = await readImage(f);
        if (img.width !== width || img.height !== height || img.channels !== channels) {
          throw new VesselprintError(
            'SHAPE_MISMATCH',
            `frame is ${img.width}x${img.height}x${img.channels}, the first frame is ${width}x${height}x${channels}`,
            { path: f },
          );
        }
        yield img;
      }
    },
  };
}
