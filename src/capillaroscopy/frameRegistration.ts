import type { PixelArray } from '../core/image.js';
import { correlationAt, phaseCorrelate, type PhaseWindow } from './phaseCorrelation.js';
import { addShiftedSpectrum, type CoarseGrid } from './coarseWindow.js';
import { refinePatch, refineShift, type RefinePatch } from './refineShift.js';

/** A frame as the registration sees it: its pixels, its coarse spectrum and mean grey level. */
export interface RegistrationFrame {
  data: PixelArray;
  coarse: PhaseWindow;
  /** Mean grey level (whole frame), for flicker correction. */
  mean: number;
}

/** Frame geometry and settings shared by the reference and every registration. */
export interface RegistrationContext {
  width: number;
  height: number;
  channels: number;
  channel: number;
  grid: CoarseGrid;
  /** The refinement patch is the frame less this margin on every side, px. */
  marginPx: number;
  /** Most pixels the refinement uses (strongest gradients of the static tissue). */
  maxPixels: number;
  /** Refine coarse shifts by robust Lucas–Kanade. */
  refine: boolean;
  /** Coarse peaks below this are not refined (the frame will be dropped). */
  minPeak: number;
}

/** The registration reference: the aligned mean of the leading frames, coarse and at full resolution. */
export interface RegistrationReference {
  coarse: PhaseWindow;
  mean: number;
  /** Static, high-gradient pixels of the full-resolution mean; null when refinement is off. */
  patch: RefinePatch | null;
}

/** A frame's displacement relative to the reference (frame(r, c) ≈ reference(r − dRow, c − dCol)), the coarse correlation peak and the refinement's cost (median absolute residual, grey levels; NaN when not refined). */
export interface FrameShift {
  dRow: number;
  dCol: number;
  peak: number;
  cost: number;
}

/** What registrations of recent frames looked like (medians), to accept a frame tracked from the previous one. */
export interface TypicalFit {
  cost: number;
  peak: number;
}

/**
 * Registers one frame. Fast path (when `previous` and `typical` are given): robust Lucas–Kanade
 * ({@link refineShift}) at full resolution from the previous kept frame's shift — the hand moves little
 * between frames — accepted when it converges within 2 px of that shift with a cost ≤ 1.5 × the typical
 * cost and the coarse correlation surface at the result ({@link correlationAt}) ≥ 0.7 × the typical peak.
 * Otherwise: phase correlation of whole coarse frames (every capillary in view takes part), then the
 * refinement started from that shift and, when it lies over 1 px from the previous shift, from the previous
 * shift too; the better fit (lower median residual) wins.
 */
export function registerFrame(
  ref: RegistrationReference,
  frame: RegistrationFrame,
  ctx: RegistrationContext,
  previous: FrameShift | null = null,
  typical: TypicalFit | null = null,
): FrameShift {
  const {
    width,
    height,
    channels,
    channel,
    grid: { factor: f },
  } = ctx;
  const gain = frame.mean > 0 ? ref.mean / frame.mean : 1;
  if (ctx.refine && ref.patch && previous && typical) {
    const t = refineShift(frame.data, width, height, channels, channel, ref.patch, previous.dRow, previous.dCol, gain);
    if (t.cost <= 1.5 * typical.cost && Math.hypot(t.dRow - previous.dRow, t.dCol - previous.dCol) < 2) {
      const peak = correlationAt(ref.coarse, frame.coarse, t.dRow / f, t.dCol / f);
      if (peak >= 0.7 * typical.peak) return { dRow: t.dRow, dCol: t.dCol, peak, cost: t.cost };
    }
  }
  const sh = phaseCorrelate(ref.coarse, frame.coarse, 1);
  const out = { dRow: sh.dRow * f, dCol: sh.dCol * f, peak: sh.peak, cost: NaN };
  if (!ctx.refine || !ref.patch || sh.peak < ctx.minPeak) return out;
  const a = refineShift(frame.data, width, height, channels, channel, ref.patch, out.dRow, out.dCol, gain);
  const b =
    previous !== null && Math.hypot(previous.dRow - out.dRow, previous.dCol - out.dCol) > 1
      ? refineShift(frame.data, width, height, channels, channel, ref.patch, previous.dRow, previous.dCol, gain)
      : a;
  const best = b.cost < a.cost ? b : a;
  if (Number.isFinite(best.cost)) {
    out.dRow = best.dRow;
    out.dCol = best.dCol;
    out.cost = best.cost;
  }
  return out;
}

/**
 * Builds the reference from the sharp leading frames, so that no single frame's flowing red cells
 * define it: (1) coarse shifts of each frame to the first; (2) the coarse mean of the frames aligned by
 * those shifts (Fourier shift theorem), and shifts re-measured against it; (3) with refinement, the
 * full-resolution mean and temporal SD of the frames resampled (bilinear) at those shifts over the
 * frame less `marginPx`; its static pixels (temporal SD ≤ 2 × median, eroded 2 px) with the strongest
 * gradients become the refinement patch; each frame is refined against it, and the mean, SD and patch are
 * rebuilt once more from the refined shifts.
 */
