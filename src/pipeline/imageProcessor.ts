/**
 * The per-image step of `vesselprint extract`: read → (FOV) → segment → fingerprint + retina
 * (optional) + radiomics + QC → one flat, namespaced feature row. Loaded inside every worker thread through
 * {@link createProcessor}; pure apart from reading the image files.
 */
import { join } from 'node:path';
import { readImage } from '../io/readImage.js';
import { openVideo } from '../io/openVideo.js';
import { analyseRecording } from '../capillaroscopy/analyseRecording.js';
import { toMask, countMask, type Image2D, type Mask2D } from '../core/image.js';
import { defaultFov } from '../preprocess/fov.js';
import { VesselprintError } from '../core/errors.js';
import { segmentImage } from '../segment/segmentImage.js';
import { selectChannel } from '../core/channel.js';
import { computeFingerprint } from '../vascular/fingerprint.js';
import { fingerprintColumn } from '../vascular/registry.js';
import { extractRadiomics } from '../radiomics/extract.js';
import { parseFilter } from '../radiomics/filters/applyFilter.js';
import type { FeatureRow } from '../table/types.js';
import { avMapsFromLabels } from '../retina/avMapsFromLabels.js';
import { retinaFromPhotograph } from '../retina/retinaFromPhotograph.js';
import { analyzeRetina } from '../retina/analyzeRetina.js';
import { EYES } from '../manifest/schema.js';
import { avRelabelOption } from '../retina/avSegmentDefaultModel.js';
import { requireArteryVeinModel } from '../retina/predictArteryVeinAdapter.js';
import { RETINA_FAILURE_FIELD, RETINA_FIELD_DOCS } from '../retina/fieldDocs.js';
import type { ExperimentConfig, RoiName } from './config.js';
import { qualityMeasures, qcPass, type QualityMeasures } from './qualityControl.js';
import type { ItemProcessorFn, WorkItem } from './types.js';

/** Manifest columns copied into every feature row (covariates are joined the same way). */
const COPIED = ['image_id', 'subject_id', 'modality', 'eye', 'site', 'visit', 'split', 'phase'];
/** Manifest columns that are file references or spacing, not copied as covariates. */
const NOT_COVARIATES = new Set(['image_path', 'fov_mask_path', 'vessel_mask_path', 'pixel_spacing_um', 'av_mask_path']);

/** A feature row started with the manifest's key columns and covariates (numbers parsed). */
function manifestColumns(item: WorkItem): FeatureRow {
  const row: FeatureRow = {};
  for (const c of COPIED) if (item.row[c] !== undefined && item.row[c] !== '') row[c] = item.row[c]!;
  for (const [k, v] of Object.entries(item.row)) {
    if (COPIED.includes(k) || NOT_COVARIATES.has(k)) continue;
    const n = Number(v);
    row[k] = v === '' ? null : Number.isFinite(n) && /^-?\d/.test(v) ? n : v;
  }
  return row;
}

async function readMask(item: WorkItem, column: string): Promise<Mask2D | undefined> {
  const rel = item.row[column];
  if (!rel) return undefined;
  return toMask(await readImage(join(item.manifestDir, rel)));
}

function sameSize(a: { width: number; height: number }, b: { width: number; height: number }, what: string, item: WorkItem): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new VesselprintError('SHAPE_MISMATCH', `${what} is ${b.width}x${b.height} but the image is ${a.width}x${a.height}`, {
      row: item.manifestRow,
      field: what,
    });
  }
}

/** The steps of one image, as timed by {@link StageTimer}. */
export type ExtractStage = 'decode' | 'segment' | 'qc' | 'fingerprint' | 'retina' | 'radiomics';

/**
 * Receives the CPU time (ms, `process.cpuUsage`: user + system of the whole process, so call it
 * from a process that runs nothing else) of each step of each image; used by `npm run bench --
 * extract` for its per-stage split.
 */
export type StageTimer = (stage: ExtractStage, cpuMs: number) => void;

/** Runs `fn`, reporting its CPU time to `timer` (when given) under `stage`. */
async function timed<T>(timer: StageTimer | undefined, stage: ExtractStage, fn: () => T | Promise<T>): Promise<T> {
  if (!timer) return fn();
  const t0 = process.cpuUsage();
  const out = await fn();
  const d = process.cpuUsage(t0);
  timer(stage, (d.user + d.system) / 1000);
  return out;
}

/**
 * Builds the per-image function for a resolved experiment config.
 * @param timer optional per-step CPU timer (bench); absent in the worker threads
 */
