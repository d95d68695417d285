import type { Image2D } from '../core/image.js';
import { getChannel } from '../core/image.js';
import { resize } from '../preprocess/resample.js';
import type { RetinaAnalysis } from './analyzeRetina.js';

/** Options of {@link retinaOverlay}. */
export interface RetinaOverlayOptions {
  /** Longest side of the overlay (px); larger images are scaled down. Default 2000. */
  maxSidePx?: number;
}

/** Defaults of {@link RetinaOverlayOptions}. */
export const DEFAULT_RETINA_OVERLAY: Required<RetinaOverlayOptions> = { maxSidePx: 2000 };

const COLOURS = {
  artery: [230, 30, 30],
  vein: [40, 90, 255],
  unsure: [255, 220, 0],
  ambiguous: [0, 220, 0],
  zone: [0, 230, 230],
  disc: [255, 255, 255],
  discNotFound: [255, 140, 0],
} as const;

/**
 * The grader's view of a retina analysis, as an RGB 8-bit image: the photograph (dimmed to
 * 60 %), centre lines of artery segments in red, vein segments in blue, unsure segments in
 * yellow, ambiguous (crossing / undecided) vessel pixels in green, the optic disc in white,
 * the borders of zone B (2 and 3 disc radii) and the outer border of zone C (5 radii) in
 * cyan, and the vessels combined into CRAE/CRVE (the six widest of each kind) marked with a
 * ring in their colour where they cross the middle of zone B. When no disc was found
 * (`analysis.discFound` false) the detector's candidate is drawn as a dashed orange circle, with
 * no zones and no rings (no calibre was measured).
 *
 * @example writeImage('overlay.png', retinaOverlay(rgb, analyzeRetina(rgb, maps, { fov })))
 */
export function retinaOverlay(image: Image2D, analysis: RetinaAnalysis, options: RetinaOverlayOptions = {}): Image2D<Uint8Array> {
  const maxSide = options.maxSidePx ?? DEFAULT_RETINA_OVERLAY.maxSidePx;
  const { width, height } = image;
  const f = Math.min(1, maxSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * f)),
    h = Math.max(1, Math.round(height * f));
  const out = new Uint8Array(w * h * 3);
  for (let k = 0; k < 3; k++) {
    const ch = resize(getChannel(image, Math.min(k, image.channels - 1)), w, h).data;
    const scale = image.bitDepth === 16 ? 255 / 65535 : 1;
    for (let i = 0; i < w * h; i++) out[i * 3 + k] = Math.max(0, Math.min(255, Math.round(0.6 * ch[i]! * scale)));
  }
  const put = (row: number, col: number, rgb: readonly number[], r = 0): void => {
    const r0 = Math.round(row * f),
      c0 = Math.round(col * f);
    for (let dr = -r; dr <= r; dr++) {
      for (let dc = -r; dc <= r; dc++) {
        const rr = r0 + dr,
          cc = c0 + dc;
        if (rr < 0 || rr >= h || cc < 0 || cc >= w) continue;
        const i = (rr * w + cc) * 3;
        out[i] = rgb[0]!;
        out[i + 1] = rgb[1]!;
        out[i + 2] = rgb[2]!;
      }
    }
  };
  const amb = analysis.vessels.ambiguous;
  for (let i = 0; i < amb.length; i++) if (amb[i]) put(Math.floor(i / width), i % width, COLOURS.ambiguous);
  for (const kind of ['artery', 'vein'] as const) {
    const cv = analysis.vessels[kind];
    for (const s of cv.segments) {
      const colour = s.label === 'unsure' ? COLOURS.unsure : COLOURS[kind];
      for (const p of cv.graph.segments[s.id]!.path) put(Math.floor(p / width), p % width, colour, f < 0.75 ? 0 : 1);
    }
  }
  const { disc } = analysis;
  const circle = (radius: number, rgb: readonly number[], thick: number, dashed = false): void => {
    const n = Math.ceil(2 * Math.PI * radius * f * 1.5);
    for (let k = 0; k < n; k++) {
      if (dashed && Math.floor((16 * k) / n) % 2 === 1) continue;
      const a = (2 * Math.PI * k) / n;
      put(disc.row + radius * Math.sin(a), disc.col + radius * Math.cos(a), rgb, thick);
    }
  };
  if (!analysis.discFound) {
    circle(disc.radiusPx, COLOURS.discNotFound, 1, true);
    return { data: out, width: w, height: h, channels: 3 };
  }
  circle(disc.radiusPx, COLOURS.disc, 1);
  for (const m of [2, 3, 5]) circle(m * disc.radiusPx, COLOURS.zone, 0);
  for (const v of analysis.calibre.vessels) {
    if (!v.used || !Number.isFinite(v.angleRad)) continue;
    const rr = disc.row + 2.5 * disc.radiusPx * Math.sin(v.angleRad),
      cc = disc.col + 2.5 * disc.radiusPx * Math.cos(v.angleRad);
    const ring = Math.max(4, v.widthPx * 1.2);
    const n = Math.ceil(2 * Math.PI * ring * f * 2) + 8;
    for (let k = 0; k < n; k++)
      put(rr + ring * Math.sin((2 * Math.PI * k) / n), cc + ring * Math.cos((2 * Math.PI * k) / n), COLOURS[v.kind], 1);
  }
  return { data: out, width: w, height: h, channels: 3 };
}