export function buildReference(frames: RegistrationFrame[], ctx: RegistrationContext): RegistrationReference {
  const f = ctx.grid.factor,
    n = frames.length;
  const mean = frames.reduce((s, p) => s + p.mean, 0) / n;
  let shifts: FrameShift[] = frames.map((p) => {
    const s = phaseCorrelate(frames[0]!.coarse, p.coarse, 1);
    return { dRow: s.dRow * f, dCol: s.dCol * f, peak: s.peak, cost: NaN };
  });
  let coarse = frames[0]!.coarse;
  for (let pass = 0; pass < 2; pass++) {
    const re = new Float64Array(coarse.re.length),
      im = new Float64Array(coarse.re.length);
    frames.forEach((p, j) => addShiftedSpectrum(re, im, p.coarse, shifts[j]!.dRow / f, shifts[j]!.dCol / f, 1 / n));
    coarse = { rows: coarse.rows, cols: coarse.cols, re, im };
    const c = coarse;
    shifts = frames.map((p) => {
      const s = phaseCorrelate(c, p.coarse, 1);
      return { dRow: s.dRow * f, dCol: s.dCol * f, peak: s.peak, cost: NaN };
    });
  }
  if (!ctx.refine) return { coarse, mean, patch: null };
  let patch = fullPatch(frames, shifts, mean, ctx);
  const first: RegistrationReference = { coarse, mean, patch };
  shifts = frames.map((p, j) => registerFrame(first, p, ctx, shifts[j]!));
  patch = fullPatch(frames, shifts, mean, ctx);
  return { coarse, mean, patch };
}

/** Mean and SD of the frames resampled at their shifts over the frame less the margin; the refinement patch of its static pixels. */
function fullPatch(frames: RegistrationFrame[], shifts: FrameShift[], mean: number, ctx: RegistrationContext): RefinePatch {
  const { width, height, channels, channel, marginPx: m } = ctx;
  const rows = height - 2 * m,
    cols = width - 2 * m,
    nn = rows * cols;
  const sum = new Float64Array(nn),
    sq = new Float64Array(nn),
    count = new Float64Array(nn);
  const stride = width * channels;
  frames.forEach((p, j) => {
    const { dRow, dCol } = shifts[j]!,
      gain = p.mean > 0 ? mean / p.mean : 1;
    const ir = Math.floor(dRow),
      ic = Math.floor(dCol),
      ar = dRow - ir,
      ac = dCol - ic;
    const w00 = (1 - ar) * (1 - ac) * gain,
      w01 = (1 - ar) * ac * gain,
      w10 = ar * (1 - ac) * gain,
      w11 = ar * ac * gain;
    const d = p.data;
    const cLo = Math.max(0, -(m + ic)),
      cHi = Math.min(cols, width - 1 - m - ic); // 0 ≤ fc and fc + 1 < width
    for (let r = 0; r < rows; r++) {
      const fr = r + m + ir;
      if (fr < 0 || fr + 1 >= height) continue;
      let q = fr * stride + (cLo + m + ic) * channels + channel;
      for (let c = cLo, i = r * cols + cLo; c < cHi; c++, i++, q += channels) {
        const v = w00 * d[q]! + w01 * d[q + channels]! + w10 * d[q + stride]! + w11 * d[q + stride + channels]!;
        sum[i] += v;
        sq[i] += v * v;
        count[i]++;
      }
    }
  });
  const avg = new Float64Array(nn),
    sd = new Float64Array(nn);
  for (let i = 0; i < nn; i++) {
    const k = count[i]!;
    avg[i] = k > 0 ? sum[i]! / k : mean;
    sd[i] = k > 1 ? Math.sqrt(Math.max(0, sq[i]! / k - avg[i]! ** 2)) : Infinity;
  }
  return refinePatch(avg, rows, cols, m, m, { use: staticMask(sd, rows, cols), maxPixels: ctx.maxPixels });
}

/**
 * Pixels that stay still: temporal SD at most 2 × its median, eroded by 2 px (a 5×5 square) from anything
 * above (so flowing capillaries and their blurred rims are out).
 */
function staticMask(sd: Float64Array, rows: number, cols: number): Uint8Array {
  const n = rows * cols,
    step = Math.max(1, Math.floor(n / 20000));
  const sample = new Float64Array(Math.ceil(n / step));
  for (let i = 0, o = 0; i < n; i += step) sample[o++] = sd[i]!;
  sample.sort();
  const lim = 2 * sample[Math.floor(sample.length / 2)]!; // median from a regular sample of ≤ 20 000 pixels
  // dilate the moving pixels by 2 px: separable 5-wide maximum along rows, then columns
  const moving = new Uint8Array(n),
    along = new Uint8Array(n);
  for (let i = 0; i < n; i++) moving[i] = sd[i]! > lim ? 1 : 0;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) {
      let m = 0;
      for (let x = Math.max(0, c - 2); x <= Math.min(cols - 1, c + 2); x++) m |= moving[o + x]!;
      along[o + c] = m;
    }
  }
  const out = new Uint8Array(n);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let m = 0;
      for (let y = Math.max(0, r - 2); y <= Math.min(rows - 1, r + 2); y++) m |= along[y * cols + c]!;
      out[r * cols + c] = m ? 0 : 1;
    }
  }
  return out;
}
