import type { Image2D } from '../core/image.js';

/** Container kinds {@link openVideo} reads. */
export type VideoFormat = 'tiff-stack' | 'frame-folder' | 'ffmpeg';

/** What is known about a recording before its frames are decoded. */
export interface VideoInfo {
  path: string;
  format: VideoFormat;
  width: number;
  height: number;
  channels: number;
  /** Number of frames when the container says (TIFF pages, files in the folder, ffprobe's count); undefined when unknown. */
  frames?: number;
  /** Frames per second, when known. */
  fps?: number;
  /** Where the frame rate came from, or why there is none. */
  fpsSource: string;
  /** µm per pixel, when known. */
  spacingUm?: number;
  spacingSource: string;
}

/** A recording whose frames are decoded one at a time (never all in memory). */
export interface FrameSource {
  info: VideoInfo;
  /** Frames in order; each iteration re-reads the file. */
  frames(): AsyncIterable<Image2D>;
}
