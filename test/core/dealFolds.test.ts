import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { dealFolds } from '../../src/core/dealFolds.js';
import { groupedStratifiedKFold } from '../../src/learn/cv/splits.js';

test('dealFolds deals each stratum round-robin: per stratum and in total the folds differ by at most one subject', () => {
  const strata: [string, string[]][] = [
    ['a', ['s1', 's2', 's3', 's4', 's5']],
    ['b', ['t1', 't2', 't3']],
  ];
  const f = dealFolds(strata, 3, createRng(5));
  assert.equal(f.size, 8);
  const count = (ids: string[]) => [0, 1, 2].map((k) => ids.filter((s) => f.get(s) === k).length);
  for (const [, ids] of strata) {
    const c = count(ids);
    assert.ok(Math.max(...c) - Math.min(...c) <= 1, c.join());
  }
  const t = count([...f.keys()]);
  assert.ok(Math.max(...t) - Math.min(...t) <= 1, t.join());
});

test('groupedStratifiedKFold (learn/) uses the same dealer: subjects with 1–6 rows each are balanced by subjects (±1 per class), not rows', () => {
  const y: number[] = [],
    g: string[] = [];
  for (let s = 0; s < 40; s++) {
    const rows = 1 + (s % 6); // very unequal subject sizes
    const cls = s % 3 === 0 ? 1 : 0;
    for (let r = 0; r < rows; r++) {
      y.push(cls);
      g.push(`S${s}`);
    }
  }
  const folds = groupedStratifiedKFold(y, g, { k: 4, seed: 7 });
  for (const cls of [0, 1]) {
    const perFold = folds.map((f) => new Set(f.test.filter((i) => y[i] === cls).map((i) => g[i])).size);
    assert.ok(Math.max(...perFold) - Math.min(...perFold) <= 1, `class ${cls} subjects per fold: ${perFold.join(', ')}`);
  }
});
