import type { Image2D, PixelArray } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import { hannPatch, type PhaseWindow } from './phaseCorrelation.js';
import { coarseGrid, coarseSamples } from './coarseWindow.js';
import { fft2d, fft2dRealPair } from './fft.js';
import {
  buildReference,
  registerFrame,
  type FrameShift,
  type RegistrationContext,
  type RegistrationFrame,
  type RegistrationReference,
  type TypicalFit,
} from './frameRegistration.js';
import type { DropReason, FrameRecord, PerfusionMaps } from './types.js';

/** Options of {@link createPerfusionStack}. */
export interface PerfusionStackOptions {
  /** Side of the square focus (QC) window at the frame centre, px (power of two). Default 128 (smaller frames: the largest power of two that fits). */
  windowPx?: number;
  /** Most pixels the sub-pixel refinement uses (the static tissue's strongest gradients over the whole frame). Default 2000. */
  registrationPixels?: number;
  /** The reference is the temporal mean of the registration windows of the first N frames (blurred ones left out): flowing red cells average out of it, so their coherent motion cannot pull the registration. Default 10. */
  referenceFrames?: number;
  /** Frames displaced by more than this from the reference are dropped ('motion'), px. Default windowPx / 4. */
  maxShiftPx?: number;
  /** Frames whose correlation peak is below this are dropped ('registration'). Default 0.05. */
  minPeak?: number;
  /** Frames whose focus is below this share of the median focus of the first `referenceFrames` frames are dropped ('blur'). Default 0.5. */
  minFocusRatio?: number;
  /** Refine each phase-correlation shift by robust Lucas–Kanade on the static tissue ({@link refineShift}). Default true. */
  refine?: boolean;
  /** Channel analysed; default 1 (green, the haemoglobin contrast) for RGB frames, 0 for grey. */
  channel?: number;
  /** µm per pixel of the recording (copied to the maps); default the frames' `spacingUm`, else NaN. */
  spacingUm?: number;
}

export const DEFAULT_PERFUSION_STACK = { windowPx: 128, referenceFrames: 10, minPeak: 0.05, minFocusRatio: 0.5, registrationPixels: 2000 };

/**
 * Focus measure: energy of the windowed spectrum in the band 0.04–0.15 cycles/px (structures of
 * 7–25 px: capillaries and tissue texture; illumination lives below), less the pixel-noise energy
 * expected there (white noise: the mean power per frequency bin above 0.35 cycles/px, times the band's
 * bin count), per pixel. Defocus and motion blur remove this band; noise alone cannot fake it.
 */
function bandEnergy(w: PhaseWindow): number {
  const n = w.rows,
    { band, high } = focusBands(n);
  let e = 0,
    h = 0;
  for (let k = 0; k < band.length; k++) {
    const i = band[k]!;
    e += w.re[i]! * w.re[i]! + w.im[i]! * w.im[i]!;
  }
  for (let k = 0; k < high.length; k++) {
    const i = high[k]!;
    h += w.re[i]! * w.re[i]! + w.im[i]! * w.im[i]!;
  }
  return Math.max(0, e - (h / high.length) * band.length) / (n * n) / (n * n);
}

const bandCache = new Map<number, { band: Int32Array; high: Int32Array }>();
function focusBands(n: number): { band: Int32Array; high: Int32Array } {
  let b = bandCache.get(n);
  if (!b) {
    const band: number[] = [],
      high: number[] = [];
    for (let r = 0; r < n; r++) {
      const fr = (r <= n / 2 ? r : n - r) / n;
      for (let c = 0; c < n; c++) {
        const fc = (c <= n / 2 ? c : n - c) / n,
          f = Math.hypot(fr, fc);
        if (f >= 0.08 && f <= 0.2) band.push(r * n + c);
        else if (f >= 0.35 && fr <= 0.5 && fc <= 0.5) high.push(r * n + c);
      }
    }
    b = { band: Int32Array.from(band), high: Int32Array.from(high) };
    bandCache.set(n, b);
  }
  return b;
}

