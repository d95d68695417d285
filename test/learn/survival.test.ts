import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { kaplanMeier, numberAtRisk, survivalAt } from '../../src/learn/survival/kaplanMeier.js';
import { harrellC } from '../../src/learn/survival/concordance.js';
import { coxFit } from '../../src/learn/survival/cox.js';
import { coxPhTest } from '../../src/learn/survival/phTest.js';
import { groupsByTertile, kaplanMeierFigure } from '../../src/plot/kaplanMeier.js';
import { close } from './pyOracle.js';

test('kaplanMeier() on a hand-checked example (ties, censoring) gives the product-limit and Greenwood values', () => {
  // times 1 2 2+ 3 4+ 5 (+ censored): S = 5/6, 2/3, 4/9, 4/9, 0; Greenwood at t=3: Σ d/(n(n−d)) = 1/30+1/20+1/6 = 1/4.
  const km = kaplanMeier([1, 2, 2, 3, 4, 5], [1, 1, 0, 1, 0, 1]);
  assert.deepEqual(km.time, [1, 2, 3, 4, 5]);
  assert.deepEqual(km.nRisk, [6, 5, 3, 2, 1]);
  assert.deepEqual(km.nEvent, [1, 1, 1, 0, 1]);
  close(km.survival, [5 / 6, 2 / 3, 4 / 9, 4 / 9, 0], 1e-14, 'S');
  close([km.se[2]!], [(4 / 9) * 0.5], 1e-14, 'Greenwood SE');
  // log(−log) CI at t=1: σ = √(1/30)/|log(5/6)|, CI = S^{exp(±1.96σ)}
  const sig = Math.sqrt(1 / 30) / Math.abs(Math.log(5 / 6)),
    z = 1.959963984540054;
  close([km.ciLow[0]!, km.ciHigh[0]!], [(5 / 6) ** Math.exp(z * sig), (5 / 6) ** Math.exp(-z * sig)], 1e-12, 'CI');
  close([survivalAt(km, 2.5), survivalAt(km, 0.5)], [2 / 3, 1], 1e-14, 'survivalAt');
  assert.deepEqual(numberAtRisk([1, 2, 2, 3, 4, 5], [0, 2, 4.5]), [6, 5, 1]);
});

test('harrellC() on a hand-checked example counts comparable, concordant, discordant and tied pairs', () => {
  // time 1 2+ 3 4, risk 4 4 1.5 2: pairs (0,1) tied ½, (0,2) conc, (0,3) conc, (2,3) disc → 2.5/4.
  const c = harrellC([1, 2, 3, 4], [1, 0, 1, 1], [4, 4, 1.5, 2], { nBoot: 0 });
  assert.deepEqual([c.nComparable, c.nConcordant, c.nDiscordant, c.nTiedRisk], [4, 2, 1, 1]);
  assert.equal(c.c, 0.625);
  // equal times: an event and a censoring at t=2 are comparable (the censored row outlived the event).
  assert.equal(harrellC([2, 2], [1, 0], [1, 0], { nBoot: 0 }).nComparable, 1);
  assert.throws(() => harrellC([2, 2], [1, 1], [1, 0], { nBoot: 0 }), /no comparable pair/);
});

test('harrellC() bootstrap CI brackets C, and a useless score gives C ≈ 0.5', () => {
  const rng = createRng(1);
  const n = 200,
    t: number[] = [],
    e: number[] = [],
    good: number[] = [],
    noise: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.normal();
    const tt = -Math.log(1 - rng.uniform()) / Math.exp(r);
    const c = rng.range(0.2, 3);
    t.push(Math.min(tt, c));
    e.push(tt <= c ? 1 : 0);
    good.push(r);
    noise.push(rng.normal());
  }
  const g = harrellC(t, e, good, { nBoot: 100, seed: 2 });
  assert.ok(g.c > 0.65 && g.ciLow < g.c && g.c < g.ciHigh, `C ${g.c} (${g.ciLow}–${g.ciHigh})`);
  const z = harrellC(t, e, noise, { nBoot: 100, seed: 2 });
  assert.ok(z.ciLow < 0.5 && z.ciHigh > 0.5, `noise C ${z.c} (${z.ciLow}–${z.ciHigh})`);
});

