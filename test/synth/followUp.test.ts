import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { FOLLOW_UP_MODEL, drawSubjectLatent, microvascularParams, visitCovariates } from '../../src/synth/cohortModel.js';
import { generateImage, generateRetestImage, planCohort, planFollowUp, retestPlan, subjectId } from '../../src/synth/cohort.js';
import { coxFit } from '../../src/learn/survival/cox.js';

test('planFollowUp() is deterministic, within the study window, and leaves the planned cohort unchanged', () => {
  const a = planFollowUp({ subjects: 50, seed: 3 });
  assert.deepEqual(a, planFollowUp({ subjects: 50, seed: 3 }));
  assert.ok(a.every((r) => r.followup_years > 0 && r.followup_years <= FOLLOW_UP_MODEL.maxYears));
  const events = a.filter((r) => r.incident_cvd === 1).length;
  assert.ok(events > 5 && events < 45, `${events} events of 50`);
  assert.deepEqual(
    planCohort({ subjects: 3, seed: 3 }).map((p) => p.params),
    planCohort({ subjects: 3, seed: 3 }).map((p) => p.params),
  );
});

test("the follow-up model's capillary-density hazard ratio is recovered by a Cox fit on the true parameters (2000 subjects, 95% CI covers it)", () => {
  const root = createRng(11);
  const n = 2000,
    p = 7;
  const x = new Float64Array(n * p),
    time = new Float64Array(n),
    event = new Float64Array(n);
  const all = planFollowUp({ subjects: n, seed: 11 });
  for (let i = 0; i < n; i++) {
    const srng = root.fork(`subject:${subjectId(i, n)}`);
    const lat = drawSubjectLatent(srng);
    const c = visitCovariates(lat, 1, srng.fork('visit:1'));
    const m = microvascularParams(lat, c);
    x.set(
      [
        c.age - 60,
        c.diabetes,
        (c.sbp - 130) / 10,
        c.sex === 'M' ? 1 : 0,
        (m.capillaryDensityPerMm2 - 70) / 10,
        (m.arteryWidthUm - 120) / 10,
        c.bmi - 27,
      ],
      i * p,
    );
    time[i] = all[i]!.followup_years;
    event[i] = all[i]!.incident_cvd;
  }
  const fit = coxFit(x, n, p, time, event);
  const truth = [
    FOLLOW_UP_MODEL.bAge,
    FOLLOW_UP_MODEL.bDiab,
    FOLLOW_UP_MODEL.bSbp10,
    FOLLOW_UP_MODEL.bMale,
    FOLLOW_UP_MODEL.bCapDensity10,
    FOLLOW_UP_MODEL.bArtery10,
    0,
  ];
  let covered = 0;
  truth.forEach((b, j) => {
    if (fit.ciLow[j]! <= b && b <= fit.ciHigh[j]!) covered++;
  });
  assert.ok(covered >= 6, `${covered}/7 CIs cover the generating log-HRs: ${Array.from(fit.coef, (v) => v.toFixed(3)).join(', ')}`);
  assert.ok(fit.ciHigh[4]! < 0, 'rarefied capillaries raise the hazard');
});

test('generateRetestImage() re-images the same vessels with a different photograph', () => {
  const plan = planCohort({ subjects: 1, seed: 5, fundusSize: [200, 190] })[0]!;
  const a = generateImage(plan, 5);
  const b = generateRetestImage(retestPlan(plan), 5);
  assert.equal(a.modality, 'fundus');
  if (a.modality !== 'fundus') return;
  assert.deepEqual(b.vesselMask.data, a.fundus.vesselMask.data, 'same vessel trees');
  let diff = 0;
  for (let i = 0; i < a.fundus.image.data.length; i++) diff += Math.abs(a.fundus.image.data[i]! - b.image.data[i]!);
  assert.ok(diff / a.fundus.image.data.length > 1, 'different illumination/noise');
  assert.throws(() => retestPlan(planCohort({ subjects: 1, seed: 5 })[2]!), /only fundus/);
});
