import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { VesselprintError } from '../core/errors.js';
import type { Image2D } from '../core/image.js';
import { writeImage } from '../io/writeImage.js';
import { STANDARD_COLUMNS, type ManifestSchema } from '../manifest/schema.js';
import { planCohort, generateImage, DEFAULT_COHORT, type CohortOptions } from './cohort.js';
import { toCsv } from './csv.js';

/**
 * Writing the synthetic cohort to disk — the one part of `synth/` that does I/O (the generators
 * are pure). Layout of `outDir`:
 *
 * - `manifest.csv` + `manifest.csv.schema.json` (manifest columns of src/manifest/schema.ts and the covariates)
 * - `truth.csv`: the true generator parameters and realised geometry per image
 * - `fundus/<image_id>.png` (RGB), `_vessels.png` (0/255), `_fov.png` (0/255), `_av.png` (RGB labels: red artery, blue vein, green crossing)
 * - `skin/<image_id>.png` (RGB), `_capillaries.png` (0/255)
 */

/** Covariate columns of the manifest, in order. */
export const COVARIATE_COLUMNS = ['age', 'sex', 'bmi', 'sbp', 'hypertension', 'diabetes', 'ckd', 'smoker'] as const;

/** The covariate schema written beside the manifest. */
export const COHORT_SCHEMA: ManifestSchema = {
  version: 1,
  covariates: {
    age: { type: 'numeric', scope: 'visit', unit: 'years', min: 18, max: 110, required: true, description: 'age at the visit' },
    sex: { type: 'categorical', scope: 'subject', levels: ['F', 'M'], required: true, description: 'sex' },
    bmi: { type: 'numeric', scope: 'visit', unit: 'kg/m2', min: 10, max: 80, required: true, description: 'body-mass index' },
    sbp: { type: 'numeric', scope: 'visit', unit: 'mmHg', min: 60, max: 260, required: true, description: 'systolic blood pressure' },
    hypertension: {
      type: 'categorical',
      scope: 'visit',
      levels: ['0', '1'],
      required: true,
      description: '1 when sbp >= 140 mmHg at the visit',
    },
    diabetes: { type: 'categorical', scope: 'subject', levels: ['0', '1'], required: true, description: 'type 2 diabetes' },
    ckd: { type: 'categorical', scope: 'subject', levels: ['0', '1'], required: true, description: 'chronic kidney disease' },
    smoker: { type: 'categorical', scope: 'subject', levels: ['0', '1'], required: true, description: 'current smoker' },
  },
};

export const MANIFEST_COLUMNS = [...STANDARD_COLUMNS, ...COVARIATE_COLUMNS] as const;

/** Columns of truth.csv (see docs/synth.md for each). */
export const TRUTH_COLUMNS = [
  'image_id',
  'subject_id',
  'visit',
  'modality',
  'eye',
  'width',
  'height',
  'pixel_spacing_um',
  'gen_tortuosity_rad',
  'gen_branches_per_mm',
  'gen_artery_width_um',
  'gen_vein_width_um',
  'gen_capillary_density_per_mm2',
  'gen_capillary_diameter_um',
  'fov_area_mm2',
  'vessel_area_fraction',
  'vessel_length_density_mm_per_mm2',
  'tortuosity_arc_chord',
  'vessel_width_mean_um',
  'artery_width_mean_um',
  'vein_width_mean_um',
  'bifurcation_count',
  'segment_count',
  'disc_row',
  'disc_col',
  'disc_radius_px',
  'fovea_row',
  'fovea_col',
  'image_area_mm2',
  'capillary_count',
  'capillary_density_per_mm2',
  'intercapillary_distance_mean_um',
  'capillary_diameter_mean_um',
  'side_on_fraction',
] as const;

/** Summary of {@link writeCohort}. */
export interface WriteCohortResult {
  manifestPath: string;
  schemaPath: string;
  truthPath: string;
  subjects: number;
  images: number;
  /** Files written (images, masks, tables). */
  files: number;
}

/**
 * Generates the cohort of {@link planCohort} and writes it to `outDir` (created if missing).
 * Every file is written atomically; the same options give byte-identical files.
 *
 * @param onImage called after each image with its index and total (progress)
 * @throws VesselprintError from the generators (bad options) or writeImage (unwritable folder)
 * @example await writeCohort('/tmp/cohort', { subjects: 2, seed: 1 }) // { images: 6, files: 21, ... }
 */
