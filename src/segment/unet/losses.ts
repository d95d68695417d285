/**
 * Segmentation losses on probability maps `p` and binary targets `y`, both `[B, H, W, 1]`.
 *
 * - Binary cross-entropy: mean of −[y·log p + (1 − y)·log(1 − p)], p clipped to [ε, 1 − ε].
 * - Soft Dice (Milletari et al. 2016, V-Net, doi:10.1109/3DV.2016.79, eq. (1) with squares
 *   replaced by the plain sums used by most U-Net code): 1 − (2·Σ p·y + s)/(Σ p + Σ y + s),
 *   over the whole batch, smoothing s = 1.
 * - soft clDice (Shit et al. 2021, doi:10.1109/CVPR46437.2021.01629, Algorithm 1 soft-skeleton
 *   with 3x3 min/max pooling, eq. (4)): 1 − 2·Tprec·Tsens/(Tprec + Tsens).
 */
import * as tf from '@tensorflow/tfjs';

export interface SegLossOptions {
  /** Weight of BCE. Default 1. */
  bce?: number;
  /** Weight of soft Dice. Default 1. */
  dice?: number;
  /** Weight of soft clDice (0 = off). Default 0. */
  cldice?: number;
  /** Soft-skeleton iterations for clDice. Default 5. */
  cldiceIterations?: number;
}

export const DEFAULT_SEG_LOSS: Required<SegLossOptions> = { bce: 1, dice: 1, cldice: 0, cldiceIterations: 5 };

const EPS = 1e-7;

/** Mean binary cross-entropy. */
export function bceLoss(y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const pc = tf.clipByValue(p, EPS, 1 - EPS);
    return tf.neg(tf.mean(tf.add(tf.mul(y, tf.log(pc)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, pc)))))) as tf.Scalar;
  });
}

/** Soft Dice loss over the batch. */
export function softDiceLoss(y: tf.Tensor, p: tf.Tensor, smooth = 1): tf.Scalar {
  return tf.tidy(() => {
    const inter = tf.sum(tf.mul(p, y));
    return tf.sub(1, tf.div(tf.add(tf.mul(2, inter), smooth), tf.add(tf.add(tf.sum(p), tf.sum(y)), smooth))) as tf.Scalar;
  });
}

function softErode(x: tf.Tensor4D): tf.Tensor4D {
  const a = tf.neg(tf.maxPool(tf.neg(x), [3, 1], 1, 'same'));
  const b = tf.neg(tf.maxPool(tf.neg(x), [1, 3], 1, 'same'));
  return tf.minimum(a, b) as tf.Tensor4D;
}
function softDilate(x: tf.Tensor4D): tf.Tensor4D {
  return tf.maxPool(x, 3, 1, 'same');
}

/** Soft skeleton (Shit et al. 2021, Algorithm 1). */
export function softSkeleton(x: tf.Tensor4D, iterations: number): tf.Tensor4D {
  return tf.tidy(() => {
    let img = x;
    let skel = tf.relu(tf.sub(img, softDilate(softErode(img)))) as tf.Tensor4D;
    for (let i = 0; i < iterations; i++) {
      img = softErode(img);
      const delta = tf.relu(tf.sub(img, softDilate(softErode(img))));
      skel = tf.add(skel, tf.relu(tf.sub(delta, tf.mul(skel, delta)))) as tf.Tensor4D;
    }
    return skel;
  });
}

/** Soft clDice loss. */
export function softClDiceLoss(y: tf.Tensor4D, p: tf.Tensor4D, iterations = 5, smooth = 1): tf.Scalar {
  return tf.tidy(() => {
    const sp = softSkeleton(p, iterations);
    const sy = softSkeleton(y, iterations);
    const tprec = tf.div(tf.add(tf.sum(tf.mul(sp, y)), smooth), tf.add(tf.sum(sp), smooth));
    const tsens = tf.div(tf.add(tf.sum(tf.mul(sy, p)), smooth), tf.add(tf.sum(sy), smooth));
    return tf.sub(1, tf.div(tf.mul(2, tf.mul(tprec, tsens)), tf.add(tprec, tsens))) as tf.Scalar;
  });
}

/** Weighted sum of the configured losses. */
export function segLoss(y: tf.Tensor4D, p: tf.Tensor4D, options: SegLossOptions = {}): tf.Scalar {
  const o = { ...DEFAULT_SEG_LOSS, ...options };
  return tf.tidy(() => {
    let total = tf.scalar(0);
    if (o.bce !== 0) total = tf.add(total, tf.mul(o.bce, bceLoss(y, p)));
    if (o.dice !== 0) total = tf.add(total, tf.mul(o.dice, softDiceLoss(y, p)));
    if (o.cldice !== 0) total = tf.add(total, tf.mul(o.cldice, softClDiceLoss(y, p, o.cldiceIterations)));
    return total as tf.Scalar;
  });
}
