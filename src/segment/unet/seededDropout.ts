/**
 * Dropout whose masks come from a seeded stream: tfjs' own `Dropout` layer either draws from an
 * unseeded generator or, given a seed, repeats the same mask on every step. This layer uses
 * `seed + k` on its k-th training call, so a run is reproducible and masks still change.
 * Inactive (identity) at inference.
 */
import * as tf from '@tensorflow/tfjs';

export interface SeededDropoutArgs {
  /** Fraction of units dropped, in [0, 1). */
  rate: number;
  /** Base seed of the mask stream. */
  seed: number;
  name?: string;
}

export class SeededDropout extends tf.layers.Layer {
  static className = 'VesselprintSeededDropout';
  private readonly rate: number;
  private readonly baseSeed: number;
  private calls = 0;

  constructor(args: SeededDropoutArgs) {
    super(args.name !== undefined ? { name: args.name } : {});
    this.rate = args.rate;
    this.baseSeed = args.seed;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if (kwargs['training'] !== true || this.rate <= 0) return x;
    const seed = this.baseSeed + this.calls++;
    return tf.tidy(() => tf.dropout(x, this.rate, undefined, seed));
  }

  /**
   * Sets the index k of the next training call (mask seed = seed + k). Data-parallel training
   * (`unet/parallel/`) sets it per batch shard, so the masks do not depend on which worker
   * thread computes the shard.
   */
  setCallIndex(k: number): void {
    this.calls = k;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.baseSeed };
  }
}

tf.serialization.registerClass(SeededDropout);
