/**
 * `npm run bench -- retina [OUT_DIR]`: the retina pipeline on the shared HRF images.
 * 1. Optic disc: detected centre vs the project's annotations (test/fixtures/hrf-optic-disc.json),
 *    error in disc radii, on all 24 images (detector tuned on the train/validation images only:
 *    06, 07, 11, 12, 13, 14; test: 08, 15).
 * 2. Agreement on the six held-out images (08_*, 15_*, never used to train the A/V CNN or tune the
 *    detector): CRAE/CRVE/AVR from the automatic pipeline — the shipped artery/vein CNN
 *    (`predictArteryVeinAdapter`, hrf-av-unet, vessel mask at the model's calibrated threshold) and
 *    the disc the detector finds on its vessel map — vs from the manual vessel + A/V labels
 *    (`avMapsFromLabels`) with that same disc, so the difference is the CNN's alone. Seven automatic
 *    variants: `model` (end to end: zone-B widths at the model's calibrated width level), `model-before` (vessel threshold 0.5, no speck removal,
 *    mask widths: the pipeline before the calibrations), `model-mask-width` (end to end with the mask width
 *    instead of the level width), `width`, `width-mask` and `width-before` (the CNN's vessel probability with
 *    the MANUAL A/V labels: the width error alone, at the calibrated level / mask at the calibrated threshold / mask at 0.5), and `model-no-balance` (end to end
 *    without the model's image-level artery/vein prior, `avBalance: false`; `model-before` has none either),
 *    `same-samples-level` and `same-samples-profile` (the manual labels' own zone-B vessels and width
 *    samples re-measured on the CNN's probability at its width level / as the photograph's half-height
 *    width: the width difference with the vessel selection held fixed), and `model-classifier` (end to end
 *    with the segment-level artery/vein classifier, `avSegmentClassifier: true`), `model-propagation` (the
 *    same with the CNN's evidence alone, `{ model: CNN_ONLY_AV_SEGMENT_MODEL }`). The per-type zone-C
 *    measures (tortuosity, fractal dimension, branching angle) of `model` and the two relabelled runs are
 *    compared with the manual labels' too (relative difference per image). Per image and the mean relative difference (`calibreAgreement`), and the
 *    Bland–Altman bias and 95 % limits of agreement (`learn/stats/blandAltman`). The per-image table
 *    goes to docs/data/retina-agreement.csv (read by notebooks/07-retina.ipynb).
 *    A second table — detected vs annotated disc, both on manual labels — measures what the disc
 *    detector alone changes. Spacing: 5 µm/px assumed (see the shared HRF README; AVR does not depend on it).
 * Writes OUT_DIR/retina-disc.csv, retina-agreement-*.json/csv (default /tmp/vesselprint-retina-bench)
 * and docs/data/retina-agreement.csv.
 */
import { readFileSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readImage } from '../src/io/readImage.js';
import { toMask } from '../src/core/image.js';
import { writeFileAtomic } from '../src/core/atomicWrite.js';
import { toCsv } from '../src/synth/csv.js';
import { avMapsFromLabels } from '../src/retina/avMapsFromLabels.js';
import { detectOpticDisc } from '../src/retina/opticDisc.js';
import { analyzeRetina, type RetinaAnalysis } from '../src/retina/analyzeRetina.js';
import type { ArteryVeinMaps } from '../src/segment/arteryVeinMaps.js';
import { calibreAgreement, type CalibrePair } from '../src/retina/calibreAgreement.js';
import { predictArteryVeinAdapter } from '../src/retina/predictArteryVeinAdapter.js';
import { CNN_ONLY_AV_SEGMENT_MODEL } from '../src/retina/avSegmentDefaultModel.js';
import { blandAltman } from '../src/learn/stats/blandAltman.js';
import { levelZoneBWidths, profileZoneBWidths } from '../src/retina/profileWidths.js';
import { craeCrve } from '../src/retina/craeCrve.js';