/** Adds `count` samples (stride `step` from `src0`), scaled by `gain` less `offset`, to the sum, sum of squares and minimum from `dst0`. */
function accumulateRow(
  d: PixelArray,
  src0: number,
  step: number,
  sum: Float32Array,
  sumsq: Float32Array,
  mn: Float32Array,
  dst0: number,
  count: number,
  gain: number,
  offset: number,
): void {
  for (let k = 0, si = src0, o = dst0; k < count; k++, si += step, o++) {
    const v = d[si]! * gain - offset;
    sum[o] += v;
    sumsq[o] += v * v;
    if (v < mn[o]!) mn[o] = v;
  }
}

/** Adds two frames' rows (same source offsets) in one pass: as {@link accumulateRow} twice, with one read and write of each map value. */
function accumulateRowPair(
  d1: PixelArray,
  d2: PixelArray,
  src0: number,
  step: number,
  sum: Float32Array,
  sumsq: Float32Array,
  mn: Float32Array,
  dst0: number,
  count: number,
  g1: number,
  g2: number,
  offset: number,
): void {
  for (let k = 0, si = src0, o = dst0; k < count; k++, si += step, o++) {
    const v1 = d1[si]! * g1 - offset,
      v2 = d2[si]! * g2 - offset;
    sum[o] += v1 + v2;
    sumsq[o] += v1 * v1 + v2 * v2;
    const m = v1 < v2 ? v1 : v2;
    if (m < mn[o]!) mn[o] = m;
  }
}

/** A kept frame and how it goes into the maps. */
interface Pending {
  d: PixelArray;
  sr: number;
  sc: number;
  gain: number;
}

/** A streaming accumulator: push frames one by one, then finish. */
export interface PerfusionStack {
  push(frame: Image2D): void;
  finish(): PerfusionMaps;
}

interface Prepared extends RegistrationFrame {
  frame: Image2D;
  index: number;
  focus: number;
}
interface Reference extends RegistrationReference {
  focus: number;
}

/**
 * Stabilises a recording frame by frame and accumulates its temporal mean, minimum and SD
 * (perfusion maps). The whole frame is registered to a reference built from the sharp leading frames
 * ({@link buildReference}, {@link registerFrame}): coarse phase correlation of whole box-averaged frames,
 * refined by robust Lucas–Kanade on the reference's static high-gradient pixels; frames are tracked from the
 * previous shift when that fit is typical. The frame is then added at the nearest whole-pixel shift (so maps
 * are not smoothed by interpolation; the residual is ≤ 0.5 px) after scaling by reference mean / frame mean
 * (illumination flicker correction). QC drops a frame when its focus (noise-corrected band energy
 * 0.08–0.2 cycles/px of the central `windowPx`² window / mean²) is below `minFocusRatio` × the leading
 * frames' median, when its correlation peak is below `minPeak`, or when it moved more than
 * `maxShiftPx`. Memory: the first `referenceFrames` frames plus three float maps; the recording
 * itself is never held.
 *
 * @example
 * const stack = createPerfusionStack();
 * for await (const f of video.frames()) stack.push(f);
 * stack.finish().framesUsed
 */
