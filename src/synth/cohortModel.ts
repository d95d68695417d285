import type { Rng } from '../core/rng.js';

/**
 * The documented generative model of the synthetic cohort (docs/synth.md, "Cohort model").
 * Covariates are drawn per subject and visit; the microvascular parameters are deterministic
 * functions of the covariates plus subject-level random effects (shared by both eyes and all
 * visits) and small eye-level noise. Every coefficient is in {@link COHORT_MODEL}.
 */

/** Covariates of one subject at one visit (the manifest's covariate columns). */
export interface VisitCovariates {
  /** Years. */
  age: number;
  sex: 'F' | 'M';
  /** kg/m². */
  bmi: number;
  /** Systolic blood pressure, mmHg. */
  sbp: number;
  /** 1 when sbp ≥ 140 mmHg at this visit. */
  hypertension: 0 | 1;
  /** Type 2 diabetes (fixed over follow-up). */
  diabetes: 0 | 1;
  /** Chronic kidney disease (fixed over follow-up). */
  ckd: 0 | 1;
  /** Current smoker (fixed over follow-up). */
  smoker: 0 | 1;
}

/** Subject-level latent draws: baseline values and random effects (standard normal unless named). */
export interface SubjectLatent {
  age0: number;
  sex: 'F' | 'M';
  bmi0: number;
  smoker: 0 | 1;
  diabetes: 0 | 1;
  ckd: 0 | 1;
  /** Subject's SBP deviation, mmHg. */
  sbpU: number;
  uTortuosity: number;
  uBranching: number;
  uArtery: number;
  uVein: number;
  uCapDensity: number;
  uCapDiameter: number;
}

/** True generator parameters of one subject at one visit (before eye-level noise). */
export interface MicrovascularParams {
  /** Fundus tortuosity: SD of the local heading's deviation from the smooth vessel course, radians. */
  tortuosityRad: number;
  /** Fundus branching density, bifurcations per mm of vessel. */
  branchesPerMm: number;
  /** Arteriolar trunk width at the disc, µm. */
  arteryWidthUm: number;
  /** Venular trunk width at the disc, µm. */
  veinWidthUm: number;
  /** Skin capillary density, 1/mm². */
  capillaryDensityPerMm2: number;
  /** Skin capillary limb diameter, µm. */
  capillaryDiameterUm: number;
}

/** Coefficients of the cohort model. Log-linear effects are multiplicative: exp(β x). */
export const COHORT_MODEL = {
  age: { mean: 60, sd: 9, min: 40, max: 85 },
  bmi: { mean: 27, sd: 4.5, min: 17, max: 50, visitSd: 0.8 },
  smokerP: 0.18,
  /** logit P(diabetes) = b0 + bAge (age − 60) + bBmi (bmi − 27). */
  diabetes: { b0: -1.3, bAge: 0.04, bBmi: 0.12 },
  /** sbp = b0 + bAge (age − 60) + bBmi (bmi − 27) + bDiab diabetes + bMale male + u (sd uSd) + e (sd eSd). */
  sbp: { b0: 128, bAge: 0.5, bBmi: 0.9, bDiab: 4, bMale: 3, uSd: 12, eSd: 5, min: 85, max: 220 },
  hypertensionSbp: 140,
  /** logit P(ckd) = b0 + bDiab diabetes + bAge (age0 − 60) + bSbp (sbp0 − 130). */
  ckd: { b0: -3, bDiab: 1, bAge: 0.05, bSbp: 0.02 },
  visitYears: 2,
  /** tortuosity (rad) = base · exp(bDiab diab + bHt ht + bAge (age − 60) + sd u). */
  tortuosity: { base: 0.2, bDiab: 0.4, bHt: 0.1, bAge: 0.005, sd: 0.3 },
  /** branches/mm = base · exp(bAge (age − 60) + bDiab diab + bCkd ckd + sd u). */
  branching: { base: 0.8, bAge: -0.012, bDiab: -0.1, bCkd: -0.08, sd: 0.08 },
  /** artery width = base · (1 + bSbp (sbp − 130) + bAge (age − 60)) · exp(sd u). */
  artery: { base: 120, bSbp: -0.003, bAge: -0.001, sd: 0.05 },
  /** vein width = base · (1 + bDiab diab + bBmi (bmi − 27) + bSmoker smoker) · exp(sd u). */
  vein: { base: 160, bDiab: 0.06, bBmi: 0.004, bSmoker: 0.05, sd: 0.05 },
  /** capillary density = base · exp(bDiab diab + bHt ht + bAge (age − 60) + bBmi (bmi − 27) + sd u), clamped to [min, max]. */
  capDensity: { base: 70, bDiab: -0.18, bHt: -0.1, bAge: -0.004, bBmi: -0.005, sd: 0.08, min: 20, max: 110 },
  /** capillary diameter = base · exp(bDiab diab + sd u). */
  capDiameter: { base: 10, bDiab: 0.06, sd: 0.05 },
  /** SD of the eye-level log-normal noise on fundus tortuosity and branching. */
  eyeSd: 0.04,
} as const;

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * Draws one subject's baseline covariates and random effects from {@link COHORT_MODEL}.
 * @example drawSubjectLatent(createRng(1).fork('subject:S001')).sex // 'F' or 'M'
 */