const D = '../shared/data/hrf';
const SPACING_UM = 5;
if (!existsSync(`${D}/images`)) {
  console.log('retina bench: ../shared/data/hrf not present, nothing to do');
  process.exit(0);
}
const out = process.argv[3] ?? '/tmp/vesselprint-retina-bench';
mkdirSync(out, { recursive: true });
const ann = (
  JSON.parse(readFileSync('test/fixtures/hrf-optic-disc.json', 'utf8')) as {
    discs: Record<string, { row: number; col: number; radius_px: number }>;
  }
).discs;
const files = readdirSync(`${D}/images`).sort();
const discRows: Record<string, string | number>[] = [];
const pairsDisc: CalibrePair[] = [];
const typeTotals: Record<string, { used: number; right: number; wrong: number; unlabelled: number }> = {};
const pairs: Record<string, CalibrePair[]> = {};
/** Per-type zone-C measures compared with the manual labels' (relative differences per image). */
const ZONE_C_FIELDS = (['artery', 'vein'] as const).flatMap((t) =>
  ['tortuosity', 'fractal_dimension', 'branching_angle_deg'].map((f) => `${t}_${f}_zone_c`),
);
const zoneC: Record<string, Record<string, number[]>> = {};
for (const f of files) {
  const id = f.replace(/\.(jpg|JPG)$/, '');
  const t0 = Date.now();
  const img = await readImage(`${D}/images/${f}`);
  const fov = toMask(await readImage(`${D}/mask/${id}_mask.png`));
  const maps = avMapsFromLabels(await readImage(`${D}/av/${id}_AVmanual.png`));
  const d = detectOpticDisc(img, { fov, vessel: maps.vessel });
  const a = ann[id]!;
  const err = Math.hypot(d.row - a.row, d.col - a.col) / a.radius_px;
  const split = /^(08|15)_/.test(id) ? 'test' : /^14_/.test(id) ? 'validation' : 'train';
  discRows.push({
    id,
    split,
    det_row: d.row,
    det_col: d.col,
    det_radius_px: d.radiusPx,
    ann_row: a.row,
    ann_col: a.col,
    ann_radius_px: a.radius_px,
    centre_error_disc_radii: err,
    radius_rel_error: d.radiusPx / a.radius_px - 1,
  });
  if (split === 'test') {
    const annDisc = { row: a.row, col: a.col, radiusPx: a.radius_px };
    const manual = analyzeRetina(img, maps, { fov, spacingUm: SPACING_UM, disc: annDisc }).calibre;
    const detected = analyzeRetina(img, maps, { fov, spacingUm: SPACING_UM, disc: d }).calibre;
    // the automatic pipeline: CNN maps (with the model's calibrated vessel threshold), the disc
    // detected on them; the manual labels with that same disc
    const tm = Date.now();
    const cnn = await predictArteryVeinAdapter(img, { fov, workers: availableParallelism() });
    const autoDisc = detectOpticDisc(img, { fov, vessel: cnn.vessel });
    const base = { fov, spacingUm: SPACING_UM, disc: autoDisc };
    const manualSameDiscRun = analyzeRetina(img, maps, base);
    const manualSameDisc = manualSameDiscRun.calibre;
    // before = the pipeline as it was: vessel threshold 0.5, no speck removal
    const before = { ...base, vesselThreshold: 0.5, minComponentAreaDiscR2: 0, minSegmentLengthDiscRadii: 0, avBalance: false };
    const autoRun = analyzeRetina(img, cnn, base);
    const noBalanceRun = analyzeRetina(img, cnn, { ...base, avBalance: false });
    const classifierRun = analyzeRetina(img, cnn, { ...base, avSegmentClassifier: true });
    const propagationRun = analyzeRetina(img, cnn, { ...base, avSegmentClassifier: { model: CNN_ONLY_AV_SEGMENT_MODEL } });
    // per-type zone-C measures: automatic (default, and with the segment classifier) vs manual labels, same disc
    for (const [name, run] of [
      ['model', autoRun],
      ['model-classifier', classifierRun],
      ['model-propagation', propagationRun],
    ] as const)
      for (const k of ZONE_C_FIELDS) {
        const av = run.record[k],
          mv = manualSameDiscRun.record[k];
        if (typeof av === 'number' && typeof mv === 'number' && mv !== 0) ((zoneC[name] ??= {})[k] ??= []).push(av / mv - 1);
      }
    for (const [name, run] of [
      ['model', autoRun],
      ['model-no-balance', noBalanceRun],
      ['model-classifier', classifierRun],
      ['model-propagation', propagationRun],
    ] as const) {
      const t = usedVesselTypes(run, maps);
      const k = (typeTotals[name] ??= { used: 0, right: 0, wrong: 0, unlabelled: 0 });
      for (const f of ['used', 'right', 'wrong', 'unlabelled'] as const) k[f] += t[f];
      console.log(
        `  ${id} ${name}: zone-B vessels used ${t.used}, manual type right ${t.right}, wrong ${t.wrong}, not in the manual labels ${t.unlabelled}`,
      );
    }
    // width alone: the CNN's vessel probability, the manual A/V labels (vessel pixels outside the
    // manual labels have p_a = p_v = 0: ambiguous, in both class masks, never a width sample)
    const hybrid = { ...maps, vessel: cnn.vessel };
    const atLevel = cnn.widthLevel !== undefined ? { widthMethod: 'level' as const, widthLevel: cnn.widthLevel } : {};
    const runs = {
      'model-before': analyzeRetina(img, cnn, { ...before, widthMethod: 'mask' }).calibre,
      model: autoRun.calibre,
      'model-no-balance': noBalanceRun.calibre,
      'model-classifier': classifierRun.calibre,
      'model-propagation': propagationRun.calibre,
      'model-mask-width': analyzeRetina(img, cnn, { ...base, widthMethod: 'mask' }).calibre,
      'width-before': analyzeRetina(img, hybrid, before).calibre,
      width: analyzeRetina(img, hybrid, { ...base, vesselThreshold: cnn.vesselThreshold ?? 0.5, ...atLevel }).calibre,
      'width-mask': analyzeRetina(img, hybrid, { ...base, vesselThreshold: cnn.vesselThreshold ?? 0.5, widthMethod: 'mask' }).calibre,
      // the manual labels' own centre-line samples and vessels, re-measured: the CNN's probability at
      // its level, and the photograph's half-height width (where does the width difference come from?)
      'same-samples-level': craeCrve(levelZoneBWidths(manualSameDiscRun.vessels, cnn.vessel, autoDisc, cnn.widthLevel ?? 0.5), autoDisc, {
        spacingUm: SPACING_UM,
      }),
      'same-samples-profile': craeCrve(profileZoneBWidths(manualSameDiscRun.vessels, img, autoDisc), autoDisc, { spacingUm: SPACING_UM }),
    };
    const r = autoRun.record;
    console.log(
      `  ${id}: CNN + automatic disc + 5 analyses ${Date.now() - tm} ms (disc error ${(Math.hypot(autoDisc.row - a.row, autoDisc.col - a.col) / a.radius_px).toFixed(2)} R; vessel threshold ${r.vessel_threshold}; segments ${r.n_segments} (+${r.n_short_segments} shorter than R/2), unsure ${r.n_unsure_segments}, unsure in zone B ${r.n_unsure_excluded_zone_b})`,
    );
    const pick = (c: typeof manual): CalibrePair['auto'] => ({ craeUm: c.craeUm, crveUm: c.crveUm, avr: c.avr });
    for (const [k, c] of Object.entries(runs)) (pairs[k] ??= []).push({ id, auto: pick(c), manual: pick(manualSameDisc) });
    pairsDisc.push({ id, auto: pick(detected), manual: pick(manual) });
  }
  console.log(
    `${id} (${split}): disc error ${err.toFixed(2)} R, radius ${(100 * (d.radiusPx / a.radius_px - 1)).toFixed(0)} %, ${Date.now() - t0} ms`,
  );
}
writeFileAtomic(join(out, 'retina-disc.csv'), toCsv(Object.keys(discRows[0]!), discRows));
for (const split of ['train', 'validation', 'test', 'all']) {
  const e = discRows.filter((r) => split === 'all' || r.split === split).map((r) => r.centre_error_disc_radii as number);
  console.log(
    `disc centre error (${split}, n=${e.length}): mean ${(e.reduce((s, x) => s + x, 0) / e.length).toFixed(3)} R, max ${Math.max(...e).toFixed(3)} R, within 1 R: ${e.filter((x) => x < 1).length}/${e.length}`,
  );
}
for (const [name, ps] of [...Object.entries(pairs), ['detected-disc', pairsDisc]] as const) {
  const t = calibreAgreement(ps);
  writeFileAtomic(join(out, `retina-agreement-${name}.json`), `${JSON.stringify(t, null, 2)}\n`);
  writeFileAtomic(join(out, `retina-agreement-${name}.csv`), toCsv(Object.keys(t.rows[0]!), t.rows));
  console.log(`agreement (${name}):`, JSON.stringify(t.summary));
  for (const r of t.rows)
    console.log(
      ' ',
      r.id,
      'CRAE',
      r.crae_auto_um?.toFixed(1),
      r.crae_manual_um?.toFixed(1),
      'CRVE',
      r.crve_auto_um?.toFixed(1),
      r.crve_manual_um?.toFixed(1),
      'AVR',
      r.avr_auto?.toFixed(3),
      r.avr_manual?.toFixed(3),
    );
}
for (const [name, t] of Object.entries(typeTotals))
  console.log(
    `zone-B vessels used by CRAE/CRVE (${name}, 6 images): ${t.used}; manual type right ${t.right} (${((100 * t.right) / (t.right + t.wrong)).toFixed(1)} % of those with a manual type), wrong ${t.wrong}, not in the manual labels ${t.unlabelled}`,
  );
