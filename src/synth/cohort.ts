import { createRng, type Rng } from '../core/rng.js';
import { VesselprintError } from '../core/errors.js';
import {
  COHORT_MODEL,
  drawFollowUp,
  drawSubjectLatent,
  microvascularParams,
  visitCovariates,
  type FollowUp,
  type MicrovascularParams,
  type VisitCovariates,
} from './cohortModel.js';
import { synthFundus, type SynthFundus } from './fundus.js';
import { synthSkin, type SynthSkin } from './skin.js';

/** Options of {@link planCohort}. */
export interface CohortOptions {
  /** Number of subjects (≥ 1). Default 20. */
  subjects?: number;
  /** Seed of every random step. Default 1. */
  seed?: number;
  /** Visits per subject (1 or more, 2 years apart). Default 1. */
  visits?: number;
  /** Fundus image size [width, height], px. Default [584, 565]. */
  fundusSize?: [number, number];
  /** Skin image size [width, height], px. Default [512, 512]. */
  skinSize?: [number, number];
  /** Skin pixel spacing, µm. Default 2.5. */
  skinSpacingUm?: number;
  /** Body site recorded for skin images. Default 'dorsal_finger'. */
  skinSite?: string;
}

export const DEFAULT_COHORT = {
  subjects: 20,
  seed: 1,
  visits: 1,
  fundusSize: [584, 565] as [number, number],
  skinSize: [512, 512] as [number, number],
  skinSpacingUm: 2.5,
  skinSite: 'dorsal_finger',
};

/** One image to generate, with everything needed to generate it independently of the others. */
export interface ImagePlan {
  image_id: string;
  subject_id: string;
  /** Visit label '1', '2', … */
  visit: string;
  modality: 'fundus' | 'skin';
  eye?: 'OD' | 'OS';
  site?: string;
  covariates: VisitCovariates;
  /** Generator parameters of this image (after eye-level noise for fundus). */
  params: MicrovascularParams;
  width: number;
  height: number;
  /** Skin only: µm per pixel. (Fundus spacing follows from the 45° field and the FOV size.) */
  spacingUm?: number;
}

/** Zero-padded subject id: S001 … (width grows for ≥ 1000 subjects). @example subjectId(0, 20) // 'S001' */
export function subjectId(i: number, n: number): string {
  return `S${String(i + 1).padStart(Math.max(3, String(n).length), '0')}`;
}

/**
 * Plans a synthetic cohort without generating pixels: for each subject (random stream
 * `subject:<id>`) the baseline draw of {@link drawSubjectLatent}, for each visit the covariates of
 * {@link visitCovariates} and parameters of {@link microvascularParams}; per visit two fundus
 * images (OD, OS; eye-level log-normal noise of SD `COHORT_MODEL.eyeSd` on tortuosity and
 * branching) and one skin image. Subjects do not depend on each other, so the first N subjects
 * of a larger cohort with the same seed are identical.
 *
 * @throws VesselprintError BAD_ARGUMENT for a non-integer or < 1 subject/visit count
 * @example planCohort({ subjects: 2, seed: 7 }).length // 6 (2 subjects × (2 eyes + 1 skin))
 */
export function planCohort(options: CohortOptions = {}): ImagePlan[] {
  const o = { ...DEFAULT_COHORT, ...options };
  for (const f of ['subjects', 'visits'] as const) {
    if (!Number.isInteger(o[f]) || o[f] < 1)
      throw new VesselprintError('BAD_ARGUMENT', `planCohort: ${f} must be an integer ≥ 1, got ${o[f]}`, { field: f });
  }
  const root = createRng(o.seed);
  const plans: ImagePlan[] = [];
  for (let i = 0; i < o.subjects; i++) {
    const sid = subjectId(i, o.subjects);
    const srng = root.fork(`subject:${sid}`);
    const latent = drawSubjectLatent(srng);
    for (let v = 1; v <= o.visits; v++) {
      const vrng = srng.fork(`visit:${v}`);
      const cov = visitCovariates(latent, v, vrng);
      const p = microvascularParams(latent, cov);
      const base = `${sid}_V${v}`;
      for (const eye of ['OD', 'OS'] as const) {
        const e = vrng.fork(`eye:${eye}`);
        plans.push({
          image_id: `${base}_${eye}`,
          subject_id: sid,
          visit: String(v),
          modality: 'fundus',
          eye,
          covariates: cov,
          params: {
            ...p,
            tortuosityRad: p.tortuosityRad * Math.exp(e.normal(0, COHORT_MODEL.eyeSd)),
            branchesPerMm: p.branchesPerMm * Math.exp(e.normal(0, COHORT_MODEL.eyeSd)),
          },
          width: o.fundusSize[0],
          height: o.fundusSize[1],
        });
      }
      plans.push({
        image_id: `${base}_skin`,
        subject_id: sid,
        visit: String(v),
        modality: 'skin',
        site: o.skinSite,
        covariates: cov,
        params: p,
        width: o.skinSize[0],
        height: o.skinSize[1],
        spacingUm: o.skinSpacingUm,
      });
    }
  }
  return plans;
}

