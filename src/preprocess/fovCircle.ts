/**
 * The circle of a fundus camera's field of view, fitted to the FOV mask's border where it lies
 * inside the image: fundus photographs are often clipped at the top and bottom (HRF) or cropped,
 * so neither the mask's area nor its bounding box gives the field's diameter, but the visible arcs
 * of its rim do.
 */
import type { Mask2D } from '../core/image.js';
import { solveDense } from '../core/solveDense.js';

/** Options of {@link fovCircle}. */
export interface FovCircleOptions {
  /** The rim's visible arcs must cover at least this many degrees around the fitted centre (10° bins). Default 90. */
  minArcDeg?: number;
  /** Median |distance to the centre − radius| of the rim points, as a fraction of the radius, must be at most this. Default 0.02. */
  maxMedianResidual?: number;
  /**
   * Rim pixels closer than this to the image border are left out: where the field is clipped by the
   * frame, an estimated (eroded) FOV mask ends in a straight edge a few pixels inside it. Default
   * 2 % of the image's shorter side, at least 2 px.
   */
  borderMarginPx?: number;
}

/** Defaults of {@link FovCircleOptions}. */
export const DEFAULT_FOV_CIRCLE: Required<Omit<FovCircleOptions, 'borderMarginPx'>> = { minArcDeg: 90, maxMedianResidual: 0.02 };

/** A fitted FOV circle: centre (row, col) and radius in px; `arcDeg` = how much of the rim was visible (10° bins). */
export interface FovCircle {
  row: number;
  col: number;
  radiusPx: number;
  arcDeg: number;
}

/**
 * Fits a circle to the FOV mask's rim: the mask pixels with a 4-neighbour outside the mask, at
 * least `borderMarginPx` from the image border (the frame's clipping is not rim), by the algebraic least-squares
 * fit x² + y² + D·x + E·y + F = 0 (Kåsa, IEEE Trans. Instrum. Meas. IM-25:8–14, 1976,
 * doi:10.1109/TIM.1976.6312298), centred coordinates for conditioning. Returns undefined when the
 * rim is not a circle one can trust: fewer than 20 rim pixels, visible arcs under `minArcDeg`
 * (e.g. a crop from inside the field, or a mask that is the whole image), or a median residual
 * above `maxMedianResidual` × radius.
 *
 * @example fovCircle(hrfMask) // { row: 1168, col: 1752, radiusPx: 1631, arcDeg: 190 } for an HRF photograph (3504 × 2336)
 */
export function fovCircle(mask: Mask2D, options: FovCircleOptions = {}): FovCircle | undefined {
  const o = { ...DEFAULT_FOV_CIRCLE, ...options };
  const { width: w, height: h, data } = mask;
  const m = Math.max(1, options.borderMarginPx ?? Math.max(2, Math.round(0.02 * Math.min(w, h))));
  const rows: number[] = [],
    cols: number[] = [];
  for (let r = m; r < h - m; r++)
    for (let c = m; c < w - m; c++) {
      const i = r * w + c;
      if (data[i] && (!data[i - 1] || !data[i + 1] || !data[i - w] || !data[i + w])) {
        rows.push(r);
        cols.push(c);
      }
    }
  const n = rows.length;
  if (n < 20) return undefined;
  let mr = 0,
    mc = 0;
  for (let k = 0; k < n; k++) {
    mr += rows[k]!;
    mc += cols[k]!;
  }
  mr /= n;
  mc /= n;
  // normal equations of the Kåsa fit in centred coordinates (x = col − mc, y = row − mr):
  // [Σxx Σxy Σx; Σxy Σyy Σy; Σx Σy n] [D E F]ᵀ = −[Σxz Σyz Σz]ᵀ, z = x² + y²
  const S = new Float64Array(8); // Σxx Σxy Σyy Σx Σy Σxz Σyz Σz
  for (let k = 0; k < n; k++) {
    const x = cols[k]! - mc,
      y = rows[k]! - mr,
      z = x * x + y * y;
    const terms = [x * x, x * y, y * y, x, y, x * z, y * z, z];
    for (let j = 0; j < 8; j++) S[j]! += terms[j]!;
  }
  let sol: Float64Array;
  try {
    sol = solveDense(
      Float64Array.of(S[0]!, S[1]!, S[3]!, S[1]!, S[2]!, S[4]!, S[3]!, S[4]!, n),
      Float64Array.of(-S[5]!, -S[6]!, -S[7]!),
      3,
    );
  } catch {
    return undefined; // collinear rim pixels: no circle
  }
  const [D, E, F] = [sol[0]!, sol[1]!, sol[2]!];
  const cx = -D / 2,
    cy = -E / 2;
  const r2 = cx * cx + cy * cy - F;
  if (!(r2 > 0)) return undefined;
  const radius = Math.sqrt(r2);
  const res: number[] = new Array<number>(n);
  const bins = new Uint8Array(36);
  for (let k = 0; k < n; k++) {
    const x = cols[k]! - mc - cx,
      y = rows[k]! - mr - cy;
    res[k] = Math.abs(Math.hypot(x, y) - radius);
    bins[Math.min(35, Math.floor(((Math.atan2(y, x) + Math.PI) / (2 * Math.PI)) * 36))] = 1;
  }
  res.sort((a, b) => a - b);
  const arcDeg = 10 * bins.reduce((s, v) => s + v, 0);
  if (arcDeg < o.minArcDeg || res[n >> 1]! > o.maxMedianResidual * radius) return undefined;
  return { row: mr + cy, col: mc + cx, radiusPx: radius, arcDeg };
}
