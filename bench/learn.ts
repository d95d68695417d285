/**
 * Benchmark of the tree learners against scikit-learn in the same run (issue 9):
 * random forest (500 trees) and gradient boosting (300 rounds) on 10,000 rows × 200 features,
 * fit time (CPU and wall) and held-out AUC side by side, ratio = vesselprint / scikit-learn.
 * Goal: ratio ≤ 2. scikit-learn runs single-threaded (RandomForest n_jobs=1; GradientBoosting
 * is single-threaded) under Debian's /usr/bin/python3.
 *
 *   npm run bench -- learn [--rows 10000] [--cols 200] [--trees 500] [--rounds 300]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../src/core/rng.js';
import { fitRandomForest } from '../src/learn/models/forest.js';
import { fitGradientBoosting } from '../src/learn/models/gradientBoosting.js';
import { rocAuc } from '../src/learn/metrics/ranking.js';
import type { Matrix } from '../src/learn/types.js';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const n = arg('rows', 10000),
  p = arg('cols', 200),
  nTrees = arg('trees', 500),
  nRounds = arg('rounds', 300),
  nTest = 2000;

function make(rows: number, seed: number): { x: Matrix; y: Float64Array } {
  const rng = createRng(seed);
  const x = new Float64Array(rows * p),
    y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) {
      const v = rng.normal();
      x[i * p + j] = v;
      if (j < 10) s += (j % 2 ? 0.6 : -0.6) * v;
    }
    s += 0.8 * Math.sin(2 * x[i * p + 10]!) * x[i * p + 11]!;
    y[i] = rng.bernoulli(1 / (1 + Math.exp(-s))) ? 1 : 0;
  }
  return { x: { data: x, nRows: rows, nCols: p }, y };
}

const train = make(n, 1),
  test = make(nTest, 2);
const dir = mkdtempSync(join(tmpdir(), 'vp-bench-learn-'));
for (const [name, a] of [
  ['xtr', train.x.data],
  ['ytr', train.y],
  ['xte', test.x.data],
  ['yte', test.y],
] as const)
  writeFileSync(join(dir, `${name}.bin`), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

function timed<T>(f: () => T): { out: T; cpu: number; wall: number } {
  const c = process.cpuUsage(),
    t = performance.now();
  const out = f();
  const d = process.cpuUsage(c);
  return { out, cpu: (d.user + d.system) / 1e6, wall: (performance.now() - t) / 1000 };
}

const rf = timed(() => fitRandomForest(train.x, train.y, 'classification', { nTrees, seed: 1 }));
const gb = timed(() => fitGradientBoosting(train.x, train.y, 'classification', { nRounds }));
const ours = {
  rf: { cpu: rf.cpu, wall: rf.wall, auc: rocAuc(test.y, rf.out.predict(test.x)) },
  gbm: { cpu: gb.cpu, wall: gb.wall, auc: rocAuc(test.y, gb.out.predict(test.x)) },
};

const py = `
import json, time, numpy as np
from sklearn.ensemble import RandomForestClassifier, GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
d = ${JSON.stringify(dir)}
X = np.fromfile(d + '/xtr.bin').reshape(${n}, ${p}); y = np.fromfile(d + '/ytr.bin')
Xt = np.fromfile(d + '/xte.bin').reshape(${nTest}, ${p}); yt = np.fromfile(d + '/yte.bin')
out = {}
for name, m in [('rf', RandomForestClassifier(${nTrees}, n_jobs=1, random_state=0)), ('gbm', GradientBoostingClassifier(n_estimators=${nRounds}, random_state=0))]:
    c = time.process_time(); t = time.time(); m.fit(X, y)
    out[name] = {'cpu': time.process_time() - c, 'wall': time.time() - t, 'auc': roc_auc_score(yt, m.predict_proba(Xt)[:, 1])}
print(json.dumps(out))`;
const r = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
rmSync(dir, { recursive: true, force: true });
const ref = r.status === 0 ? (JSON.parse(r.stdout.trim().split('\n').pop()!) as typeof ours) : undefined;
if (!ref)
  console.log(`scikit-learn reference unavailable (/usr/bin/python3 with python3-sklearn needed): ${r.stderr.trim().split('\n').pop()}`);

console.log(
  `tree learners, ${n} rows × ${p} features (test ${nTest}); random forest ${nTrees} trees, gradient boosting ${nRounds} rounds (depth 3, lr 0.1)`,
);
console.log('model  | vesselprint cpu s (wall) | scikit-learn cpu s (wall) | ratio cpu (wall) | test AUC vp / sk');
for (const k of ['rf', 'gbm'] as const) {
  const o = ours[k],
    s = ref?.[k];
  const f = (v: number | undefined): string => (v === undefined ? 'NA' : v.toFixed(2));
  console.log(
    `${k.padEnd(6)} | ${f(o.cpu)} (${f(o.wall)}) | ${f(s?.cpu)} (${f(s?.wall)}) | ${s ? f(o.cpu / s.cpu) : 'NA'} (${s ? f(o.wall / s.wall) : 'NA'}) | ${o.auc.toFixed(3)} / ${s ? s.auc.toFixed(3) : 'NA'}`,
  );
}
console.log("goal: ratio ≤ 2 (vesselprint at most twice scikit-learn's fit time)");