export function createProcessor(settings: unknown, timer?: StageTimer): ItemProcessorFn {
  const cfg = settings as ExperimentConfig;
  const filters = cfg.radiomics.filters.map((f) => ({ label: f.replace(/[:.]/g, '_'), spec: parseFilter(f) }));
  return async (item: WorkItem): Promise<FeatureRow> => {
    if (item.row.phase) return recordingRow(item);
    const image = await timed(timer, 'decode', () => readImage(join(item.manifestDir, item.row.image_path ?? '')));
    const modality = item.row.modality === 'skin' ? 'skin' : 'fundus';
    const spacingUm = item.row.pixel_spacing_um ? Number(item.row.pixel_spacing_um) : image.spacingUm;
    if (spacingUm === undefined || !(spacingUm > 0)) {
      throw new VesselprintError('BAD_ARGUMENT', 'no pixel spacing: give pixel_spacing_um in the manifest (the file carries none)', {
        row: item.manifestRow,
        field: 'pixel_spacing_um',
      });
    }
    const givenFov = await timed(timer, 'decode', () => readMask(item, 'fov_mask_path'));
    if (givenFov) sameSize(image, givenFov, 'fov_mask_path', item);
    if (givenFov && countMask(givenFov) === 0) {
      throw new VesselprintError('EMPTY_INPUT', 'the FOV mask is empty (no non-zero pixel): nothing to segment', {
        path: join(item.manifestDir, item.row.fov_mask_path ?? ''),
        row: item.manifestRow,
        field: 'fov_mask_path',
      });
    }
    let vessels: Mask2D;
    let fov: Mask2D;
    if (cfg.segmentation.method === 'manual') {
      const m = await readMask(item, 'vessel_mask_path');
      if (!m)
        throw new VesselprintError('BAD_ARGUMENT', 'segmentation method "manual" needs vessel_mask_path', {
          row: item.manifestRow,
          field: 'vessel_mask_path',
        });
      sameSize(image, m, 'vessel_mask_path', item);
      vessels = m;
      // Without a FOV mask a fundus photograph's field of view is estimated, as the automatic methods
      // do, so that densities are per FOV area and not per frame (skin: the whole frame).
      fov = givenFov ?? defaultFov(image, modality);
    } else {
      const { method, modelDir, ...classical } = cfg.segmentation;
      const seg = await timed(timer, 'segment', () =>
        segmentImage(image, {
          method,
          modality,
          ...(givenFov ? { fov: givenFov } : {}),
          ...(modelDir ? { modelDir } : {}),
          classical,
        }),
      );
      vessels = seg.mask;
      fov = seg.fov;
    }
    if (countMask(vessels) === 0)
      throw new VesselprintError('EMPTY_INPUT', 'vessel mask is empty (no vessel pixel inside the FOV)', { row: item.manifestRow });
    const row = manifestColumns(item);
    row['meta.pixel_spacing_um'] = spacingUm;
    row['meta.width_px'] = image.width;
    row['meta.height_px'] = image.height;
    row['meta.segmentation'] = cfg.segmentation.method;
    row['meta.fov_source'] = givenFov ? 'mask' : countMask(fov) === fov.data.length ? 'whole image' : 'estimated';
    const qc = await timed(timer, 'qc', () => qualityMeasures(selectChannel(image, image.channels >= 3 ? 'green' : 'auto'), fov));
    for (const [k, v] of Object.entries(qc) as [keyof QualityMeasures, number][]) row[`qc.${k}`] = v;
    row['qc.pass'] = qcPass(qc, cfg.qc);
    if (cfg.fingerprint.enabled) {
      const { tortuosityMinLengthPx, scale } = cfg.fingerprint;
      const fp = await timed(timer, 'fingerprint', () =>
        computeFingerprint(vessels, {
          spacingUm,
          fov,
          modality,
          regions: cfg.fingerprint.regions,
          ...(tortuosityMinLengthPx !== undefined ? { tortuosityMinLengthPx } : {}),
          ...(scale ? { scale } : {}),
        }),
      );
      for (const [k, v] of Object.entries(fp)) row[fingerprintColumn(k)] = v;
    }
    if (cfg.retina.enabled && modality === 'fundus') {
      for (const [k, v] of Object.entries(await timed(timer, 'retina', () => retinaColumns(image, fov, spacingUm, cfg.retina, item))))
        row[`retina.${k}`] = v;
    }
    if (cfg.radiomics.enabled) {
      const img: Image2D = { ...image, spacingUm };
      for (const roi of cfg.radiomics.rois) {
        const m = roiMask(roi, vessels, fov);
        if (countMask(m) === 0) continue;
        for (const f of filters) {
          const recs = await timed(timer, 'radiomics', () =>
            extractRadiomics(img, m, {
              discretization: cfg.radiomics.discretization,
              families: cfg.radiomics.families,
              channel: cfg.radiomics.channel,
              filter: f.spec,
            }),
          );
          const prefix = f.label === 'none' ? `radiomics.${roi}` : `radiomics.${roi}.${f.label}`;
          for (const r of recs)
            row[`${prefix}.${r.family}.${r.name}${r.aggregation ? `.${r.aggregation}` : ''}`] = Number.isFinite(r.value) ? r.value : null;
        }
      }
    }
    return row;
  };
}

