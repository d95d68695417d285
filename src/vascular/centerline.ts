/**
 * Centre-line geometry of a segment: pixel path → smoothed polyline, its length, and an
 * equal-arc-length resampling. Shared by the length, tortuosity and branching features.
 */

/** A polyline in pixel coordinates (row, column of pixel centres). */
export interface Polyline {
  rows: Float64Array;
  cols: Float64Array;
}

/** Row and column coordinates of a pixel path (indices row·width + col). */
export function pathToPolyline(path: Int32Array, width: number): Polyline {
  const rows = new Float64Array(path.length);
  const cols = new Float64Array(path.length);
  for (let k = 0; k < path.length; k++) {
    rows[k] = Math.floor(path[k]! / width);
    cols[k] = path[k]! % width;
  }
  return { rows, cols };
}

/**
 * Gaussian smoothing of a digital centre line, removing the staircase of the pixel chain
 * (which overestimates the length of oblique lines by up to 8 %) while keeping the end
 * points fixed: outside the path the coordinates are continued by point reflection about
 * the end point (x₋ₖ = 2x₀ − xₖ), so straight lines stay exactly straight. Closed loops are
 * smoothed periodically. σ = 0 returns a copy.
 *
 * @param line pixel-centre polyline
 * @param sigmaPx Gaussian standard deviation in pixels (arc-length index units)
 * @param closed true for a closed loop (last point = first point)
 */
export function smoothPolyline(line: Polyline, sigmaPx: number, closed = false): Polyline {
  const m = line.rows.length;
  const rows = new Float64Array(m);
  const cols = new Float64Array(m);
  if (sigmaPx <= 0 || m < 3) {
    rows.set(line.rows);
    cols.set(line.cols);
    return { rows, cols };
  }
  const rad = Math.ceil(3 * sigmaPx);
  const w = new Float64Array(rad + 1);
  let wsum = 0;
  for (let k = 0; k <= rad; k++) {
    w[k] = Math.exp((-k * k) / (2 * sigmaPx * sigmaPx));
    wsum += k === 0 ? w[k]! : 2 * w[k]!;
  }
  const period = m - 1; // closed: last point repeats the first
  const at = (arr: Float64Array, j: number): number => {
    if (closed) return arr[((j % period) + period) % period]!;
    if (j < 0) {
      const jj = Math.min(-j, m - 1);
      return 2 * arr[0]! - arr[jj]!;
    }
    if (j > m - 1) {
      const jj = Math.max(2 * (m - 1) - j, 0);
      return 2 * arr[m - 1]! - arr[jj]!;
    }
    return arr[j]!;
  };
  for (let i = 0; i < m; i++) {
    let sr = w[0]! * line.rows[i]!,
      sc = w[0]! * line.cols[i]!;
    for (let k = 1; k <= rad; k++) {
      sr += w[k]! * (at(line.rows, i - k) + at(line.rows, i + k));
      sc += w[k]! * (at(line.cols, i - k) + at(line.cols, i + k));
    }
    rows[i] = sr / wsum;
    cols[i] = sc / wsum;
  }
  if (!closed) {
    rows[0] = line.rows[0]!;
    cols[0] = line.cols[0]!;
    rows[m - 1] = line.rows[m - 1]!;
    cols[m - 1] = line.cols[m - 1]!;
  } else {
    rows[m - 1] = rows[0]!;
    cols[m - 1] = cols[0]!;
  }
  return { rows, cols };
}

/** Length of a polyline (sum of Euclidean distances between successive points), in pixels. */
export function polylineLength(line: Polyline): number {
  let s = 0;
  for (let k = 1; k < line.rows.length; k++) s += Math.hypot(line.rows[k]! - line.rows[k - 1]!, line.cols[k]! - line.cols[k - 1]!);
  return s;
}

/** Euclidean distance between the first and last points (the chord), in pixels. */
export function chordLength(line: Polyline): number {
  const m = line.rows.length;
  return m === 0 ? 0 : Math.hypot(line.rows[m - 1]! - line.rows[0]!, line.cols[m - 1]! - line.cols[0]!);
}

/**
 * Resamples a polyline at equal arc-length steps (the last point is kept, so the last step
 * can be shorter). Linear interpolation along the polyline.
 */
export function resamplePolyline(line: Polyline, step: number): Polyline {
  const m = line.rows.length;
  const outR: number[] = [line.rows[0]!],
    outC: number[] = [line.cols[0]!];
  let need = step;
  for (let k = 1; k < m; k++) {
    const r0 = line.rows[k - 1]!,
      c0 = line.cols[k - 1]!;
    const dr = line.rows[k]! - r0,
      dc = line.cols[k]! - c0;
    const d = Math.hypot(dr, dc);
    let used = 0;
    while (d - used >= need) {
      used += need;
      outR.push(r0 + (dr * used) / d);
      outC.push(c0 + (dc * used) / d);
      need = step;
    }
    need -= d - used;
  }
  const lr = line.rows[m - 1]!,
    lc = line.cols[m - 1]!;
  const last = outR.length - 1;
  if (Math.hypot(outR[last]! - lr, outC[last]! - lc) > 1e-9) {
    outR.push(lr);
    outC.push(lc);
  }
  return { rows: Float64Array.from(outR), cols: Float64Array.from(outC) };
}