export function drawSubjectLatent(rng: Rng): SubjectLatent {
  const m = COHORT_MODEL;
  const age0 = clamp(rng.normal(m.age.mean, m.age.sd), m.age.min, m.age.max);
  const sex = rng.bernoulli(0.5) ? 'F' : 'M';
  const bmi0 = clamp(rng.normal(m.bmi.mean, m.bmi.sd), m.bmi.min, m.bmi.max);
  const smoker = rng.bernoulli(m.smokerP) ? 1 : 0;
  const diabetes = rng.bernoulli(logistic(m.diabetes.b0 + m.diabetes.bAge * (age0 - 60) + m.diabetes.bBmi * (bmi0 - 27))) ? 1 : 0;
  const sbpU = rng.normal(0, m.sbp.uSd);
  const sbp0 =
    m.sbp.b0 + m.sbp.bAge * (age0 - 60) + m.sbp.bBmi * (bmi0 - 27) + m.sbp.bDiab * diabetes + m.sbp.bMale * (sex === 'M' ? 1 : 0) + sbpU;
  const ckd = rng.bernoulli(logistic(m.ckd.b0 + m.ckd.bDiab * diabetes + m.ckd.bAge * (age0 - 60) + m.ckd.bSbp * (sbp0 - 130))) ? 1 : 0;
  return {
    age0,
    sex,
    bmi0,
    smoker,
    diabetes,
    ckd,
    sbpU,
    uTortuosity: rng.normal(),
    uBranching: rng.normal(),
    uArtery: rng.normal(),
    uVein: rng.normal(),
    uCapDensity: rng.normal(),
    uCapDiameter: rng.normal(),
  };
}

/**
 * Covariates of a subject at visit `visit` (1-based; visits are `COHORT_MODEL.visitYears` apart).
 * Age advances, BMI and SBP get new visit-level noise; sex, diabetes, ckd and smoking are fixed.
 *
 * @example visitCovariates(latent, 2, rng).age // latent.age0 + 2, rounded to 0.1 year
 */
export function visitCovariates(s: SubjectLatent, visit: number, rng: Rng): VisitCovariates {
  const m = COHORT_MODEL;
  const age = s.age0 + m.visitYears * (visit - 1);
  const bmi = clamp(s.bmi0 + (visit > 1 ? rng.normal(0, m.bmi.visitSd) : 0), m.bmi.min, m.bmi.max);
  const sbp = clamp(
    m.sbp.b0 +
      m.sbp.bAge * (age - 60) +
      m.sbp.bBmi * (bmi - 27) +
      m.sbp.bDiab * s.diabetes +
      m.sbp.bMale * (s.sex === 'M' ? 1 : 0) +
      s.sbpU +
      rng.normal(0, m.sbp.eSd),
    m.sbp.min,
    m.sbp.max,
  );
  return {
    age: round(age, 1),
    sex: s.sex,
    bmi: round(bmi, 1),
    sbp: Math.round(sbp),
    hypertension: Math.round(sbp) >= m.hypertensionSbp ? 1 : 0,
    diabetes: s.diabetes,
    ckd: s.ckd,
    smoker: s.smoker,
  };
}

