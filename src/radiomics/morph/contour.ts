/**
 * Marching-squares description of a binary mask (the 2D analogue of the IBSI mesh, IBSI 3.1):
 * the contour runs through the midpoints between 4-adjacent inside and outside pixel centres.
 * Diagonal (saddle) cells are resolved as separated, so diagonally touching pixels count as two
 * pieces. Units are pixels.
 */
export interface Contour {
  /** Area enclosed by the contour (pixels²). A k x k square gives k² − 0.5. */
  area: number;
  /** Contour length (pixels). A k x k square gives 4k − 4 + 2√2. */
  perimeter: number;
  /** Contour vertices as [row, column] pairs, flattened. */
  vertices: Float64Array;
}

const H = Math.SQRT1_2;

/**
 * Computes {@link Contour} of `mask` (non-zero = inside); pixels outside the image are outside.
 * @example marchingSquares(new Uint8Array([1]), 1, 1).area // 0.5
 */
export function marchingSquares(mask: Uint8Array, width: number, height: number): Contour {
  // Padded binary copy: 2 border pixels so that cells and vertex pairs need no bounds checks.
  const pw = width + 2;
  const ph = height + 2;
  const m = new Uint8Array(pw * ph);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) m[(r + 1) * pw + c + 1] = mask[r * width + c] !== 0 ? 1 : 0;
  let area = 0;
  let perimeter = 0;
  const v: number[] = [];
  for (let r = 0; r < ph - 1; r++) {
    for (let c = 0; c < pw - 1; c++) {
      const q = r * pw + c;
      const a = m[q]!;
      const b = m[q + 1]!;
      const e = m[q + pw]!;
      const d = m[q + pw + 1]!;
      if (a !== b) v.push(r - 1, c - 0.5);
      if (a !== e) v.push(r - 0.5, c - 1);
      const k = a + b + d + e;
      if (k === 0) continue;
      if (k === 4) {
        area += 1;
      } else if (k === 1) {
        area += 0.125;
        perimeter += H;
      } else if (k === 3) {
        area += 0.875;
        perimeter += H;
      } else if (a === d) {
        area += 0.25;
        perimeter += 2 * H;
      } else {
        area += 0.5;
        perimeter += 1;
      }
    }
  }
  return { area, perimeter, vertices: Float64Array.from(v) };
}

/** Convex hull (Andrew's monotone chain) of flattened [row, col] points; returns hull points in order. */
export function convexHull(points: Float64Array): number[][] {
  const pts: number[][] = [];
  for (let k = 0; k < points.length; k += 2) pts.push([points[k]!, points[k + 1]!]);
  pts.sort((p, q) => p[0]! - q[0]! || p[1]! - q[1]!);
  if (pts.length < 3) return pts;
  const cross = (o: number[], a: number[], b: number[]): number => (a[0]! - o[0]!) * (b[1]! - o[1]!) - (a[1]! - o[1]!) * (b[0]! - o[0]!);
  const lower: number[][] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: number[][] = [];
  for (let k = pts.length - 1; k >= 0; k--) {
    const p = pts[k]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/** Area of a simple polygon (shoelace formula). */
export function polygonArea(poly: number[][]): number {
  let s = 0;
  for (let k = 0; k < poly.length; k++) {
    const p = poly[k]!;
    const q = poly[(k + 1) % poly.length]!;
    s += p[0]! * q[1]! - q[0]! * p[1]!;
  }
  return Math.abs(s) / 2;
}
