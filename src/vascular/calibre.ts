import type { VesselGraph } from './types.js';
import type { Polyline } from './centerline.js';

/**
 * Local vessel width (px) at skeleton pixel `idx` from the exact distance transform `dist`
 * (distance to the nearest background pixel centre) and the unit normal (nr, nc) of the centre
 * line there.
 *
 * Model: across a vessel, the distance transform is a tent d(x) = min(x + b₁, b₂ − x) + ½ of
 * the signed offset x along the normal, with b₁ + b₂ the width between the pixel borders
 * (the ½ is the distance from a border to the centre of the first background pixel). For
 * every foreground pixel of the 3×3 neighbourhood, x is its offset projected on the normal,
 * and max(d − x) = b₁ + ½, max(d + x) = b₂ + ½, so
 *   w = max(d − x) + max(d + x) − 1.
 * This is exact for axis-parallel vessels of any width (odd or even, with the skeleton on
 * either of two central pixels), unlike the usual 2·d − 1; for oblique vessels the ½ is an
 * approximation (error ≤ ±0.3 px).
 *
 * Reference for widths from the distance transform along the skeleton: e.g. M. E.
 * Martinez-Perez et al., "Retinal vascular tree morphology: a semi-automatic quantification",
 * IEEE TBME 49(8):912–917, 2002, doi:10.1109/TBME.2002.800789.
 */
export function localWidthPx(dist: Float64Array, width: number, height: number, idx: number, nr: number, nc: number): number {
  const r0 = Math.floor(idx / width),
    c0 = idx % width;
  let mMinus = -Infinity,
    mPlus = -Infinity;
  for (let dr = -1; dr <= 1; dr++) {
    const r = r0 + dr;
    if (r < 0 || r >= height) continue;
    for (let dc = -1; dc <= 1; dc++) {
      const c = c0 + dc;
      if (c < 0 || c >= width) continue;
      const d = dist[r * width + c]!;
      if (d <= 0) continue;
      const x = dr * nr + dc * nc;
      if (d - x > mMinus) mMinus = d - x;
      if (d + x > mPlus) mPlus = d + x;
    }
  }
  return mMinus + mPlus - 1;
}

/** Per-segment width profile. */
export interface SegmentWidths {
  /** Local widths (px) at the segment's pixels away from its nodes. */
  widthsPx: Float64Array;
  /** Index (into the segment's path) of the pixel of each width. */
  indices: Int32Array;
  /** Mean and SD (population) of `widthsPx`; NaN when empty. */
  meanPx: number;
  sdPx: number;
}

/**
 * Width profile of one segment: {@link localWidthPx} at each of its pixels whose distance
 * along the path from a node is at least that node's radius (EDT) + 1 px, so that junction
 * blobs and rounded free ends do not inflate or shrink the widths. When no pixel is far
 * enough from both nodes (very short segments), the middle pixel is used.
 *
 * @param smooth smoothed centre line of the segment (same point count as its path), for normals
 */
export function segmentWidths(graph: VesselGraph, segIndex: number, smooth: Polyline, dist: Float64Array): SegmentWidths {
  const seg = graph.segments[segIndex]!;
  const { width, height } = graph;
  const m = seg.path.length;
  const radiusAt = (node: number): number => {
    if (node < 0) return 0;
    let r = 0;
    for (const p of graph.nodes[node]!.pixels) r = Math.max(r, dist[p]!);
    return r;
  };
  const skipA = seg.isLoop ? 0 : radiusAt(seg.nodeA) + 1;
  const skipB = seg.isLoop ? 0 : radiusAt(seg.nodeB) + 1;
  // arc position of each path point along the smoothed line
  const s = new Float64Array(m);
  for (let k = 1; k < m; k++) s[k] = s[k - 1]! + Math.hypot(smooth.rows[k]! - smooth.rows[k - 1]!, smooth.cols[k]! - smooth.cols[k - 1]!);
  const total = s[m - 1]!;
  const out: number[] = [];
  const idx: number[] = [];
  const at = (k: number): number => {
    const k0 = Math.max(0, k - 1),
      k1 = Math.min(m - 1, k + 1);
    let tr = smooth.rows[k1]! - smooth.rows[k0]!,
      tc = smooth.cols[k1]! - smooth.cols[k0]!;
    const n = Math.hypot(tr, tc) || 1;
    tr /= n;
    tc /= n;
    return localWidthPx(dist, width, height, seg.path[k]!, -tc, tr);
  };
  for (let k = 0; k < m; k++) {
    if (s[k]! >= skipA && total - s[k]! >= skipB) {
      out.push(at(k));
      idx.push(k);
    }
  }
  if (out.length === 0 && m > 0) {
    const k = Math.floor((m - 1) / 2);
    out.push(at(k));
    idx.push(k);
  }
  const widthsPx = Float64Array.from(out);
  let mean = 0;
  for (const w of out) mean += w;
  mean = out.length ? mean / out.length : NaN;
  let v = 0;
  for (const w of out) v += (w - mean) * (w - mean);
  return { widthsPx, indices: Int32Array.from(idx), meanPx: mean, sdPx: out.length ? Math.sqrt(v / out.length) : NaN };
}
