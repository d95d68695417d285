import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { createRng } from '../core/rng.js';
import { readTable } from '../manifest/readTable.js';
import { toCsv } from './csv.js';
import { planSkinScene } from './skinVideoScene.js';
import { synthSkinRecording } from './skinVideo.js';
import { writeSkinRecording } from './writeSkinRecording.js';
import type { PerfusionShares } from './skinVideoTruth.js';

/** Options of {@link addSkinRecordingArm}. */
export interface SkinRecordingArmOptions {
  /** Frame size, px. Default [256, 192]. */
  size?: [number, number];
  /** Frames per recording (30 fps). Default 20. */
  frames?: number;
  seed?: number;
}

export const DEFAULT_SKIN_RECORDING_ARM: Required<SkinRecordingArmOptions> = { size: [256, 192], frames: 20, seed: 1 };

/**
 * Perfusion shares of a participant's three recordings. The anatomical density is the cohort model's
 * skin capillary density (so rarefaction with diabetes, hypertension and age carries over); at baseline
 * 55 % of the capillaries hold red cells; peak post-occlusive hyperaemia recruits a further
 * 0.25 − 0.10·diabetes − 0.04·hypertension (± 0.03 SD) — an assumption of this synthetic model, in the
 * direction reported for hypertension (Serné et al. 2001, doi:10.1161/01.HYP.38.2.238); venous congestion
 * fills 95 %, with slow flow (30 % flowing).
 *
 * @example phaseShares(1, 0, createRng(1)).hyperaemia.visible // ≈ 0.70
 */
export function phaseShares(
  diabetes: number,
  hypertension: number,
  rng: { normal(mean?: number, sd?: number): number },
): Record<'baseline' | 'hyperaemia' | 'congestion', PerfusionShares> {
  const recruit = Math.max(0, 0.25 - 0.1 * diabetes - 0.04 * hypertension + rng.normal(0, 0.03));
  return {
    baseline: { visible: 0.55, flowing: 0.9 },
    hyperaemia: { visible: Math.min(0.95, 0.55 + recruit), flowing: 0.95 },
    congestion: { visible: 0.95, flowing: 0.3 },
  };
}

/**
 * Adds the skin capillaroscopy arm to a cohort written by `writeCohort`: for each subject's first
 * skin image of the first visit, three short recordings of one scene (baseline, hyperaemia,
 * congestion; {@link phaseShares} from the subject's diabetes and hypertension; scene density = the
 * image's `gen_capillary_density_per_mm2` from truth.csv) written to `skin_video/` with their truth
 * tables, and three manifest rows (same subject, visit, site and covariates; `phase` set; image_path the
 * TIFF) appended to manifest.csv. Returns the number of recordings written. Deterministic for a seed.
 */
export function addSkinRecordingArm(cohortDir: string, options: SkinRecordingArmOptions = {}): number {
  const o = { ...DEFAULT_SKIN_RECORDING_ARM, ...options };
  const manifestPath = join(cohortDir, 'manifest.csv');
  const m = readTable(manifestPath);
  const truth = readTable(join(cohortDir, 'truth.csv'));
  const density = new Map(truth.records.map((r) => [r.image_id ?? '', Number(r.gen_capillary_density_per_mm2)]));
  const firstVisit = [...new Set(m.records.map((r) => r.visit ?? ''))].sort()[0];
  const done = new Set<string>();
  const added: Record<string, string>[] = [];
  for (const r of m.records) {
    const subject = r.subject_id ?? '';
    if (r.modality !== 'skin' || r.visit !== firstVisit || r.phase || done.has(subject)) continue;
    done.add(subject);
    const rng = createRng(o.seed).fork(`skin-video-${subject}`);
    const d = density.get(r.image_id ?? '') ?? 70;
    const scene = planSkinScene(rng.fork('scene'), { width: o.size[0], height: o.size[1], densityPerMm2: Number.isFinite(d) ? d : 70 });
    const shares = phaseShares(Number(r.diabetes ?? 0) || 0, Number(r.hypertension ?? 0) || 0, rng.fork('recruitment'));
    for (const [phase, s] of Object.entries(shares)) {
      const rec = synthSkinRecording(scene, s, rng.fork(phase), { frames: o.frames });
      const name = `${subject}_${phase}`;
      writeSkinRecording(join(cohortDir, 'skin_video'), name, scene, rec);
      const row: Record<string, string> = {};
      for (const c of m.columns) row[c] = r[c] ?? '';
      Object.assign(row, {
        image_id: `${r.image_id}_rec_${phase}`,
        image_path: `skin_video/${name}.tif`,
        phase,
        fov_mask_path: '',
        vessel_mask_path: '',
        pixel_spacing_um: String(scene.spacingUm),
      });
      added.push(row);
    }
  }
  const lines = toCsv(m.columns, added).split('\n').slice(1).join('\n');
  const text = readTextEnsuringNewline(manifestPath);
  writeFileAtomic(manifestPath, text + lines);
  return added.length;
}

function readTextEnsuringNewline(path: string): string {
  const raw = readTable(path); // re-serialise the existing rows exactly as read
  return toCsv(
    raw.columns,
    raw.records.map((r) => ({ ...r })),
  );
}