for (const [name, byField] of Object.entries(zoneC))
  for (const [k, d] of Object.entries(byField)) {
    const mean = (x: number[]): number => x.reduce((t, v) => t + v, 0) / x.length;
    console.log(
      `zone C ${name} ${k} (automatic / manual − 1, n=${d.length}): mean ${(100 * mean(d)).toFixed(1)} %, mean |d| ${(100 * mean(d.map(Math.abs))).toFixed(1)} %, per image ${d.map((x) => (100 * x).toFixed(1)).join(', ')}`,
    );
  }
// The automatic-vs-manual table for the docs and notebook 07, and its Bland–Altman summary.
const model = calibreAgreement(pairs.model ?? []);
const csvRows = model.rows.map((r) => ({
  image: r.id,
  crae_auto: r.crae_auto_um ?? '',
  crae_manual: r.crae_manual_um ?? '',
  crve_auto: r.crve_auto_um ?? '',
  crve_manual: r.crve_manual_um ?? '',
}));
mkdirSync('docs/data', { recursive: true });
writeFileAtomic('docs/data/retina-agreement.csv', toCsv(['image', 'crae_auto', 'crae_manual', 'crve_auto', 'crve_manual'], csvRows));
console.log('wrote docs/data/retina-agreement.csv');
for (const [name, ps] of Object.entries(pairs))
  for (const [m, ka, km] of [
    ['CRAE', 'crae_auto_um', 'crae_manual_um'],
    ['CRVE', 'crve_auto_um', 'crve_manual_um'],
  ] as const) {
    const rows = calibreAgreement(ps).rows;
    const auto = rows.map((r) => r[ka] ?? Number.NaN);
    const manual = rows.map((r) => r[km] ?? Number.NaN);
    try {
      const b = blandAltman(auto, manual, { what: m });
      const f = (x: number): string => x.toFixed(1);
      console.log(
        `Bland–Altman ${name} ${m} (automatic − manual, µm, n=${b.n}): bias ${f(b.bias)} [95 % CI ${f(b.biasCi[0])}, ${f(b.biasCi[1])}], SD ${f(b.sd)}, limits of agreement ${f(b.loaLow)} to ${f(b.loaHigh)}`,
      );
    } catch (e) {
      console.log(`Bland–Altman ${name} ${m}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

/**
 * Of the zone-B vessels CRAE/CRVE use (the six widest of each type), how many carry their manual
 * type: the majority of the manual artery/vein labels on the segment's centre line (crossing pixels
 * ignored; a tie counts as wrong); a segment with no manual artery or vein pixel on it is not in the manual labels.
 */
function usedVesselTypes(run: RetinaAnalysis, manual: ArteryVeinMaps): { used: number; right: number; wrong: number; unlabelled: number } {
  const out = { used: 0, right: 0, wrong: 0, unlabelled: 0 };
  for (const v of run.calibre.vessels) {
    if (!v.used) continue;
    out.used++;
    let a = 0,
      b = 0;
    for (const p of run.vessels[v.kind].graph.segments[v.segmentId]!.path) {
      if (manual.artery[p]! > manual.vein[p]!) a++;
      else if (manual.vein[p]! > manual.artery[p]!) b++;
    }
    if (a + b === 0) out.unlabelled++;
    else if ((v.kind === 'artery' ? a : b) > (v.kind === 'artery' ? b : a)) out.right++;
    else out.wrong++;
  }
  return out;
}