/**
 * The true microvascular parameters implied by the covariates and the subject's random effects
 * (formulas in {@link COHORT_MODEL}): diabetes raises tortuosity, lowers capillary density and
 * widens venules and capillaries; age lowers branching (hence fractal complexity) and capillary
 * density; systolic BP narrows arterioles; hypertension lowers capillary density.
 *
 * @example microvascularParams(latent, cov).capillaryDensityPerMm2 // ≈ 70 for a healthy 60-year-old
 */
export function microvascularParams(s: SubjectLatent, c: VisitCovariates): MicrovascularParams {
  const m = COHORT_MODEL;
  const t = m.tortuosity,
    b = m.branching,
    a = m.artery,
    v = m.vein,
    d = m.capDensity,
    q = m.capDiameter;
  return {
    tortuosityRad: t.base * Math.exp(t.bDiab * c.diabetes + t.bHt * c.hypertension + t.bAge * (c.age - 60) + t.sd * s.uTortuosity),
    branchesPerMm: b.base * Math.exp(b.bAge * (c.age - 60) + b.bDiab * c.diabetes + b.bCkd * c.ckd + b.sd * s.uBranching),
    arteryWidthUm: a.base * (1 + a.bSbp * (c.sbp - 130) + a.bAge * (c.age - 60)) * Math.exp(a.sd * s.uArtery),
    veinWidthUm: v.base * (1 + v.bDiab * c.diabetes + v.bBmi * (c.bmi - 27) + v.bSmoker * c.smoker) * Math.exp(v.sd * s.uVein),
    capillaryDensityPerMm2: clamp(
      d.base *
        Math.exp(d.bDiab * c.diabetes + d.bHt * c.hypertension + d.bAge * (c.age - 60) + d.bBmi * (c.bmi - 27) + d.sd * s.uCapDensity),
      d.min,
      d.max,
    ),
    capillaryDiameterUm: q.base * Math.exp(q.bDiab * c.diabetes + q.sd * s.uCapDiameter),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Follow-up model of the synthetic cohort (issue 17): time to an incident cardiovascular event
 * from the baseline visit, exponential with a proportional-hazards rate
 *   λ = lambda0 · exp(bAge (age − 60) + bDiab diabetes + bSbp10 (sbp − 130)/10 + bMale male
 *                    + bCapDensity10 (capillary density − 70)/10 + bArtery10 (artery width − 120)/10),
 * censored by loss to follow-up (exponential, `dropoutPerYear`) and at the end of the study
 * (`maxYears`). The microvascular terms make rarefied capillaries and narrow arterioles
 * prognostic beyond the covariates, so a Cox model can recover a hazard ratio.
 */
export const FOLLOW_UP_MODEL = {
  lambda0: 0.045,
  bAge: 0.05,
  bDiab: 0.6,
  bSbp10: 0.15,
  bMale: 0.3,
  bCapDensity10: -0.35,
  bArtery10: -0.25,
  dropoutPerYear: 0.03,
  maxYears: 10,
} as const;

/** Follow-up of one subject: years observed and whether the event happened (else censored). */
export interface FollowUp {
  followup_years: number;
  incident_cvd: 0 | 1;
}

/**
 * Draws a subject's follow-up from {@link FOLLOW_UP_MODEL} at the baseline covariates and
 * microvascular parameters (use the subject's own `followup` random stream).
 * @example drawFollowUp(cov, params, rng.fork('followup')).followup_years // ≤ 10
 */
export function drawFollowUp(c: VisitCovariates, p: MicrovascularParams, rng: Rng): FollowUp {
  const f = FOLLOW_UP_MODEL;
  const eta =
    f.bAge * (c.age - 60) +
    f.bDiab * c.diabetes +
    (f.bSbp10 * (c.sbp - 130)) / 10 +
    f.bMale * (c.sex === 'M' ? 1 : 0) +
    (f.bCapDensity10 * (p.capillaryDensityPerMm2 - 70)) / 10 +
    (f.bArtery10 * (p.arteryWidthUm - 120)) / 10;
  const tEvent = -Math.log(1 - rng.uniform()) / (f.lambda0 * Math.exp(eta));
  const tDrop = -Math.log(1 - rng.uniform()) / f.dropoutPerYear;
  const t = Math.min(tEvent, tDrop, f.maxYears);
  return { followup_years: round(Math.max(t, 0.01), 2), incident_cvd: tEvent <= Math.min(tDrop, f.maxYears) ? 1 : 0 };
}
