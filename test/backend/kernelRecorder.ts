/**
 * Records every kernel call tfjs makes while a function runs (forward ops, the gradient kernels
 * of backprop, the optimizer's update kernels), with copies of its inputs and outputs, and
 * replays a call on another backend. This turns "every kernel the U-Net uses" into a list taken
 * from a real training step rather than one written by hand.
 */
import * as tf from '@tensorflow/tfjs';

/** A tensor as plain data. */
export interface TensorCopy {
  shape: number[];
  dtype: tf.DataType;
  data: Float32Array | Int32Array | Uint8Array;
}

/** One distinct kernel call: its name, attributes, inputs, and the outputs the recording backend gave. */
export interface KernelCall {
  kernel: string;
  attrs: tf.NamedAttrMap;
  inputs: Record<string, TensorCopy>;
  /** Kernels such as AddN and Concat take a list of tensors rather than named ones. */
  inputsAreList: boolean;
  outputs: TensorCopy[];
  /** Kernel name, attributes and input shapes/dtypes: calls with the same key run the same program. */
  key: string;
}

function copy(t: tf.Tensor): TensorCopy {
  const d = t.dataSync();
  const data =
    d instanceof Float32Array
      ? Float32Array.from(d)
      : d instanceof Int32Array
        ? Int32Array.from(d)
        : Uint8Array.from(d as ArrayLike<number>);
  return { shape: [...t.shape], dtype: t.dtype, data };
}

/**
 * Runs `fn` (on a backend that reads synchronously: cpu or wasm) and returns the first call of
 * every distinct kernel/attribute/shape combination, in order of first use.
 */
export async function recordKernels(fn: () => Promise<void> | void): Promise<KernelCall[]> {
  const engine = tf.engine();
  const original = engine.runKernel.bind(engine);
  const calls = new Map<string, KernelCall>();
  const patched = <T extends tf.Tensor | tf.Tensor[]>(kernel: string, inputs: tf.NamedTensorMap, attrs?: tf.NamedAttrMap): T => {
    const out = original<T>(kernel, inputs, attrs);
    const named = Object.entries(inputs).filter((e): e is [string, tf.Tensor] => e[1] instanceof tf.Tensor);
    const key = `${kernel} ${JSON.stringify(attrs ?? {})} ${named.map(([n, t]) => `${n}:${t.dtype}[${t.shape.join(',')}]`).join(' ')}`;
    if (!calls.has(key)) {
      const outs: tf.Tensor[] = Array.isArray(out) ? out : [out];
      calls.set(key, {
        kernel,
        attrs: { ...(attrs ?? {}) },
        inputs: Object.fromEntries(named.map(([n, t]) => [n, copy(t)])),
        inputsAreList: Array.isArray(inputs),
        outputs: outs.map(copy),
        key,
      });
    }
    return out;
  };
  engine.runKernel = patched;
  try {
    await fn();
  } finally {
    engine.runKernel = original;
  }
  return [...calls.values()];
}

/** Replays `call` on the active backend; outputs read with `await data()` (works on webgpu). No tensor is left behind. */
export async function replayKernel(call: KernelCall): Promise<TensorCopy[]> {
  const made = Object.entries(call.inputs).map(([n, c]) => [n, tf.tensor(c.data, c.shape, c.dtype)] as const);
  const list = made.map(([, t]) => t);
  try {
    const out = call.inputsAreList
      ? runListKernel(call, list)
      : tf.engine().runKernel<tf.Tensor | tf.Tensor[]>(call.kernel, Object.fromEntries(made), call.attrs);
    const outs = Array.isArray(out) ? out : [out];
    try {
      const res: TensorCopy[] = [];
      for (const t of outs)
        res.push({ shape: [...t.shape], dtype: t.dtype, data: (await t.data()) as Float32Array | Int32Array | Uint8Array });
      return res;
    } finally {
      outs.forEach((t) => t.dispose());
    }
  } finally {
    list.forEach((t) => t.dispose());
  }
}

/** Kernels taking a list of tensors, through their public op (which runs the same kernel). */
function runListKernel(call: KernelCall, list: tf.Tensor[]): tf.Tensor {
  switch (call.kernel) {
    case 'AddN':
      return tf.addN(list);
    case 'Concat':
      return tf.concat(list, Number(call.attrs['axis']));
    case 'Pack':
      return tf.stack(list, Number(call.attrs['axis']));
    default:
      throw new Error(`replayKernel: no replay for the list kernel ${call.kernel}`);
  }
}

/**
 * max |a − b| / max |b| over finite entries (0 when both are all zeros, Infinity when only `b`
 * is); non-finite entries must match exactly (NaN with NaN, +Inf with +Inf).
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!Number.isFinite(y) || !Number.isFinite(x)) {
      if (!(Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y)))) return Infinity;
      continue;
    }
    m = Math.max(m, Math.abs(x - y));
    n = Math.max(n, Math.abs(y));
  }
  return m === 0 ? 0 : n === 0 ? Infinity : m / n;
}
