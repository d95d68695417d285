import type { Image2D, Mask2D } from '../core/image.js';
import { createMask } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import { encodePng } from '../io/encodePng.js';
import { selectChannel } from '../core/channel.js';
import { estimateFov } from '../preprocess/fov.js';
import { qualityMeasures } from '../pipeline/qualityControl.js';
import type { QualityMeasures } from '../pipeline/qualityControl.js';

/**
 * Helpers the notebooks use to show images and quality measures. They are thin on purpose:
 * the notebooks stay narrative plus calls (DESIGN.md, "Notebooks").
 */

const isMask = (x: Image2D | Mask2D): x is Mask2D => !('channels' in x);

/**
 * 8-bit samples for display: an image is scaled linearly from its own minimum and maximum to
 * 0–255 per sample (all channels together; a constant image becomes 0); a mask becomes 0/255.
 * Channels are kept (1 grey, 3 RGB, …).
 * @example toDisplayBytes({ data: new Float32Array([0, 0.5, 1]), width: 3, height: 1, channels: 1 }) // Uint8Array [0, 128, 255]
 */
export function toDisplayBytes(x: Image2D | Mask2D): { bytes: Uint8Array; channels: number } {
  if (isMask(x)) return { bytes: Uint8Array.from(x.data, (v) => (v ? 255 : 0)), channels: 1 };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x.data) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const span = hi > lo ? hi - lo : 1;
  return { bytes: Uint8Array.from(x.data, (v) => Math.round(((v - lo) / span) * 255)), channels: x.channels };
}

/**
 * A PNG `data:` URL of an image or mask (display scaling of {@link toDisplayBytes}) for an
 * `<img src>` in notebook HTML output or a report page.
 * @example imagePngDataUrl(mask).startsWith('data:image/png;base64,') // true
 */
export function imagePngDataUrl(x: Image2D | Mask2D): string {
  const { bytes, channels } = toDisplayBytes(x);
  return `data:image/png;base64,${Buffer.from(encodePng(bytes, x.width, x.height, channels)).toString('base64')}`;
}

/**
 * An RGB overlay of a binary segmentation on a grey image, coloured by agreement with a
 * reference mask: true positives white, false positives magenta (255, 0, 255), false negatives
 * green (0, 200, 0); background is the image (display-scaled) at half brightness. Without a
 * reference every predicted pixel is white.
 * @throws VesselprintError `SHAPE_MISMATCH` when the sizes differ
 */
export function segmentationOverlay(image: Image2D, predicted: Mask2D, reference?: Mask2D): Image2D<Uint8Array> {
  const { width, height } = image;
  for (const [name, m] of [['predicted', predicted], ['reference', reference]] as const) {
    if (m !== undefined && (m.width !== width || m.height !== height)) {
      throw new VesselprintError('SHAPE_MISMATCH', `segmentationOverlay: ${name} mask is ${m.width}x${m.height}, image is ${width}x${height}`, { field: name });
    }
  }
  const grey = toDisplayBytes(selectChannel(image, 'auto'));
  const out = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const p = predicted.data[i] !== 0;
    const t = reference === undefined ? p : reference.data[i] !== 0;
    const rgb = p && t ? [255, 255, 255] : p ? [255, 0, 255] : t ? [0, 200, 0] : [grey.bytes[i]! >> 1, grey.bytes[i]! >> 1, grey.bytes[i]! >> 1];
    out.set(rgb, i * 3);
  }
  return { data: out, width, height, channels: 3 };
}

/**
 * The pipeline's image-quality measures (field-of-view fraction, focus, RMS contrast,
 * illumination unevenness, mean intensity; see `pipeline/qualityControl.ts`) of one image's
 * green channel (grey images: their only channel), inside `fov` or, when none is given, inside
 * the field of view estimated by `preprocess.estimateFov`.
 * @throws VesselprintError `SHAPE_MISMATCH` when the FOV mask's size differs from the image's
 */
export function imageQuality(image: Image2D, fov?: Mask2D): QualityMeasures {
  const mask = fov ?? (image.channels >= 3 ? estimateFov(image) : fillMask(image));
  if (mask.width !== image.width || mask.height !== image.height) {
    throw new VesselprintError('SHAPE_MISMATCH', `imageQuality: FOV mask is ${mask.width}x${mask.height}, image is ${image.width}x${image.height}`, { field: 'fov' });
  }
  return qualityMeasures(selectChannel(image, 'green'), mask);
}

function fillMask(image: Image2D): Mask2D {
  const m = createMask(image.width, image.height, image.spacingUm);
  m.data.fill(1);
  return m;
}

/**
 * An `<img>` tag showing SVG text through a base64 `data:image/svg+xml` URL. Notebook outputs of
 * type `image/svg+xml` lose their drawing in `jupyter nbconvert --to html` (its sanitiser keeps
 * only the text of inline SVG), while an image URL survives and stays vector.
 * @param svg SVG text or its UTF-8 bytes (e.g. from `plot.renderFigure(fig, 'svg')`)
 * @throws VesselprintError `BAD_ARGUMENT` when the text holds no `<svg` element
 * @example svgImgHtml('<svg xmlns="http://www.w3.org/2000/svg"/>') // '<img alt="figure" src="data:image/svg+xml;base64,…">'
 */
export function svgImgHtml(svg: string | Uint8Array, alt = 'figure'): string {
  const text = typeof svg === 'string' ? svg : Buffer.from(svg).toString('utf8');
  if (!text.includes('<svg')) throw new VesselprintError('BAD_ARGUMENT', 'svgImgHtml: expected SVG text containing <svg', { field: 'svg' });
  const safeAlt = alt.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<img alt="${safeAlt}" src="data:image/svg+xml;base64,${Buffer.from(text, 'utf8').toString('base64')}">`;
}
