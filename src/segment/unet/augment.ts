/**
 * Seeded patch augmentation: flips, 90° rotations, small-angle rotation and slight scaling (all
 * one affine resampling about the patch centre, bilinear for the image, nearest for labels and
 * FOV), then gamma, contrast and brightness on the [0, 1] image before standardisation; for
 * multi-channel (RGB) inputs optionally a per-channel gamma on top (a colour-balance change: cameras
 * and diseased retinas differ in hue, not only in brightness).
 */
import type { Rng } from '../../core/rng.js';
import type { Mask2D } from '../../core/image.js';
import type { PreparedImage } from './prepare.js';

export interface AugmentOptions {
  /** Random horizontal/vertical flips. Default true. */
  flips?: boolean;
  /** Random multiples of 90°. Default true. */
  rot90?: boolean;
  /** Extra rotation, uniform in ±this many degrees. Default 15. */
  maxRotationDeg?: number;
  /** Scale factor range. Default [0.9, 1.1]. */
  scale?: [number, number];
  /** Gamma range applied to the [0, 1] image. Default [0.8, 1.25]. */
  gamma?: [number, number];
  /** Contrast factor range about the image mean. Default [0.85, 1.15]. */
  contrast?: [number, number];
  /** Brightness shift, uniform in ±this (units of the [0, 1] image). Default 0.05. */
  brightness?: number;
  /**
   * Per-channel gamma range (log-uniform, one draw per colour channel, multiplying `gamma`); used by
   * the multi-channel patch sampler (`sampleLabelPatchBatch`), ignored for one channel. Default [1, 1]
   * (none; then no random numbers are drawn, so configs without it replay exactly as before).
   */
  channelGamma?: [number, number];
}

export const DEFAULT_AUGMENT: Required<AugmentOptions> = {
  flips: true,
  rot90: true,
  maxRotationDeg: 15,
  scale: [0.9, 1.1],
  gamma: [0.8, 1.25],
  contrast: [0.85, 1.15],
  brightness: 0.05,
  channelGamma: [1, 1],
};

/** No augmentation (identity geometry and intensity). */
export const NO_AUGMENT: Required<AugmentOptions> = {
  flips: false,
  rot90: false,
  maxRotationDeg: 0,
  scale: [1, 1],
  gamma: [1, 1],
  contrast: [1, 1],
  brightness: 0,
  channelGamma: [1, 1],
};

/** One draw of augmentation parameters. */
export interface AugmentDraw {
  flipRows: boolean;
  flipCols: boolean;
  /** Rotation, radians (90° multiples plus the small angle). */
  angle: number;
  scale: number;
  gamma: number;
  contrast: number;
  brightness: number;
  /** Per-channel gamma factors (red, green, blue), when `channelGamma` is a range; absent otherwise. */
  channelGamma?: [number, number, number];
}

/** Draws augmentation parameters from `rng` (log-uniform for gamma and scale). */
export function drawAugmentation(rng: Rng, options: AugmentOptions = {}): AugmentDraw {
  const o = { ...DEFAULT_AUGMENT, ...options };
  const logU = (r: [number, number]): number => (r[0] === r[1] ? r[0] : Math.exp(rng.range(Math.log(r[0]), Math.log(r[1]))));
  return {
    flipRows: o.flips && rng.bernoulli(0.5),
    flipCols: o.flips && rng.bernoulli(0.5),
    angle:
      (o.rot90 ? rng.int(0, 3) * (Math.PI / 2) : 0) +
      (o.maxRotationDeg > 0 ? (rng.range(-o.maxRotationDeg, o.maxRotationDeg) * Math.PI) / 180 : 0),
    scale: logU(o.scale),
    gamma: logU(o.gamma),
    contrast: o.contrast[0] === o.contrast[1] ? o.contrast[0] : rng.range(o.contrast[0], o.contrast[1]),
    brightness: o.brightness > 0 ? rng.range(-o.brightness, o.brightness) : 0,
    ...(o.channelGamma[0] !== o.channelGamma[1] && {
      channelGamma: [logU(o.channelGamma), logU(o.channelGamma), logU(o.channelGamma)] as [number, number, number],
    }),
  };
}

/**
 * The draw for colour channel `channel` of a multi-channel patch: `gamma` times that channel's
 * `channelGamma` factor (channels past the third reuse the third); the draw itself when it has none.
 * @example channelDraw({ ...a, gamma: 1, channelGamma: [0.9, 1, 1.1] }, 2).gamma // 1.1
 */
export function channelDraw(a: AugmentDraw, channel: number): AugmentDraw {
  if (!a.channelGamma) return a;
  return { ...a, gamma: a.gamma * a.channelGamma[Math.min(channel, 2)] };
}

/**
 * Extracts a `size x size` patch centred at (`row`, `col`) (pixel units, may be fractional) of a
 * prepared image and its labels under the augmentation `a`. Output pixel (i, j) reads the source
 * at centre + scale·R(angle)·(±(i − c), ±(j − c)), c = (size − 1)/2; outside the image or FOV the
 * input is 0 (the standardised FOV mean) and the label 0.
 * @returns standardised input and binary label, both row-major `size·size`
 */
export function extractPatch(
  img: PreparedImage,
  truth: Mask2D,
  row: number,
  col: number,
  size: number,
  a: AugmentDraw,
): { x: Float32Array; y: Float32Array } {
  const { width: W, height: H, unit, fov } = img;
  const x = new Float32Array(size * size);
  const y = new Float32Array(size * size);
  const c = (size - 1) / 2;
  const cos = Math.cos(a.angle) * a.scale;
  const sin = Math.sin(a.angle) * a.scale;
  const identity = a.angle === 0 && a.scale === 1 && !a.flipRows && !a.flipCols && Number.isInteger(row - c) && Number.isInteger(col - c);
  for (let i = 0; i < size; i++) {
    const u = a.flipRows ? c - i : i - c;
    for (let j = 0; j < size; j++) {
      const v = a.flipCols ? c - j : j - c;
      const r = row + cos * u - sin * v;
      const q = col + sin * u + cos * v;
      const k = i * size + j;
      const rn = Math.round(r);
      const qn = Math.round(q);
      if (rn < 0 || qn < 0 || rn >= H || qn >= W || fov.data[rn * W + qn] === 0) continue;
      y[k] = truth.data[rn * W + qn] !== 0 ? 1 : 0;
      let val: number;
      if (identity) val = unit[rn * W + qn]!;
      else {
        const r0 = Math.min(H - 1, Math.max(0, Math.floor(r)));
        const q0 = Math.min(W - 1, Math.max(0, Math.floor(q)));
        const r1 = Math.min(H - 1, r0 + 1);
        const q1 = Math.min(W - 1, q0 + 1);
        const fr = Math.min(1, Math.max(0, r - r0));
        const fq = Math.min(1, Math.max(0, q - q0));
        val =
          (1 - fr) * ((1 - fq) * unit[r0 * W + q0]! + fq * unit[r0 * W + q1]!) +
          fr * ((1 - fq) * unit[r1 * W + q0]! + fq * unit[r1 * W + q1]!);
      }
      if (a.gamma !== 1) val = Math.pow(Math.min(1, Math.max(0, val)), a.gamma);
      val = (val - img.mean) * a.contrast + img.mean + a.brightness;
      x[k] = (val - img.mean) / img.sd;
    }
  }
  return { x, y };
}
