/**
 * Grows one regression/CART tree on binned features by exhaustive search over bin boundaries,
 * depth first. Split criterion: largest decrease of the weighted squared error,
 * Σ_children (Σwt)²/Σw − (Σwt)²/Σw (Breiman et al. 1984, CART). For 0/1 targets this is exactly
 * the Gini criterion (n·Gini = 2(S − S²/n)), so classification and regression share it.
 * The stored threshold lies midway between the largest training value sent left and the
 * smallest sent right within the node (scikit-learn's convention).
 */
import type { Rng } from '../../core/rng.js';
import type { BinnedFeatures } from './binning.js';
import type { TreeArrays } from './tree.js';

export interface GrowOptions {
  /** Maximum depth. Default Infinity. */
  maxDepth?: number;
  /** Minimum (weighted) samples to split a node. Default 2. */
  minSamplesSplit?: number;
  /** Minimum (weighted) samples in each child. Default 1. */
  minSamplesLeaf?: number;
  /** Features tried at each node (random subset without replacement). Default all. */
  maxFeatures?: number;
  /** Random source for the feature subsets (needed when maxFeatures < nCols). */
  rng?: Rng;
}

export interface GrownTree {
  tree: TreeArrays;
  /** Leaf node reached by each training sample (−1 for samples with weight 0). */
  leafOf: Int32Array;
}

/**
 * @param bins binned training features
 * @param target per-sample target (0/1 for classification, residuals for boosting)
 * @param weight per-sample weight (bootstrap counts; 0 = not in the sample)
 */
