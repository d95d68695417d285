import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { COHORT_MODEL, drawSubjectLatent, microvascularParams, visitCovariates } from '../../src/synth/cohortModel.js';
import { associate } from '../../src/learn/stats/associate.js';
import { crossValidate } from '../../src/learn/cv/crossValidate.js';
import { logisticLearner } from '../../src/learn/models/linearLearners.js';
import type { Row } from '../../src/learn/types.js';

/** Baseline visit of the synthetic cohort's documented generative model (no imaging). */
function syntheticCohort(n: number, seed: number): Row[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const r = rng.fork(`subject:${i}`);
    const s = drawSubjectLatent(r);
    const c = visitCovariates(s, 1, r);
    const m = microvascularParams(s, c);
    return {
      subject: `S${i}`,
      ...c,
      log_tortuosity: Math.log(m.tortuosityRad),
      log_cap_density: Math.log(m.capillaryDensityPerMm2),
      vein_um: m.veinWidthUm,
      branches: m.branchesPerMm,
    };
  });
}

test("associate() recovers the synthetic cohort's known effects: sign always, 95% CI covering the truth in most seeds", () => {
  const T = COHORT_MODEL.tortuosity,
    D = COHORT_MODEL.diabetes;
  const seeds = 20;
  let coverTort = 0,
    coverAge = 0,
    coverBmi = 0;
  for (let s = 0; s < seeds; s++) {
    const rows = syntheticCohort(600, 500 + s);
    // log tortuosity = log base + bDiab·diabetes + bHt·ht + bAge·(age−60) + sd·u  (u independent of covariates)
    const t = associate(rows, 'log_tortuosity ~ diabetes + hypertension + age');
    assert.ok(t.beta > 0, `seed ${s}: diabetes effect on tortuosity ${t.beta}`);
    if (t.ci_low <= T.bDiab && T.bDiab <= t.ci_high) coverTort++;
    // logit P(diabetes) = b0 + bAge·(age−60) + bBmi·(bmi−27)
    const d = associate(rows, 'diabetes ~ age + bmi', { family: 'binomial' });
    const bmi = d.coefficients.find((c) => c.term === 'bmi')!;
    assert.ok(d.beta > 0 && bmi.estimate > 0);
    if (d.ci_low <= D.bAge && D.bAge <= d.ci_high) coverAge++;
    if (bmi.ciLow <= D.bBmi && D.bBmi <= bmi.ciHigh) coverBmi++;
  }
  assert.ok(
    coverTort >= 16 && coverAge >= 16 && coverBmi >= 16,
    `coverage tortuosity ${coverTort}, age ${coverAge}, bmi ${coverBmi} of ${seeds}`,
  );
});

test('crossValidate(): the synthetic fingerprint adds to age/BMI in predicting diabetes', () => {
  const rows = syntheticCohort(800, 7);
  const split = { k: 5, seed: 1 };
  const base = crossValidate(rows, {
    outcome: 'diabetes',
    group: 'subject',
    preprocess: { numeric: ['age', 'bmi'] },
    learner: logisticLearner(),
    split,
  });
  const full = crossValidate(rows, {
    outcome: 'diabetes',
    group: 'subject',
    preprocess: { numeric: ['age', 'bmi', 'log_tortuosity', 'log_cap_density', 'vein_um', 'branches'] },
    learner: logisticLearner(),
    split,
  });
  assert.ok(full.pooled!.auc > base.pooled!.auc + 0.05, `full ${full.pooled!.auc} vs base ${base.pooled!.auc}`);
});