test('coxPhTest() flags an effect that reverses over follow-up and not a proportional one', () => {
  const rng = createRng(8);
  const mk = (nonPh: boolean): { x: Float64Array; time: Float64Array; ev: Float64Array } => {
    const x: number[] = [],
      time: number[] = [],
      ev: number[] = [];
    for (let i = 0; i < 400; i++) {
      const v = rng.bernoulli(0.5) ? 1 : 0;
      // piecewise hazard: before t=1 rate 1·e^{βv}, after t=1 rate 1·e^{−βv} (non-PH) or e^{βv} (PH)
      const b1 = 1.2 * v,
        b2 = nonPh ? -1.2 * v : 1.2 * v;
      let t = -Math.log(1 - rng.uniform()) / Math.exp(b1);
      if (t > 1) t = 1 - Math.log(1 - rng.uniform()) / Math.exp(b2);
      const c = rng.range(0.5, 4);
      x.push(v);
      time.push(Math.min(t, c));
      ev.push(t <= c ? 1 : 0);
    }
    return { x: Float64Array.from(x), time: Float64Array.from(time), ev: Float64Array.from(ev) };
  };
  const bad = mk(true),
    ok = mk(false);
  const pb = coxPhTest(coxFit(bad.x, 400, 1, bad.time, bad.ev), bad.x, 400, 1, bad.time, bad.ev);
  const po = coxPhTest(coxFit(ok.x, 400, 1, ok.time, ok.ev), ok.x, 400, 1, ok.time, ok.ev);
  assert.ok(pb[0]!.p < 0.001, `non-PH p ${pb[0]!.p}`);
  assert.ok(po[0]!.p > 0.01, `PH p ${po[0]!.p}`);
  assert.equal(pb.at(-1)!.term, 'GLOBAL');
  close([pb.at(-1)!.chisq], [pb[0]!.chisq], 1e-9, 'one covariate: global = per-covariate');
});

test('kaplanMeierFigure() draws the product-limit steps per group and the numbers at risk', () => {
  const fig = kaplanMeierFigure(
    [
      { label: 'low', time: [1, 2, 2, 3, 4, 5], event: [1, 1, 0, 1, 0, 1] },
      { label: 'high', time: [2, 4, 6], event: [0, 0, 1] },
    ],
    { atRiskTimes: [0, 2, 4], showCi: false },
  );
  const low = fig.data.find((d) => d.name === 'low')!;
  assert.deepEqual(low.x, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(low.y, [1, 0.833333, 0.666667, 0.444444, 0.444444, 0]);
  assert.equal((low.line as { shape: string }).shape, 'hv');
  const meta = fig.layout.meta as { groups: { label: string; atRisk: number[]; events: number }[] };
  assert.deepEqual(
    meta.groups.map((g) => g.atRisk),
    [
      [6, 5, 2],
      [3, 3, 2],
    ],
  );
  assert.deepEqual(
    meta.groups.map((g) => g.events),
    [4, 1],
  );
});

test('groupsByTertile() splits rows into thirds of the exposure (type-7 cut points) and drops missing exposures', () => {
  const v = [1, 2, 3, 4, 5, 6, NaN, 7, 8, 9];
  const g = groupsByTertile(
    v,
    v.map((_, i) => i + 1),
    v.map(() => 1),
    'x',
  );
  // cut points of 1..9: 3.667 and 6.333
  assert.deepEqual(
    g.map((x) => x.time),
    [
      [1, 2, 3],
      [4, 5, 6],
      [8, 9, 10],
    ],
  );
  assert.deepEqual(
    g.map((x) => x.label),
    ['x T1 ≤ 3.67', 'x T2', 'x T3 > 6.33'],
  );
});
