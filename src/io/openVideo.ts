import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { VesselprintError } from '../core/errors.js';
import { openFrameFolder } from './readFrameFolder.js';
import { openTiffStack } from './readTiffStack.js';
import { openVideoFfmpeg } from './readVideoFfmpeg.js';
import type { FrameSource } from './videoTypes.js';

/** Options of {@link openVideo}: values that override (or fill in) what the file records. */
export interface OpenVideoOptions {
  /** Frames per second. */
  fps?: number;
  /** µm per pixel. */
  spacingUm?: number;
}

/**
 * Opens a recording for streaming: a folder → numbered frame images ({@link openFrameFolder}); `.tif`/`.tiff`
 * → multi-page TIFF ({@link openTiffStack}); anything else → a video container through ffmpeg
 * ({@link openVideoFfmpeg}). `fps` and `spacingUm` override the file's values (their sources then say "given").
 *
 * @throws VesselprintError FILE_NOT_FOUND when the path does not exist, BAD_ARGUMENT for non-positive overrides
 * @example const v = await openVideo('rec.tif', { spacingUm: 2.5 }); for await (const f of v.frames()) …
 */
export async function openVideo(path: string, options: OpenVideoOptions = {}): Promise<FrameSource> {
  for (const k of ['fps', 'spacingUm'] as const) {
    const v = options[k];
    if (v !== undefined && !(Number.isFinite(v) && v > 0))
      throw new VesselprintError('BAD_ARGUMENT', `${k} must be a positive number, got ${v}`, { field: k });
  }
  const s = await stat(path).catch(() => null);
  if (!s) throw new VesselprintError('FILE_NOT_FOUND', 'no such file or folder', { path });
  const ext = extname(path).toLowerCase();
  const src = s.isDirectory()
    ? await openFrameFolder(path)
    : ext === '.tif' || ext === '.tiff'
      ? await openTiffStack(path)
      : await openVideoFfmpeg(path);
  if (options.fps !== undefined) {
    src.info.fps = options.fps;
    src.info.fpsSource = 'given';
  }
  if (options.spacingUm !== undefined) {
    src.info.spacingUm = options.spacingUm;
    src.info.spacingSource = 'given';
  }
  return src;
}
