/**
 * The output layer of a refined (cascaded) U-Net: the first network's probabilities p and the
 * second network's correction z combine as
 *   softmax(log p + z)            (C ≥ 2 classes), or
 *   sigmoid(log p − log(1 − p) + z)   (C = 1, a vessel probability),
 * so a zero correction gives back p exactly (up to the clamp of p to [1e-7, 1 − 1e-7]). With the
 * second network's head initialised to zero the cascade starts as the first network and training
 * can only move it from there. The cascade itself follows W-Net (A. Galdran et al., "State-of-the-art
 * retinal vessel segmentation with minimalistic models", Sci. Rep. 12 (2022) 6174,
 * doi:10.1038/s41598-022-09675-y): a second U-Net reads the image and the first one's output.
 */
import * as tf from '@tensorflow/tfjs';

const EPS = 1e-7;

export class RefineLogits extends tf.layers.Layer {
  static className = 'VesselprintRefineLogits';

  constructor(args: { name?: string } = {}) {
    super(args.name !== undefined ? { name: args.name } : {});
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const [p, z] = inputs as [tf.Tensor, tf.Tensor];
    return tf.tidy(() => {
      const q = tf.clipByValue(p, EPS, 1 - EPS);
      if (p.shape[p.rank - 1] === 1) return tf.sigmoid(tf.add(tf.sub(tf.log(q), tf.log(tf.sub(1, q))), z));
      return tf.softmax(tf.add(tf.log(q), z));
    });
  }
}

tf.serialization.registerClass(RefineLogits);
