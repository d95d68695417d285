/** Types of the CNN attribution maps. */
import type { Mask2D } from '../../core/image.js';

/** One input image for a tfjs model: row-major height × width × channels values. */
export interface ModelInput {
  data: Float32Array;
  width: number;
  height: number;
  channels: number;
}

/** A per-pixel attribution map (row-major, input resolution). */
export interface AttributionMap {
  data: Float32Array;
  width: number;
  height: number;
  /** What made it, e.g. 'grad-cam(layer=enc2_conv2)'. */
  method: string;
}

export interface TargetOptions {
  /** Region of interest: the explained scalar is the sum of the output over these pixels (output resolution). Default: all pixels. */
  roi?: Mask2D;
  /** Output channel. Default 0. */
  channel?: number;
}
