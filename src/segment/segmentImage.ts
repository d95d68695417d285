/**
 * One entry point for every segmenter, used by the `segment` command and the pipeline:
 * dispatches on `method` (a checked union). Classical methods run here; 'unet' is the hook for
 * the learned segmenter in src/segment/unet/ (see the case below).
 */
import type { Image2D, Mask2D } from '../core/image.js';
import { oneOf } from '../core/errors.js';
import { segmentVessels, type SegmentVesselsOptions } from './classical/segmentVessels.js';
import type { Modality } from '../core/modality.js';

/** Every segmentation method the CLI accepts. */
export type SegmentMethod = 'frangi' | 'line' | 'unet';
export const SEGMENT_METHODS: readonly SegmentMethod[] = ['frangi', 'line', 'unet'];

export interface SegmentImageOptions {
  /** Segmenter (default 'frangi'). */
  method?: SegmentMethod;
  /** FOV mask; estimated when absent. */
  fov?: Mask2D;
  /** Modality defaults for the classical methods (default 'fundus'). */
  modality?: Modality;
  /** Folder of a trained model (method 'unet' only). */
  modelDir?: string;
  /** Worker threads of U-Net inference (method 'unet' only; default 1 = this thread). */
  workers?: number;
  /** Further options of the classical pipeline. */
  classical?: Omit<SegmentVesselsOptions, 'method' | 'fov' | 'modality'>;
}

/** Output common to all segmenters. */
export interface SegmentImageResult {
  /** Vessel probability in [0, 1], 0 outside the FOV. */
  probability: Image2D<Float32Array>;
  /** Binary mask, 1 = vessel. */
  mask: Mask2D;
  /** FOV used. */
  fov: Mask2D;
  /** Threshold of the method on its own response scale (for the classical methods it maps to 0.5 in `probability`). */
  threshold: number;
}

/**
 * Segments vessels with the chosen method.
 * @throws VesselprintError BAD_ARGUMENT for an unknown method; FILE_NOT_FOUND for a 'unet'
 *   model folder without model.json
 * @example await segmentImage(rgb, { method: 'frangi' }) // { probability, mask, fov, threshold }
 */
export async function segmentImage(img: Image2D, options: SegmentImageOptions = {}): Promise<SegmentImageResult> {
  const method = oneOf('method', options.method ?? 'frangi', SEGMENT_METHODS);
  switch (method) {
    case 'frangi':
    case 'line': {
      const r = segmentVessels(img, {
        ...options.classical,
        method,
        ...(options.fov ? { fov: options.fov } : {}),
        ...(options.modality ? { modality: options.modality } : {}),
      });
      return { probability: r.probability, mask: r.mask, fov: r.fov, threshold: r.threshold };
    }
    case 'unet': {
      // The learned segmenter (src/segment/unet/); without modelDir the shipped HRF-trained model.
      const { segmentUnet } = await import('./unet/segmentUnet.js');
      const r = await segmentUnet(img, options.modelDir, {
        ...(options.fov ? { fov: options.fov } : {}),
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
      });
      return { probability: r.probability, mask: r.mask, fov: r.fov, threshold: r.threshold };
    }
  }
}