/** A generated image of the cohort. */
export type GeneratedImage = { modality: 'fundus'; fundus: SynthFundus } | { modality: 'skin'; skin: SynthSkin };

/**
 * Generates the pixels of one planned image from its own random stream (`image:<image_id>` of the
 * cohort seed), so images can be generated in any order or in parallel with identical results.
 *
 * @example generateImage(planCohort({ subjects: 1 })[2]!, 1).modality // 'skin'
 */
export function generateImage(plan: ImagePlan, seed: number): GeneratedImage {
  const rng: Rng = createRng(seed).fork(`image:${plan.image_id}`);
  if (plan.modality === 'fundus') {
    return {
      modality: 'fundus',
      fundus: synthFundus(rng, {
        width: plan.width,
        height: plan.height,
        eye: plan.eye ?? 'OD',
        arteryWidthUm: plan.params.arteryWidthUm,
        veinWidthUm: plan.params.veinWidthUm,
        tortuosityRad: plan.params.tortuosityRad,
        branchesPerMm: plan.params.branchesPerMm,
      }),
    };
  }
  return {
    modality: 'skin',
    skin: synthSkin(rng, {
      width: plan.width,
      height: plan.height,
      spacingUm: plan.spacingUm ?? DEFAULT_COHORT.skinSpacingUm,
      densityPerMm2: plan.params.capillaryDensityPerMm2,
      capillaryDiameterUm: plan.params.capillaryDiameterUm,
    }),
  };
}

/** Follow-up row of one subject (see `FOLLOW_UP_MODEL` in cohortModel.ts). */
export interface FollowUpRow extends FollowUp {
  subject_id: string;
}

/**
 * Follow-up time and incident events of every subject of the cohort planned with the same
 * options, drawn at the baseline visit from the subject's own stream `subject:<id>` → `followup`
 * (so adding follow-up changes no image or covariate of the cohort).
 * @example planFollowUp({ subjects: 2, seed: 7 }) // [{ subject_id: 'S001', followup_years: 6.4, incident_cvd: 0 }, …]
 */
export function planFollowUp(options: CohortOptions = {}): FollowUpRow[] {
  const o = { ...DEFAULT_COHORT, ...options };
  const root = createRng(o.seed);
  return Array.from({ length: o.subjects }, (_, i) => {
    const sid = subjectId(i, o.subjects);
    const srng = root.fork(`subject:${sid}`);
    const latent = drawSubjectLatent(srng);
    const cov = visitCovariates(latent, 1, srng.fork('visit:1'));
    return { subject_id: sid, ...drawFollowUp(cov, microvascularParams(latent, cov), srng.fork('followup')) };
  });
}

/** Re-imaging settings of a test–retest acquisition. */
export interface RetestOptions {
  /** Additive pixel noise SD of the second acquisition, 8-bit grey levels. Default 4.5 (first: 3). */
  noiseSd?: number;
}

/**
 * A test–retest second acquisition of a planned fundus image: the same eye (identical vessel
 * trees: same `trees` stream) re-imaged with new illumination gradient, pigment/brightness offset,
 * texture and pixel noise (a new `paint` stream, `noiseSd`). Image id `<id>_R2`.
 * @throws VesselprintError BAD_ARGUMENT for a skin plan.
 * @example generateImage(retestPlan(plan), seed) // same vessels as generateImage(plan, seed), different photo
 */
export function retestPlan(plan: ImagePlan): ImagePlan & { retestOf: string } {
  if (plan.modality !== 'fundus')
    throw new VesselprintError('BAD_ARGUMENT', `retestPlan: only fundus images are re-imaged, got ${plan.modality} (${plan.image_id})`, {
      field: 'modality',
    });
  return { ...plan, image_id: `${plan.image_id}_R2`, retestOf: plan.image_id };
}

/**
 * Generates a retest acquisition ({@link retestPlan}): the random stream of the original image,
 * except that its `paint` sub-stream (illumination, texture, noise) is replaced.
 */
export function generateRetestImage(plan: ImagePlan & { retestOf: string }, seed: number, options: RetestOptions = {}): SynthFundus {
  const base = createRng(seed).fork(`image:${plan.retestOf}`);
  const rng: Rng = { ...base, fork: (name: string) => (name === 'paint' ? base.fork('paint:retest') : base.fork(name)) };
  return synthFundus(rng, {
    width: plan.width,
    height: plan.height,
    eye: plan.eye ?? 'OD',
    arteryWidthUm: plan.params.arteryWidthUm,
    veinWidthUm: plan.params.veinWidthUm,
    tortuosityRad: plan.params.tortuosityRad,
    branchesPerMm: plan.params.branchesPerMm,
    noiseSd: options.noiseSd ?? 4.5,
  });
}
