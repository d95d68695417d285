/**
 * An image with overlays as a Plotly spec: the image (grey as a heatmap on a grey scale, RGB as
 * an `image` trace) under binary masks (segmentation, skeleton, branch points; drawn in one
 * colour with transparent background) and continuous maps (attribution, local calibre, a
 * radiomics feature map; a colour scale with transparent NaN). Large images are reduced by an
 * integer stride (nearest neighbour) so the longer side is ≤ `maxSide` pixels; rows go down.
 */
import { VesselprintError } from '../core/errors.js';
import type { Image2D, Mask2D } from '../core/image.js';
import { SIGNED_DIVERGING } from './palettes.js';
import { sig6 } from './shapOrder.js';
import type { Figure, PlotlyTrace } from './types.js';

export type Overlay =
  | { kind: 'mask'; mask: Mask2D; color?: string; opacity?: number; name?: string }
  | {
      kind: 'map';
      values: ArrayLike<number>;
      width: number;
      height: number;
      name?: string;
      opacity?: number;
      /** 'signed' (diverging, symmetric around 0; attributions), 'viridis' or 'cividis' (magnitudes). Default 'signed'. */
      colorscale?: 'signed' | 'viridis' | 'cividis';
      /** Values with |v| below this are transparent. Default 0 (only NaN transparent). */
      threshold?: number;
    };

export interface ImageFigureOptions {
  /** Longest side after striding. Default 400. */
  maxSide?: number;
  /** Show a colour bar for the first map. Default true. */
  colorbar?: boolean;
}

function stride(w: number, h: number, maxSide: number): number {
  return Math.max(1, Math.ceil(Math.max(w, h) / maxSide));
}

function grid<T>(w: number, h: number, s: number, at: (r: number, c: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = 0; r < h; r += s) {
    const row: T[] = [];
    for (let c = 0; c < w; c += s) row.push(at(r, c));
    out.push(row);
  }
  return out;
}

/**
 * Builds the overlay spec.
 * @throws VesselprintError SHAPE_MISMATCH when an overlay's size differs from the image's
 * @example imageFigure(fundus, [{ kind: 'mask', mask: vessels, color: '#E69F00' }, { kind: 'map', values: gradCam, width: 512, height: 512 }])
 */
export function imageFigure(image: Image2D, overlays: readonly Overlay[] = [], options: ImageFigureOptions = {}): Figure {
  const { width: w, height: h, channels: ch } = image;
  const s = stride(w, h, options.maxSide ?? 400);
  const data: PlotlyTrace[] = [];
  const x = Array.from({ length: Math.ceil(w / s) }, (_, i) => i * s),
    y = Array.from({ length: Math.ceil(h / s) }, (_, i) => i * s);
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < image.data.length; i++) {
    const v = image.data[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (ch >= 3) {
    const sc = hi > 255 ? 255 / hi : hi <= 1 ? 255 : 1;
    data.push({
      type: 'image',
      z: grid(w, h, s, (r, c) => [0, 1, 2].map((k) => Math.round(image.data[(r * w + c) * ch + k]! * sc))),
      dx: s,
      dy: s,
      hoverinfo: 'skip',
    });
  } else {
    data.push({
      type: 'heatmap',
      x,
      y,
      z: grid(w, h, s, (r, c) => sig6(image.data[(r * w + c) * ch]!)),
      colorscale: [
        [0, '#000000'],
        [1, '#FFFFFF'],
      ],
      zmin: lo,
      zmax: hi,
      showscale: false,
      hoverinfo: 'skip',
      name: 'image',
    });
  }
  let bar = options.colorbar ?? true;
  for (const o of overlays) {
    const ow = o.kind === 'mask' ? o.mask.width : o.width,
      oh = o.kind === 'mask' ? o.mask.height : o.height;
    if (ow !== w || oh !== h)
      throw new VesselprintError('SHAPE_MISMATCH', `imageFigure: overlay ${o.name ?? o.kind} is ${ow}×${oh}, image is ${w}×${h}`);
    if (o.kind === 'mask') {
      const col = o.color ?? '#E69F00';
      data.push({
        type: 'heatmap',
        x,
        y,
        z: grid(w, h, s, (r, c) => (o.mask.data[r * w + c] ? 1 : null)),
        zmin: 0,
        zmax: 1,
        colorscale: [
          [0, col],
          [1, col],
        ],
        showscale: false,
        opacity: o.opacity ?? 0.6,
        name: o.name ?? 'mask',
        hoverinfo: 'skip',
      });
    } else {
      if (o.values.length !== w * h)
        throw new VesselprintError('SHAPE_MISMATCH', `imageFigure: map ${o.name ?? ''} has ${o.values.length} values for ${w}×${h} pixels`);
      const th = o.threshold ?? 0,
        cs = o.colorscale ?? 'signed';
      let amax = 0,
        mn = Infinity,
        mx = -Infinity;
      for (let i = 0; i < o.values.length; i++) {
        const v = o.values[i]!;
        if (Number.isFinite(v)) {
          amax = Math.max(amax, Math.abs(v));
          mn = Math.min(mn, v);
          mx = Math.max(mx, v);
        }
      }
      const range = cs === 'signed' ? { zmin: -amax || -1, zmax: amax || 1 } : { zmin: mn, zmax: mx };
      data.push({
        type: 'heatmap',
        x,
        y,
        z: grid(w, h, s, (r, c) => {
          const v = o.values[r * w + c]!;
          return Number.isFinite(v) && Math.abs(v) >= th && !(th > 0 && v === 0) ? sig6(v) : null;
        }),
        ...range,
        colorscale: cs === 'signed' ? SIGNED_DIVERGING : cs === 'viridis' ? 'Viridis' : 'Cividis',
        opacity: o.opacity ?? 0.6,
        name: o.name ?? 'map',
        showscale: bar,
        colorbar: { thickness: 6, len: 0.7, outlinewidth: 0, title: { text: o.name ?? '', side: 'right' } },
      });
      bar = false;
    }
  }
  return {
    data,
    layout: {
      xaxis: { visible: false, range: [-0.5 * s, w - 0.5 * s], constrain: 'domain' },
      yaxis: { visible: false, range: [h - 0.5 * s, -0.5 * s], scaleanchor: 'x', scaleratio: 1, constrain: 'domain' },
      meta: { kind: 'image-overlay', width: w, height: h, stride: s, overlays: overlays.map((o) => o.name ?? o.kind) },
    },
  };
}