export function createPerfusionStack(options: PerfusionStackOptions = {}): PerfusionStack {
  let width = 0,
    height = 0,
    channels = 1,
    channel = 0,
    win = 0,
    r0 = 0,
    c0 = 0,
    spacing = options.spacingUm ?? NaN;
  const buffer: Prepared[] = [];
  const records: FrameRecord[] = [];
  let ref: Reference | null = null;
  let sum: Float32Array, sumsq: Float32Array, mn: Float32Array;
  let used = 0,
    count = 0;
  let sMinR = Infinity,
    sMaxR = -Infinity,
    sMinC = Infinity,
    sMaxC = -Infinity;
  const dropped: Record<DropReason, number> = { blur: 0, motion: 0, registration: 0 };
  const refFrames = options.referenceFrames ?? DEFAULT_PERFUSION_STACK.referenceFrames;
  const minPeak = options.minPeak ?? DEFAULT_PERFUSION_STACK.minPeak;
  const minFocus = options.minFocusRatio ?? DEFAULT_PERFUSION_STACK.minFocusRatio;
  let maxShift = options.maxShiftPx ?? NaN;
  const refine = options.refine ?? true;
  let prev: FrameShift | null = null;
  let pending: Pending | null = null; // a kept frame waiting for a partner with the same whole-pixel shift
  let ctx: RegistrationContext | null = null;
  const recent: TypicalFit[] = []; // the last 15 kept frames' fits
  const typicalFit = (): TypicalFit | null => {
    if (recent.length < 5) return null;
    const med = (v: number[]): number => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    return { cost: med(recent.map((x) => x.cost)), peak: med(recent.map((x) => x.peak)) };
  };

  const prepare = (frame: Image2D, index: number): Prepared => {
    if (index === 0) {
      width = frame.width;
      height = frame.height;
      channels = frame.channels;
      channel = options.channel ?? (channels >= 3 ? 1 : 0);
      if (channel >= channels)
        throw new VesselprintError('BAD_ARGUMENT', `perfusion stack: channel ${channel} but frames have ${channels}`, { field: 'channel' });
      const fit = 2 ** Math.floor(Math.log2(Math.min(width, height)));
      win = Math.min(options.windowPx ?? DEFAULT_PERFUSION_STACK.windowPx, fit);
      if (win < 16)
        throw new VesselprintError(
          'BAD_ARGUMENT',
          `perfusion stack: frames of ${width}x${height} px are too small to register (need ≥ 16 px)`,
        );
      if (!Number.isFinite(maxShift)) maxShift = win / 4;
      r0 = Math.floor((height - win) / 2);
      c0 = Math.floor((width - win) / 2);
      ctx = {
        width,
        height,
        channels,
        channel,
        grid: coarseGrid(width, height),
        marginPx: Math.min(16, Math.floor(Math.min(width, height) / 8)),
        maxPixels: options.registrationPixels ?? DEFAULT_PERFUSION_STACK.registrationPixels,
        refine,
        minPeak,
      };
      if (options.spacingUm === undefined && frame.spacingUm !== undefined) spacing = frame.spacingUm;
      sum = new Float32Array(width * height);
      sumsq = new Float32Array(width * height);
      mn = new Float32Array(width * height).fill(Infinity);
    } else if (frame.width !== width || frame.height !== height || frame.channels !== channels) {
      throw new VesselprintError(
        'SHAPE_MISMATCH',
        `perfusion stack: frame ${index} is ${frame.width}x${frame.height}x${frame.channels}, frame 0 was ${width}x${height}x${channels}`,
      );
    }
    const d = frame.data,
      grid = ctx!.grid;
    const focusIn = hannPatch(d, width, r0, c0, win, channels, channel);
    const { samples, mean } = coarseSamples(d, width, channels, channel, grid);
    let coarse: PhaseWindow, focusWin: PhaseWindow;
    if (grid.padRows === win && grid.padCols === win) {
      // one complex FFT gives both real spectra (the usual case: 128² each)
      const [a, b] = fft2dRealPair(samples, focusIn, win, win);
      coarse = { rows: win, cols: win, ...a };
      focusWin = { rows: win, cols: win, ...b };
    } else {
      const ci = new Float64Array(samples.length),
        fi = new Float64Array(focusIn.length);
      fft2d(samples, ci, grid.padRows, grid.padCols);
      fft2d(focusIn, fi, win, win);
      coarse = { rows: grid.padRows, cols: grid.padCols, re: samples, im: ci };
      focusWin = { rows: win, cols: win, re: focusIn, im: fi };
    }
    let s = 0;
    for (let r = 0; r < win; r++) {
      let i = ((r + r0) * width + c0) * channels + channel;
      for (let c = 0; c < win; c++, i += channels) s += d[i]!;
    }
    const wmean = s / (win * win);
    return { frame, data: d, index, coarse, mean, focus: wmean > 0 ? bandEnergy(focusWin) / (wmean * wmean) : 0 };
  };

  const add = (p: Prepared, reference: Reference = ref!): void => {
    const sh = registerFrame(reference, p, ctx!, prev, typicalFit());
    const gain = p.mean > 0 ? reference.mean / p.mean : 1;
    let reason: DropReason | null = null;
    if (p.focus < minFocus * reference.focus) reason = 'blur';
    else if (sh.peak < minPeak) reason = 'registration';
    else if (Math.hypot(sh.dRow, sh.dCol) > maxShift) reason = 'motion';
    records.push({ index: p.index, dRow: sh.dRow, dCol: sh.dCol, peak: sh.peak, focus: p.focus, dropped: reason });
    if (reason) {
      dropped[reason]++;
      return;
    }
    prev = sh;
    if (Number.isFinite(sh.cost)) {
      recent.push({ cost: sh.cost, peak: sh.peak });
      if (recent.length > 15) recent.shift();
    }
    used++;
    const sr = Math.round(sh.dRow),
      sc = Math.round(sh.dCol);
    sMinR = Math.min(sMinR, sr);
    sMaxR = Math.max(sMaxR, sr);
    sMinC = Math.min(sMinC, sc);
    sMaxC = Math.max(sMaxC, sc);
    // kept frames with the same whole-pixel shift are accumulated in pairs: one pass over the three maps for two frames
    const cur: Pending = { d: p.frame.data, sr, sc, gain };
    if (pending && pending.sr === sr && pending.sc === sc) {
      accumulate(pending, cur, reference.mean);
      pending = null;
    } else {
      if (pending) accumulate(pending, null, reference.mean);
      pending = cur;
    }
  };

  /** Adds frame a (and b, at the same shift) to the maps; values are accumulated less `offset` (small numbers keep Float32 sums of squares exact enough). */
  const accumulate = (a: Pending, b: Pending | null, offset: number): void => {
    const { sr, sc } = a;
    const rStart = Math.max(0, -sr),
      rEnd = Math.min(height, height - sr);
    const cStart = Math.max(0, -sc),
      cEnd = Math.min(width, width - sc);
    for (let r = rStart; r < rEnd; r++) {
      const o = r * width + cStart,
        src = ((r + sr) * width + cStart + sc) * channels + channel;
      if (b) accumulateRowPair(a.d, b.d, src, channels, sum, sumsq, mn, o, cEnd - cStart, a.gain, b.gain, offset);
      else accumulateRow(a.d, src, channels, sum, sumsq, mn, o, cEnd - cStart, a.gain, offset);
    }
  };

  const startIfReady = (force: boolean): void => {
    if (ref || (buffer.length < refFrames && !force) || buffer.length === 0) return;
    const foci = buffer.map((p) => p.focus).sort((a, b) => a - b);
    const focus = foci[Math.floor((foci.length - 1) / 2)]!;
    const sharp = buffer.filter((p) => p.focus >= minFocus * focus);
    ref = { ...buildReference(sharp, ctx!), focus };
    for (const p of buffer) add(p);
    buffer.length = 0;
  };

  return {
    push(frame: Image2D): void {
      const p = prepare(frame, count++);
      if (!ref) {
        buffer.push(p);
        startIfReady(false);
      } else add(p);
    },
    finish(): PerfusionMaps {
      startIfReady(true);
      if (pending && ref) {
        accumulate(pending, null, ref.mean);
        pending = null;
      }
      if (!ref) throw new VesselprintError('EMPTY_INPUT', 'perfusion stack: the recording has no frames');
      if (used === 0)
        throw new VesselprintError(
          'EMPTY_INPUT',
          `perfusion stack: all ${count} frames were dropped by QC (blur ${dropped.blur}, motion ${dropped.motion}, registration ${dropped.registration})`,
        );
      const fr0 = Math.max(0, -sMinR),
        fr1 = Math.min(height, height - sMaxR);
      const fc0 = Math.max(0, -sMinC),
        fc1 = Math.min(width, width - sMaxC);
      const fh = fr1 - fr0,
        fw = fc1 - fc0;
      const mean = new Float32Array(fw * fh),
        sd = new Float32Array(fw * fh),
        min = new Float32Array(fw * fh);
      for (let r = 0; r < fh; r++) {
        for (let c = 0; c < fw; c++) {
          const i = (r + fr0) * width + c + fc0,
            o = r * fw + c;
          const m = sum[i]! / used;
          mean[o] = m + ref.mean;
          sd[o] = Math.sqrt(Math.max(0, sumsq[i]! / used - m * m));
          min[o] = mn[i]! + ref.mean;
        }
      }
      records.sort((a, b) => a.index - b.index);
      return {
        width: fw,
        height: fh,
        row0: fr0,
        col0: fc0,
        spacingUm: spacing,
        mean,
        min,
        sd,
        framesTotal: count,
        framesUsed: used,
        dropped,
        referenceFrames: Math.min(refFrames, count),
        frames: records,
      };
    },
  };
}
