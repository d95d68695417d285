import type { Image2D, Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import type { ArteryVeinMaps } from '../segment/arteryVeinMaps.js';

/** Options of {@link predictArteryVeinAdapter}. */
export interface PredictArteryVeinAdapterOptions {
  /** Folder of a trained artery/vein model. */
  modelDir?: string;
  fov?: Mask2D;
}

/**
 * The one place where `retina/` asks the artery/vein CNN for its maps. The multi-class
 * segmenter (`segment/unet/predictArteryVein.ts`, issue 15 item 1) is built in parallel and
 * is not part of this branch yet, so this adapter throws NOT_IMPLEMENTED; when it lands, this
 * function becomes a call of `predictArteryVein(image, { modelDir, fov })`. Until then give the
 * maps yourself (`vesselprint retina --av-maps LABELS`, or `avMapsFromLabels`).
 *
 * @throws VesselprintError NOT_IMPLEMENTED always, in this version
 */
export async function predictArteryVeinAdapter(image: Image2D, options: PredictArteryVeinAdapterOptions = {}): Promise<ArteryVeinMaps> {
  void image;
  throw new VesselprintError(
    'NOT_IMPLEMENTED',
    `the artery/vein CNN (segment/unet/predictArteryVein) is not available in this version of vesselprint (NOT_IMPLEMENTED)${options.modelDir ? `; cannot run the model in ${options.modelDir}` : ''}: give artery/vein maps with --av-maps (a label image: HRF colours or 0 background, 1 artery, 2 vein, 3 crossing)`,
    { field: options.modelDir ? '--model' : '--av-maps' },
  );
}
