import type { Rng } from '../core/rng.js';
import type { Image2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import { gaussianBlur } from '../preprocess/gaussian.js';
import { gaussianNoise } from './noise.js';
import type { SkinScene } from './skinVideoScene.js';
import { capillaryStates, type CapillaryState, type PerfusionShares } from './skinVideoTruth.js';

/** Options of {@link synthSkinRecording}. */
export interface SkinRecordingOptions {
  /** Number of frames. Default 60. */
  frames?: number;
  /** Frame rate, frames per second. Default 30. */
  fps?: number;
  /** Breathing / hand sway amplitude (rows; columns get half), px. Default 3. */
  swayPx?: number;
  /** Sway frequency, Hz. Default 0.3. */
  swayHz?: number;
  /** SD of the frame-to-frame tremor (a random walk pulled back to 0), px. Default 0.4. */
  tremorPx?: number;
  /** Probability that a frame is a jerk: displaced by `jerkPx` in a random direction and motion-blurred. Default 0.03. */
  jerkProbability?: number;
  jerkPx?: number;
  /** Probability that a frame is out of focus (Gaussian blur `defocusSigmaPx`). Default 0.03. */
  defocusProbability?: number;
  defocusSigmaPx?: number;
  /** SD of the frame's global illumination gain (flicker), relative. Default 0.03. */
  flicker?: number;
  /** SD of the additive pixel noise, 8-bit levels. Default 4. */
  noiseSd?: number;
  /** Relative darkening of the green image by a capillary full of red cells. Default 0.6. */
  contrast?: number;
  /** Share of a flowing capillary's length filled with red cells (the rest is plasma gaps). Default 0.8. */
  redCellShare?: number;
  /** Mean tissue brightness, 8-bit levels. Default 170. */
  brightness?: number;
}

export const DEFAULT_SKIN_RECORDING: Required<SkinRecordingOptions> = {
  frames: 60,
  fps: 30,
  swayPx: 3,
  swayHz: 0.3,
  tremorPx: 0.4,
  jerkProbability: 0.03,
  jerkPx: 12,
  defocusProbability: 0.03,
  defocusSigmaPx: 3,
  flicker: 0.03,
  noiseSd: 4,
  contrast: 0.6,
  redCellShare: 0.8,
  brightness: 170,
};

/** Truth of one frame: where the tissue was and what happened to the frame. */
export interface FrameTruth {
  /** Frame content = scene at (row + shiftRow, col + shiftCol), px. */
  shiftRow: number;
  shiftCol: number;
  jerk: boolean;
  defocus: boolean;
  gain: number;
}

/** Output of {@link synthSkinRecording}. */
export interface SkinRecording {
  /** Grey 8-bit frames (the green channel of a capillaroscope), `spacingUm` set. */
  frames: Image2D<Uint8Array>[];
  fps: number;
  spacingUm: number;
  frameTruth: FrameTruth[];
  /** State of every scene capillary in this recording, by scene order. */
  states: CapillaryState[];
}

/**
 * Renders a skin capillary video-microscopy recording of a scene ({@link planSkinScene}) in one
 * perfusion condition. Each capillary is 'flowing' (red cells with plasma gaps travel along its
 * centre line at its velocity: occupancy along the arc is a square wave of period 4–8 cell
 * lengths with duty `redCellShare`, smoothed), 'stopped' (filled, static) or 'empty' (no red cells:
 * invisible, as in real capillaroscopy) — decided by {@link capillaryStates} from the shares.
 * Frame t = gain_t · vignetting(r, c) · texture(p) · (1 − contrast · Σ weight · occupancy)(p) + noise,
 * with p = (r + shiftRow_t, c + shiftCol_t) sampled bilinearly on the canvas; shifts are a sway
 * sinusoid plus tremor plus rare jerks; jerk frames are motion-blurred and defocused frames blurred.
 *
 * @throws VesselprintError BAD_ARGUMENT when motion would leave the canvas
 * @example synthSkinRecording(scene, { visible: 0.7, flowing: 0.9 }, createRng(2)).frames.length // 60
 */
export function synthSkinRecording(scene: SkinScene, shares: PerfusionShares, rng: Rng, options: SkinRecordingOptions = {}): SkinRecording {
  const o = { ...DEFAULT_SKIN_RECORDING, ...options };
  const { width, height, canvasWidth: cw, marginPx: m } = scene;
  const maxShift = o.swayPx + 6 * o.tremorPx + o.jerkPx + 1;
  if (maxShift >= m) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `synthSkinRecording: motion up to ${maxShift.toFixed(1)} px needs marginPx > that, scene has ${m}`,
      { field: 'marginPx' },
    );
  }
  const states = capillaryStates(scene, shares);
  const motion = rng.fork('motion');
  const phase = motion.range(0, 2 * Math.PI);
  const dark = new Float32Array(scene.texture.length);
  const frames: Image2D<Uint8Array>[] = [];
  const frameTruth: FrameTruth[] = [];
  const umPerCell = 7; // red cell length along the capillary
  let tr = 0,
    tc = 0;
  const cr = (height - 1) / 2,
    cc = (width - 1) / 2,
    diag2 = cr * cr + cc * cc;
  const vign = new Float32Array(width * height);
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) vign[r * width + c] = 1 - (0.25 * ((r - cr) ** 2 + (c - cc) ** 2)) / diag2;
  const periods = scene.capillaries.map((_, i) => (umPerCell / scene.spacingUm) * (4 + 4 * ((i * 0.618) % 1)));
  for (let t = 0; t < o.frames; t++) {
    const time = t / o.fps;
    tr = 0.9 * tr + motion.normal(0, o.tremorPx);
    tc = 0.9 * tc + motion.normal(0, o.tremorPx);
    const jerk = motion.bernoulli(o.jerkProbability);
    const ang = motion.range(0, 2 * Math.PI);
    const defocus = motion.bernoulli(o.defocusProbability);
    const shiftRow = o.swayPx * Math.sin(2 * Math.PI * o.swayHz * time + phase) + tr + (jerk ? o.jerkPx * Math.sin(ang) : 0);
    const shiftCol =
      0.5 * o.swayPx * Math.sin(2 * Math.PI * o.swayHz * time * 0.7 + 2 * phase) + tc + (jerk ? o.jerkPx * Math.cos(ang) : 0);
    const gain = 1 + motion.normal(0, o.flicker);
    // red-cell darkening on the canvas
    scene.capillaries.forEach((cap, i) => {
      const st = states[i]!;
      if (st === 'empty') return;
      const period = periods[i]!;
      const travel = st === 'flowing' ? (cap.velocityUmPerS / scene.spacingUm) * time : 0;
      for (let k = 0; k < cap.pixels.length; k++) {
        let occ = 1;
        if (st === 'flowing') {
          const u = ((((cap.arcPx[k]! - travel + cap.patternOffsetPx) % period) + period) % period) / period;
          // smoothed square wave: 1 inside [0, share), 0 outside, 0.15-period ramps
          const share = o.redCellShare,
            ramp = 0.15;
          occ = u < share ? Math.min(1, u / ramp, (share - u) / ramp) : 0;
          occ = Math.max(0, occ);
        }
        const idx = cap.pixels[k]!;
        const v = cap.weight[k]! * occ;
        if (v > dark[idx]!) dark[idx] = v;
      }
    });
    const img = new Float32Array(width * height);
    for (let r = 0; r < height; r++) {
      const pr = r + m + shiftRow,
        r0 = Math.floor(pr),
        fr = pr - r0;
      for (let c = 0; c < width; c++) {
        const pc = c + m + shiftCol,
          c0 = Math.floor(pc),
          fc = pc - c0;
        const i00 = r0 * cw + c0;
        const v00 = scene.texture[i00]! * (1 - o.contrast * dark[i00]!);
        const v01 = scene.texture[i00 + 1]! * (1 - o.contrast * dark[i00 + 1]!);
        const v10 = scene.texture[i00 + cw]! * (1 - o.contrast * dark[i00 + cw]!);
        const v11 = scene.texture[i00 + cw + 1]! * (1 - o.contrast * dark[i00 + cw + 1]!);
        const v = (1 - fr) * ((1 - fc) * v00 + fc * v01) + fr * ((1 - fc) * v10 + fc * v11);
        img[r * width + c] = o.brightness * gain * vign[r * width + c]! * v;
      }
    }
    scene.capillaries.forEach((cap) => {
      for (let k = 0; k < cap.pixels.length; k++) dark[cap.pixels[k]!] = 0;
    });
    const blurred = jerk
      ? gaussianBlur(img, width, height, (0.5 * o.jerkPx) / 2)
      : defocus
        ? gaussianBlur(img, width, height, o.defocusSigmaPx)
        : img;
    const noise = gaussianNoise(width * height, o.noiseSd, motion.fork(`noise${t}`));
    const out = new Uint8Array(width * height);
    for (let i = 0; i < out.length; i++) {
      const v = Math.round(blurred[i]! + noise[i]!);
      out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
    frames.push({ data: out, width, height, channels: 1, spacingUm: scene.spacingUm, bitDepth: 8 });
    frameTruth.push({ shiftRow, shiftCol, jerk, defocus, gain });
  }
  return { frames, fps: o.fps, spacingUm: scene.spacingUm, frameTruth, states };
}
