/**
 * Per-pixel artery/vein probabilities of a fundus image, as produced by a multi-class
 * (background, artery, vein) segmenter and consumed by `retina/` (segment labelling, CRAE/CRVE).
 *
 * All arrays are row-major, `width * height` long, values in [0, 1]:
 * - `artery`, `vein`: softmax probabilities of the two vessel classes (background is
 *   `1 - artery - vein`);
 * - `vessel`: probability that the pixel is a vessel of either kind (`artery + vein` for a
 *   softmax model, or the output of a separate vessel head).
 */
export interface ArteryVeinMaps {
  width: number;
  height: number;
  /** µm per pixel of the maps, when known. */
  spacingUm?: number;
  vessel: Float32Array;
  artery: Float32Array;
  vein: Float32Array;
  /** CNN maps: image px per network px (the model's training factor, or the FOV-scaled one; `predictArteryVein`). */
  networkDownsample?: number;
}