export function growTree(bins: BinnedFeatures, target: Float64Array, weight: Float64Array, options: GrowOptions = {}): GrownTree {
  const n = bins.nRows,
    p = bins.nCols;
  const maxDepth = options.maxDepth ?? Infinity,
    minSplit = options.minSamplesSplit ?? 2,
    minLeaf = options.minSamplesLeaf ?? 1;
  const mtry = Math.min(p, options.maxFeatures ?? p);
  const codes = bins.codes;
  const idxAll: number[] = [];
  for (let i = 0; i < n; i++) if (weight[i]! > 0) idxAll.push(i);
  const idx = Uint32Array.from(idxAll);
  const feature: number[] = [],
    threshold: number[] = [],
    left: number[] = [],
    right: number[] = [],
    value: number[] = [],
    cover: number[] = [];
  const leafOf = new Int32Array(n).fill(-1);
  const hw = new Float64Array(256),
    hs = new Float64Array(256);
  const lw = new Float64Array(idx.length),
    lwt = new Float64Array(idx.length),
    keys = new Uint32Array(128);
  const feats = Int32Array.from({ length: p }, (_, j) => j);
  // Histogram subtraction (all features tried at every node, bounded depth: boosting): a node's
  // per-feature histograms come from its parent's minus its sibling's, so only the smaller child
  // is histogrammed from its samples (as LightGBM / scikit-learn's HistGradientBoosting).
  const useSub = mtry === p && Number.isFinite(maxDepth) && maxDepth <= 16 && p > 0;
  const HS = p * 512;
  const pool: Float64Array[] = [];
  const getHist = (): Float64Array => {
    const h = pool.pop();
    if (h) {
      h.fill(0);
      return h;
    }
    return new Float64Array(HS);
  };
  const fillHist = (h: Float64Array, from: number, to: number): void => {
    const m = to - from;
    for (let k = 0; k < m; k++) {
      const i = idx[from + k]!;
      lw[k] = weight[i]!;
      lwt[k] = weight[i]! * target[i]!;
    }
    const rows = idx.subarray(from, to);
    for (let f = 0; f < p; f++) {
      const off = f * n,
        ho = f * 512;
      for (let k = 0; k < m; k++) {
        const b = ho + 2 * codes[off + rows[k]!]!;
        h[b] += lw[k]!;
        h[b + 1] += lwt[k]!;
      }
    }
  };
  const hists = new Map<number, Float64Array>();
  // stack of [node, start, end, depth]
  const newNode = (): number => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(0);
    cover.push(0);
    return feature.length - 1;
  };
  const stack: [number, number, number, number][] = [[newNode(), 0, idx.length, 0]];
  while (stack.length > 0) {
    const [node, start, end, depth] = stack.pop()!;
    let W = 0,
      S = 0,
      SS = 0;
    for (let k = start; k < end; k++) {
      const i = idx[k]!,
        w = weight[i]!,
        t = target[i]!;
      W += w;
      S += w * t;
      SS += w * t * t;
    }
    value[node] = S / W;
    cover[node] = W;
    const sse = SS - (S * S) / W;
    let bestGain = 1e-12 * Math.max(1, Math.abs(SS)),
      bestF = -1,
      bestB = -1;
    if (depth < maxDepth && W >= minSplit && W >= 2 * minLeaf && sse > 1e-14 * Math.max(1, SS)) {
      if (mtry < p) {
        for (let a = 0; a < mtry; a++) {
          const b = a + Math.floor(options.rng!.uniform() * (p - a));
          const t = feats[a]!;
          feats[a] = feats[b]!;
          feats[b] = t;
        }
      }
      const base = (S * S) / W;
      const m = end - start;
      let full: Float64Array | undefined;
      if (useSub) {
        full = hists.get(node);
        if (!full) {
          full = getHist();
          fillHist(full, start, end);
          hists.set(node, full);
        }
      }
      if (full) {
        for (let f = 0; f < p; f++) {
          const nb = bins.edges[f]!.length + 1,
            ho = f * 512;
          let wl = 0,
            sl = 0;
          for (let b = 0; b < nb - 1; b++) {
            const hwb = full[ho + 2 * b]!;
            wl += hwb;
            sl += full[ho + 2 * b + 1]!;
            if (hwb === 0) continue;
            const wr = W - wl;
            if (wl < minLeaf) continue;
            if (wr < minLeaf) break;
            const sr = S - sl;
            const gain = (sl * sl) / wl + (sr * sr) / wr - base;
            if (gain > bestGain) {
              bestGain = gain;
              bestF = f;
              bestB = b;
            }
          }
        }
      } else {
        for (let k = 0; k < m; k++) {
          const i = idx[start + k]!;
          lw[k] = weight[i]!;
          lwt[k] = weight[i]! * target[i]!;
        }
        for (let a = 0; a < mtry; a++) {
          const f = feats[a]!;
          const nb = bins.edges[f]!.length + 1;
          if (nb < 2) continue;
          const off = f * n;
          if (2 * m < nb) {
            // small node: sort its samples by bin code (packed code·256 + position) instead of a histogram
            for (let k = 0; k < m; k++) keys[k] = codes[off + idx[start + k]!]! * 256 + k;
            const ks = keys.subarray(0, m).sort();
            let wl = 0,
              sl = 0;
            for (let q = 0; q < m - 1; q++) {
              const k = ks[q]! & 255;
              wl += lw[k]!;
              sl += lwt[k]!;
              const b = ks[q]! >>> 8;
              if (b === ks[q + 1]! >>> 8) continue;
              const wr = W - wl;
              if (wl < minLeaf) continue;
              if (wr < minLeaf) break;
              const sr = S - sl;
              const gain = (sl * sl) / wl + (sr * sr) / wr - base;
              if (gain > bestGain) {
                bestGain = gain;
                bestF = f;
                bestB = b;
              }
            }
            continue;
          }
          let bmin = 255,
            bmax = 0;
          for (let k = 0; k < m; k++) {
            const b = codes[off + idx[start + k]!]!;
            hw[b] += lw[k]!;
            hs[b] += lwt[k]!;
            if (b < bmin) bmin = b;
            if (b > bmax) bmax = b;
          }
          let wl = 0,
            sl = 0;
          for (let b = bmin; b < bmax; b++) {
            wl += hw[b]!;
            sl += hs[b]!;
            if (hw[b] === 0) continue;
            const wr = W - wl;
            if (wl < minLeaf) continue;
            if (wr < minLeaf) break;
            const sr = S - sl;
            const gain = (sl * sl) / wl + (sr * sr) / wr - base;
            if (gain > bestGain) {
              bestGain = gain;
              bestF = f;
              bestB = b;
            }
          }
          hw.fill(0, bmin, bmax + 1);
          hs.fill(0, bmin, bmax + 1);
        }
      }
    }
    if (bestF < 0) {
      for (let k = start; k < end; k++) leafOf[idx[k]!] = node;
      const h = hists.get(node);
      if (h) {
        hists.delete(node);
        pool.push(h);
      }
      continue;
    }
    // partition idx[start, end) by code ≤ bestB
    const off = bestF * n;
    let lo = start,
      hi = end - 1;
    while (lo <= hi) {
      if (codes[off + idx[lo]!]! <= bestB) lo++;
      else {
        const t = idx[lo]!;
        idx[lo] = idx[hi]!;
        idx[hi] = t;
        hi--;
      }
    }
    // threshold midway between the largest left and the smallest right training value in this node
    let maxL = -Infinity,
      minR = Infinity;
    for (let k = start; k < lo; k++) maxL = Math.max(maxL, bins.values[off + idx[k]!]!);
    for (let k = lo; k < end; k++) minR = Math.min(minR, bins.values[off + idx[k]!]!);
    feature[node] = bestF;
    threshold[node] = maxL + (minR - maxL) / 2;
    const l = newNode(),
      r = newNode();
    left[node] = l;
    right[node] = r;
    const ph = hists.get(node);
    if (ph) {
      hists.delete(node);
      if (depth + 1 < maxDepth) {
        const leftSmaller = lo - start <= end - lo;
        const small = getHist();
        if (leftSmaller) fillHist(small, start, lo);
        else fillHist(small, lo, end);
        for (let q = 0; q < HS; q++) ph[q] = ph[q]! - small[q]!;
        hists.set(leftSmaller ? l : r, small);
        hists.set(leftSmaller ? r : l, ph);
      } else pool.push(ph);
    }
    stack.push([r, lo, end, depth + 1], [l, start, lo, depth + 1]);
  }
  return {
    tree: {
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
      cover: Float64Array.from(cover),
    },
    leafOf,
  };
}
