/**
 * Model-agnostic KernelSHAP (Lundberg & Lee 2017, Theorem 2): the Shapley values of the
 * interventional game v(S) = mean_b f(x_S, b_S̄) solve the weighted least-squares problem
 *   min Σ_S π(S) (v(S) − φ_0 − Σ_{j∈S} φ_j)²,  π(S) = (M−1) / (C(M,|S|)·|S|·(M−|S|)),
 * subject to φ_0 = v(∅) and Σ φ_j = v(N) − v(∅) (local accuracy, enforced exactly by eliminating
 * the last feature).
 *
 * Sampling budget: `nSamples` coalitions per explained row (default 2·M + 2048), each costing
 * one model call on every background row (so nSamples × nBackground predictions per row).
 * When 2^M − 2 ≤ nSamples every coalition is enumerated with its exact weight and the result is
 * the exact interventional Shapley value. Otherwise coalitions are drawn in complementary pairs:
 * a size s ∈ [1, M−1] with probability ∝ (M−1)/(s(M−s)), then a uniform subset of that size,
 * so every draw has weight 1; the estimate converges to the exact value as nSamples grows.
 */
import { VesselprintError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import type { Matrix } from '../learn/types.js';
import { solveDense } from '../core/solveDense.js';
import type { OutputScale, ShapExplanation } from './types.js';

export interface KernelShapOptions {
  /** Coalitions per explained row. Default 2·M + 2048. */
  nSamples?: number;
  /** Seed of the coalition sampler. Default 0. */
  seed?: number;
  /** Name of the scale `predict` returns (for figures). Default 'raw'. */
  outputScale?: OutputScale;
}

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** The coalitions and their weights for one row (enumerated or sampled). */
function coalitions(m: number, nSamples: number, seed: number): { masks: Uint8Array[]; weights: number[] } {
  const masks: Uint8Array[] = [],
    weights: number[] = [];
  if (m <= 30 && 2 ** m - 2 <= nSamples) {
    for (let s = 1; s < 2 ** m - 1; s++) {
      const mask = new Uint8Array(m);
      let k = 0;
      for (let j = 0; j < m; j++) {
        mask[j] = Math.floor(s / 2 ** j) % 2;
        k += mask[j]!;
      }
      masks.push(mask);
      weights.push((m - 1) / (binom(m, k) * k * (m - k)));
    }
    return { masks, weights };
  }
  const rng = createRng(seed);
  const sizeW = Array.from({ length: m - 1 }, (_, i) => (m - 1) / ((i + 1) * (m - i - 1)));
  const total = sizeW.reduce((a, b) => a + b, 0);
  const idx = Array.from({ length: m }, (_, j) => j);
  for (let n = 0; n < nSamples; n += 2) {
    let u = rng.uniform() * total,
      s = 1;
    while (s < m - 1 && u >= sizeW[s - 1]!) {
      u -= sizeW[s - 1]!;
      s++;
    }
    // partial Fisher–Yates: the first s of a random permutation
    for (let i = 0; i < s; i++) {
      const j = i + Math.floor(rng.uniform() * (m - i));
      const t = idx[i]!;
      idx[i] = idx[j]!;
      idx[j] = t;
    }
    const a = new Uint8Array(m);
    for (let i = 0; i < s; i++) a[idx[i]!] = 1;
    const b = a.map((v) => 1 - v);
    masks.push(a, b);
    weights.push(1, 1);
  }
  return { masks, weights };
}

/**
 * KernelSHAP for every row of `x` with `predict` (any model: probability, raw score, …).
 * @param predict the model, called on batches of rows
 * @param background rows that stand for "feature absent" (e.g. 50–200 training rows)
 * @throws VesselprintError SHAPE_MISMATCH, EMPTY_INPUT, BAD_ARGUMENT (singular sample: raise nSamples)
 * @example kernelShap((m) => model.predict(m), xTest, xTrainSample, { nSamples: 4096, seed: 1 })
 */
export function kernelShap(
  predict: (x: Matrix) => Float64Array,
  x: Matrix,
  background: Matrix,
  options: KernelShapOptions = {},
): ShapExplanation {
  const m = x.nCols,
    nb = background.nRows;
  if (background.nCols !== m)
    throw new VesselprintError('SHAPE_MISMATCH', `kernelShap: rows have ${m} features, background ${background.nCols}`);
  if (nb === 0) throw new VesselprintError('EMPTY_INPUT', 'kernelShap: background has no rows', { field: 'background' });
  const nSamples = options.nSamples ?? 2 * m + 2048;
  if (!(Number.isInteger(nSamples) && nSamples >= 2))
    throw new VesselprintError('BAD_ARGUMENT', `kernelShap: nSamples must be an integer ≥ 2, got ${nSamples}`, { field: 'nSamples' });
  const bgOut = predict(background);
  const e0 = bgOut.reduce((a, b) => a + b, 0) / nb;
  const fx = predict(x);
  const values = new Float64Array(x.nRows * m);
  const root = createRng(options.seed ?? 0);
  for (let r = 0; r < x.nRows; r++) {
    const row = x.data.subarray(r * m, (r + 1) * m);
    const phi = values.subarray(r * m, (r + 1) * m);
    const total = fx[r]! - e0;
    if (m === 1) {
      phi[0] = total;
      continue;
    }
    const { masks, weights } = coalitions(m, nSamples, root.fork(`row-${r}`).seed);
    // v(S) for every coalition: one batched prediction
    const k = masks.length;
    const data = new Float64Array(k * nb * m);
    for (let c = 0; c < k; c++) {
      data.set(background.data, c * nb * m);
      const mask = masks[c]!;
      for (let b = 0; b < nb; b++) {
        const o = (c * nb + b) * m;
        for (let j = 0; j < m; j++) if (mask[j]) data[o + j] = row[j]!;
      }
    }
    const out = predict({ data, nRows: k * nb, nCols: m });
    // normal equations of the constrained WLS, last feature eliminated (eq. of Theorem 2)
    const q = m - 1;
    const ata = new Float64Array(q * q),
      atb = new Float64Array(q);
    for (let c = 0; c < k; c++) {
      let v = 0;
      for (let b = 0; b < nb; b++) v += out[c * nb + b]!;
      v /= nb;
      const mask = masks[c]!,
        w = weights[c]!;
      const zl = mask[q]!;
      const yk = v - e0 - zl * total;
      for (let i = 0; i < q; i++) {
        const zi = mask[i]! - zl;
        if (zi === 0) continue;
        atb[i] += w * zi * yk;
        for (let j = 0; j < q; j++) ata[i * q + j] += w * zi * (mask[j]! - zl);
      }
    }
    const sol = solveDense(
      ata,
      atb,
      q,
      'kernelShap: the sampled coalitions do not determine every feature (singular system); raise nSamples',
    );
    let s = 0;
    for (let i = 0; i < q; i++) {
      phi[i] = sol[i]!;
      s += sol[i]!;
    }
    phi[q] = total - s;
  }
  return {
    expectedValue: e0,
    values,
    nRows: x.nRows,
    nFeatures: m,
    output: fx,
    outputScale: options.outputScale ?? 'raw',
    method: 'kernel',
  };
}