export async function writeCohort(
  outDir: string,
  options: CohortOptions = {},
  onImage?: (done: number, total: number) => void,
): Promise<WriteCohortResult> {
  const o = { ...DEFAULT_COHORT, ...options };
  const plans = planCohort(o);
  const manifestRows: Record<string, unknown>[] = [];
  const truthRows: Record<string, unknown>[] = [];
  let files = 0;
  const put = async (rel: string, img: Image2D): Promise<string> => {
    await writeImage(join(outDir, rel), img);
    files++;
    return rel;
  };
  for (const [k, plan] of plans.entries()) {
    const g = generateImage(plan, o.seed);
    const row: Record<string, unknown> = {
      subject_id: plan.subject_id,
      image_id: plan.image_id,
      modality: plan.modality,
      eye: plan.eye,
      site: plan.site,
      visit: plan.visit,
      split: '',
      ...plan.covariates,
    };
    const truth: Record<string, unknown> = {
      image_id: plan.image_id,
      subject_id: plan.subject_id,
      visit: plan.visit,
      modality: plan.modality,
      eye: plan.eye,
      width: plan.width,
      height: plan.height,
    };
    if (g.modality === 'fundus') {
      const f = g.fundus;
      const { width, height, spacingUm } = f.image;
      const sp = spacingUm !== undefined ? { spacingUm } : {};
      row.image_path = await put(`fundus/${plan.image_id}.png`, f.image);
      row.vessel_mask_path = await put(`fundus/${plan.image_id}_vessels.png`, {
        data: scale255(f.vesselMask.data),
        width,
        height,
        channels: 1,
        ...sp,
      });
      row.fov_mask_path = await put(`fundus/${plan.image_id}_fov.png`, {
        data: scale255(f.fovMask.data),
        width,
        height,
        channels: 1,
        ...sp,
      });
      row.av_mask_path = await put(`fundus/${plan.image_id}_av.png`, { data: avToRgb(f.avLabel), width, height, channels: 3, ...sp });
      row.pixel_spacing_um = f.spacingUm;
      Object.assign(
        truth,
        {
          gen_tortuosity_rad: plan.params.tortuosityRad,
          gen_branches_per_mm: plan.params.branchesPerMm,
          gen_artery_width_um: plan.params.arteryWidthUm,
          gen_vein_width_um: plan.params.veinWidthUm,
        },
        f.truth,
      );
    } else {
      const s = g.skin;
      const { width, height } = s.image;
      row.image_path = await put(`skin/${plan.image_id}.png`, s.image);
      row.vessel_mask_path = await put(`skin/${plan.image_id}_capillaries.png`, {
        data: scale255(s.capillaryMask.data),
        width,
        height,
        channels: 1,
        spacingUm: s.spacingUm,
      });
      row.pixel_spacing_um = s.spacingUm;
      Object.assign(
        truth,
        {
          gen_capillary_density_per_mm2: plan.params.capillaryDensityPerMm2,
          gen_capillary_diameter_um: plan.params.capillaryDiameterUm,
        },
        s.truth,
      );
    }
    manifestRows.push(row);
    truthRows.push(truth);
    onImage?.(k + 1, plans.length);
  }
  const manifestPath = join(outDir, 'manifest.csv');
  const schemaPath = `${manifestPath}.schema.json`;
  const truthPath = join(outDir, 'truth.csv');
  writeText(manifestPath, toCsv(MANIFEST_COLUMNS, manifestRows));
  writeText(schemaPath, JSON.stringify(COHORT_SCHEMA, null, 2) + '\n');
  writeText(truthPath, toCsv(TRUTH_COLUMNS, truthRows));
  files += 3;
  return { manifestPath, schemaPath, truthPath, subjects: o.subjects, images: plans.length, files };
}

function writeText(path: string, text: string): void {
  try {
    writeFileAtomic(path, text);
  } catch (e) {
    throw new VesselprintError(
      'FILE_UNREADABLE',
      `writeCohort: could not write the file (${(e as NodeJS.ErrnoException).code ?? 'I/O error'})`,
      { path, cause: e },
    );
  }
}

function scale255(m: Uint8Array): Uint8Array {
  const out = new Uint8Array(m.length);
  for (let i = 0; i < m.length; i++) out[i] = m[i] !== 0 ? 255 : 0;
  return out;
}

/** RITE-style colour coding of artery/vein labels: artery red, vein blue, crossing green. */
function avToRgb(label: Uint8Array): Uint8Array {
  const out = new Uint8Array(label.length * 3);
  for (let i = 0; i < label.length; i++) {
    const l = label[i]!;
    if (l === 1) out[i * 3] = 255;
    else if (l === 2) out[i * 3 + 2] = 255;
    else if (l === 3) out[i * 3 + 1] = 255;
  }
  return out;
}
