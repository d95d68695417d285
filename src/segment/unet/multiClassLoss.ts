/**
 * Multi-class segmentation loss with partial labels and an ignore mask, on softmax probabilities
 * `p` `[B, H, W, C]`.
 *
 * Each pixel carries an "allowed classes" mask `m` `[B, H, W, C]` (one-hot for a fully labelled
 * pixel; several ones for a partial label such as "vessel, type unknown" = artery or vein; all
 * zeros = ignored) and a weight `w` `[B, H, W, 1]` (class-balancing weight, 0 where ignored).
 *
 *   CE = Σ_pixels w · (−log Σ_c m_c·p_c) / Σ_pixels w
 *
 * For a one-hot `m` this is the weighted softmax cross-entropy; for a set of classes it is the
 * negative log-likelihood of the set (the marginal likelihood used for partial labels, e.g. Jin &
 * Ghahramani 2002, "Learning with multiple labels", NIPS). p is clipped to [ε, 1] inside the log.
 *
 * Optional soft Dice (Milletari et al. 2016, doi:10.1109/3DV.2016.79) on the "vessel" union of
 * the foreground classes: 1 − (2·Σ v·t + 1)/(Σ v + Σ t + 1), v = 1 − p_0, t = 1 − m_0 over the
 * pixels with w > 0 (so it needs class 0 = background).
 *
 * Class balancing: median-frequency weights w_c = median(f)/f_c (Eigen & Fergus 2015, "Predicting
 * depth, surface normals and semantic labels…", ICCV, doi:10.1109/ICCV.2015.304).
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../core/errors.js';

export interface MultiClassLossOptions {
  /** Weight of the (partial-label) cross-entropy. Default 1. */
  ce?: number;
  /** Weight of soft Dice on the foreground union (1 − p_background). Default 0.5. */
  dice?: number;
}

export const DEFAULT_MULTI_CLASS_LOSS: Required<MultiClassLossOptions> = { ce: 1, dice: 0.5 };

const EPS = 1e-7;

/**
 * Weighted partial-label cross-entropy (see the file comment).
 * @example
 * // one pixel, p = (0.7, 0.2, 0.1), label class 0, weight 1 → −log 0.7 = 0.3567
 * partialCrossEntropy(tf.tensor4d([1, 0, 0], [1, 1, 1, 3]), tf.tensor4d([0.7, 0.2, 0.1], [1, 1, 1, 3]), tf.ones([1, 1, 1, 1]))
 */
export function partialCrossEntropy(allowed: tf.Tensor4D, p: tf.Tensor4D, weight: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => {
    const lik = tf.clipByValue(tf.sum(tf.mul(allowed, p), -1, true), EPS, 1);
    const wsum = tf.maximum(tf.sum(weight), EPS);
    return tf.div(tf.neg(tf.sum(tf.mul(weight, tf.log(lik)))), wsum) as tf.Scalar;
  });
}

/** Soft Dice loss on the foreground union (1 − channel 0) over the pixels with weight > 0. */
export function foregroundDiceLoss(allowed: tf.Tensor4D, p: tf.Tensor4D, weight: tf.Tensor4D, smooth = 1): tf.Scalar {
  return tf.tidy(() => {
    const C = p.shape[3];
    const valid = tf.cast(tf.greater(weight, 0), 'float32');
    const fgP = tf.mul(tf.sub(1, tf.slice(p, [0, 0, 0, 0], [-1, -1, -1, 1])), valid);
    const fgT = tf.mul(tf.sub(1, tf.slice(allowed, [0, 0, 0, 0], [-1, -1, -1, 1])), valid);
    if (C < 2) throw new VesselprintError('BAD_ARGUMENT', 'foregroundDiceLoss needs at least 2 classes');
    const inter = tf.sum(tf.mul(fgP, fgT));
    return tf.sub(1, tf.div(tf.add(tf.mul(2, inter), smooth), tf.add(tf.add(tf.sum(fgP), tf.sum(fgT)), smooth))) as tf.Scalar;
  });
}

/** Weighted sum of the configured multi-class losses. */
export function multiClassLoss(allowed: tf.Tensor4D, p: tf.Tensor4D, weight: tf.Tensor4D, options: MultiClassLossOptions = {}): tf.Scalar {
  const o = { ...DEFAULT_MULTI_CLASS_LOSS, ...options };
  return tf.tidy(() => {
    let total = tf.scalar(0);
    if (o.ce !== 0) total = tf.add(total, tf.mul(o.ce, partialCrossEntropy(allowed, p, weight)));
    if (o.dice !== 0) total = tf.add(total, tf.mul(o.dice, foregroundDiceLoss(allowed, p, weight)));
    return total as tf.Scalar;
  });
}

/**
 * Median-frequency class weights w_c = median(f)/f_c from pixel counts per class.
 * @throws VesselprintError EMPTY_INPUT when a class has no pixel
 * @example medianFrequencyWeights([900, 50, 50]) // [0.0556, 1, 1]
 */
export function medianFrequencyWeights(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (counts.some((c) => c <= 0))
    throw new VesselprintError('EMPTY_INPUT', `every class needs at least one training pixel, got counts ${counts.join(', ')}`, {
      field: 'classWeights',
    });
  const f = counts.map((c) => c / total);
  const s = [...f].sort((a, b) => a - b);
  const m = s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return f.map((x) => m / x);
}