/**
 * The retina block of a feature row: the numeric fields of `analyzeRetina` (absent values null) and
 * `failure_reason` (null). A problem of this image alone — a grey or too coarse photograph, a
 * missing or mismatched artery/vein label image, no usable vessel map (any VesselprintError once the
 * model has loaded) — does not cost the image its row: every retina field is null,
 * `failure_reason` says why, and the fingerprint, QC and radiomics columns stay. A bad model folder
 * is a problem of the whole run and fails the row (`extract` checks the folder before it starts).
 */
async function retinaColumns(
  image: Image2D,
  fov: Mask2D,
  spacingUm: number,
  cfg: ExperimentConfig['retina'],
  item: WorkItem,
): Promise<Record<string, number | string | null>> {
  const eye = EYES.find((e) => e === item.row.eye);
  const options = {
    fov,
    spacingUm,
    ...(cfg.avBalance === false && { avBalance: false }),
    ...(cfg.widthMethod !== undefined && { widthMethod: cfg.widthMethod }),
    ...(cfg.minDiscBrightness !== undefined && { minDiscBrightness: cfg.minDiscBrightness }),
    ...(cfg.discRadiusFraction !== undefined && { discRadiusFraction: cfg.discRadiusFraction }),
    ...(eye !== undefined && { eye }),
    ...(cfg.avRelabel !== undefined && { avSegmentClassifier: avRelabelOption(cfg.avRelabel) }),
  };
  if (cfg.avSource !== 'manual') await requireArteryVeinModel(cfg.modelDir);
  let record: Record<string, number | string | null>;
  try {
    if (cfg.avSource === 'manual') {
      const rel = item.row.av_mask_path;
      if (!rel)
        throw new VesselprintError('BAD_ARGUMENT', 'retina.avSource "manual" needs av_mask_path (an artery/vein label image)', {
          row: item.manifestRow,
          field: 'av_mask_path',
        });
      const labels = await readImage(join(item.manifestDir, rel));
      sameSize(image, labels, 'av_mask_path', item);
      record = analyzeRetina(image, avMapsFromLabels(labels, rel), options).record;
    } else {
      // the CNN path enlarges photographs coarser than the CNN's grid for the analysis (retinaFromPhotograph)
      const cnn = {
        ...(cfg.modelDir ? { modelDir: cfg.modelDir } : {}),
        ...(cfg.scaleByFov === false && { scaleByFov: false }),
        ...(cfg.tta && { flipTta: true }),
      };
      record = (await retinaFromPhotograph(image, { ...options, cnn })).record;
    }
  } catch (e) {
    if (!(e instanceof VesselprintError)) throw e;
    const out: Record<string, number | string | null> = {};
    for (const k of Object.keys(RETINA_FIELD_DOCS)) out[k] = null;
    out[RETINA_FAILURE_FIELD] = e.message.replace(/\s+/g, ' ').trim();
    return out;
  }
  const out: Record<string, number | string | null> = {};
  for (const [k, v] of Object.entries(record)) if (typeof v !== 'string') out[k] = v;
  out[RETINA_FAILURE_FIELD] = null;
  return out;
}

/**
 * A skin capillaroscopy recording (a manifest row with a `phase`): {@link analyseRecording} of the
 * video, its measures as `capillaroscopy.*` columns; recruitment per visit is computed from these rows
 * by `extract` (capillaroscopy/recruitmentTable.ts).
 */
async function recordingRow(item: WorkItem): Promise<FeatureRow> {
  const given = item.row.pixel_spacing_um ? Number(item.row.pixel_spacing_um) : undefined;
  const src = await openVideo(join(item.manifestDir, item.row.image_path ?? ''), given !== undefined ? { spacingUm: given } : {});
  if (src.info.spacingUm === undefined) {
    throw new VesselprintError('BAD_ARGUMENT', 'no pixel spacing: give pixel_spacing_um in the manifest (the recording carries none)', {
      row: item.manifestRow,
      field: 'pixel_spacing_um',
    });
  }
  const a = await analyseRecording(src.frames(), {
    spacingUm: src.info.spacingUm,
    ...(src.info.fps !== undefined ? { fps: src.info.fps } : {}),
  });
  const row = manifestColumns(item);
  row['meta.pixel_spacing_um'] = src.info.spacingUm;
  row['meta.width_px'] = src.info.width;
  row['meta.height_px'] = src.info.height;
  for (const [k, v] of Object.entries(a.measures) as [string, number][]) row[`capillaroscopy.${k}`] = Number.isFinite(v) ? v : null;
  return row;
}

/** The ROI masks: vessel pixels in the FOV, FOV background (FOV minus vessels), whole FOV. */
function roiMask(roi: RoiName, vessels: Mask2D, fov: Mask2D): Mask2D {
  const out = new Uint8Array(fov.data.length);
  for (let i = 0; i < out.length; i++) {
    const inF = fov.data[i] !== 0,
      v = vessels.data[i] !== 0;
    out[i] = roi === 'fov' ? (inF ? 1 : 0) : roi === 'vessels' ? (inF && v ? 1 : 0) : inF && !v ? 1 : 0;
  }
  return { data: out, width: fov.width, height: fov.height };
}
