/**
 * SHAP timings: path-dependent TreeSHAP (Algorithm 2) against the exact enumeration of the
 * same game (reference, O(2^M)), interventional TreeSHAP against KernelSHAP with the same
 * background, and the interaction values. Prints ms and speed-up ratios; also the largest
 * difference between each fast method and its reference (a correctness cross-check).
 * Usage: npm run bench -- shap [nRows=50] [nFeatures=10]
 */
import { createRng } from '../src/core/rng.js';
import { fitGradientBoosting } from '../src/learn/models/gradientBoosting.js';
import { ensembleRaw } from '../src/learn/models/treeEnsemble.js';
import { treeShap, treeShapInteractions } from '../src/explain/treeShap.js';
import { exactShapley } from '../src/explain/exactShapley.js';
import { ensemblePathValue } from '../src/explain/valueFunctions.js';
import { kernelShap } from '../src/explain/kernelShap.js';

const nRows = Number(process.argv[3] ?? 50),
  p = Number(process.argv[4] ?? 10);
const rng = createRng(1);
const n = 400;
const data = Float64Array.from({ length: n * p }, () => rng.normal());
const x = { data, nRows: n, nCols: p };
const y = Float64Array.from({ length: n }, (_, i) => (data[i * p]! + data[i * p + 1]! * data[i * p + 2]! + 0.5 * rng.normal() > 0 ? 1 : 0));
const model = fitGradientBoosting(x, y, 'classification', { nRounds: 100, maxDepth: 3 });
const xs = { data: data.subarray(0, nRows * p), nRows, nCols: p };
const bg = { data: data.subarray(n * p - 50 * p), nRows: 50, nCols: p };

const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};
const [fast, tFast] = time(() => treeShap(model.ensemble, xs));
const [exact, tExact] = time(() =>
  Array.from({ length: nRows }, (_, r) =>
    exactShapley((s) => ensemblePathValue(model.ensemble, xs.data.subarray(r * p, (r + 1) * p), s), p),
  ),
);
let d1 = 0;
exact.forEach((phi, r) =>
  phi.forEach((v, j) => {
    d1 = Math.max(d1, Math.abs(v - fast.values[r * p + j]!));
  }),
);
const [iv, tIv] = time(() => treeShap(model.ensemble, xs, { featurePerturbation: 'interventional', background: bg }));
const [ks, tKs] = time(() => kernelShap((m) => ensembleRaw(model.ensemble, m), xs, bg, { nSamples: 2048, seed: 1 }));
let d2 = 0;
for (let i = 0; i < iv.values.length; i++) d2 = Math.max(d2, Math.abs(iv.values[i]! - ks.values[i]!));
const [, tInt] = time(() => treeShapInteractions(model.ensemble, xs));

console.log(`GBM 100 trees depth 3, ${p} features, ${nRows} rows explained (background 50 rows)`);
console.log(
  `path-dependent TreeSHAP   ${tFast.toFixed(1).padStart(9)} ms   vs enumeration ${tExact.toFixed(1)} ms   speed-up ×${(tExact / tFast).toFixed(1)}   max |Δφ| ${d1.toExponential(2)}`,
);
console.log(
  `interventional TreeSHAP   ${tIv.toFixed(1).padStart(9)} ms   vs KernelSHAP(2048) ${tKs.toFixed(1)} ms   speed-up ×${(tKs / tIv).toFixed(1)}   max |Δφ| ${d2.toExponential(2)} ${2 ** p - 2 <= 2048 ? `(Kernel enumerated all ${2 ** p - 2} coalitions: exact)` : '(Kernel sampling error)'}`,
);
console.log(
  `TreeSHAP interactions     ${tInt.toFixed(1).padStart(9)} ms   (${p + 1} conditioned passes per row: ×${(tInt / tFast).toFixed(1)} of TreeSHAP)`,
);
