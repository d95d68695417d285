/**
 * `npm run bench -- retina [OUT_DIR]`: the retina pipeline on the shared HRF images.
 * 1. Optic disc: detected centre vs the project's annotations (test/fixtures/hrf-optic-disc.json),
 *    error in disc radii, on all 24 images (detector tuned on the train/validation images only:
 *    06, 07, 11, 12, 13, 14; test: 08, 15).
 * 2. Agreement on the six test images (08_*, 15_*): CRAE/CRVE/AVR from the automatic pipeline vs
 *    from the manual vessel + A/V labels, with the same (annotated) disc. Until the A/V CNN is merged
 *    the "automatic" maps are the manual labels too (so this measures nothing but the plumbing);
 *    the second table — detected vs annotated disc, both on manual labels — measures what the disc
 *    detector alone changes. Spacing: 5 µm/px assumed (see the shared HRF README; AVR does not depend on it).
 * Writes OUT_DIR/retina-disc.csv, retina-agreement-*.json/csv (default /tmp/vesselprint-retina-bench).
 */
import { readFileSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readImage } from '../src/io/readImage.js';
import { toMask } from '../src/core/image.js';
import { writeFileAtomic } from '../src/core/atomicWrite.js';
import { toCsv } from '../src/synth/csv.js';
import { avMapsFromLabels } from '../src/retina/avMapsFromLabels.js';
import { detectOpticDisc } from '../src/retina/opticDisc.js';
import { analyzeRetina } from '../src/retina/analyzeRetina.js';
import { calibreAgreement, type CalibrePair } from '../src/retina/calibreAgreement.js';

const D = '../shared/data/hrf';
const SPACING_UM = 5;
if (!existsSync(`${D}/images`)) {
  console.log('retina bench: ../shared/data/hrf not present, nothing to do');
  process.exit(0);
}
const out = process.argv[3] ?? '/tmp/vesselprint-retina-bench';
mkdirSync(out, { recursive: true });
const ann = (JSON.parse(readFileSync('test/fixtures/hrf-optic-disc.json', 'utf8')) as { discs: Record<string, { row: number; col: number; radius_px: number }> }).discs;
const files = readdirSync(`${D}/images`).sort();
const discRows: Record<string, string | number>[] = [];
const pairsModel: CalibrePair[] = [], pairsDisc: CalibrePair[] = [];
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
  discRows.push({ id, split, det_row: d.row, det_col: d.col, det_radius_px: d.radiusPx, ann_row: a.row, ann_col: a.col, ann_radius_px: a.radius_px, centre_error_disc_radii: err, radius_rel_error: d.radiusPx / a.radius_px - 1 });
  if (split === 'test') {
    const annDisc = { row: a.row, col: a.col, radiusPx: a.radius_px };
    const manual = analyzeRetina(img, maps, { fov, spacingUm: SPACING_UM, disc: annDisc }).calibre;
    const auto = manual; // A/V CNN not merged yet: the automatic maps are the manual ones
    const detected = analyzeRetina(img, maps, { fov, spacingUm: SPACING_UM, disc: d }).calibre;
    const pick = (c: typeof manual): CalibrePair['auto'] => ({ craeUm: c.craeUm, crveUm: c.crveUm, avr: c.avr });
    pairsModel.push({ id, auto: pick(auto), manual: pick(manual) });
    pairsDisc.push({ id, auto: pick(detected), manual: pick(manual) });
  }
  console.log(`${id} (${split}): disc error ${err.toFixed(2)} R, radius ${(100 * (d.radiusPx / a.radius_px - 1)).toFixed(0)} %, ${Date.now() - t0} ms`);
}
writeFileAtomic(join(out, 'retina-disc.csv'), toCsv(Object.keys(discRows[0]!), discRows));
for (const split of ['train', 'validation', 'test', 'all']) {
  const e = discRows.filter((r) => split === 'all' || r.split === split).map((r) => r.centre_error_disc_radii as number);
  console.log(`disc centre error (${split}, n=${e.length}): mean ${(e.reduce((s, x) => s + x, 0) / e.length).toFixed(3)} R, max ${Math.max(...e).toFixed(3)} R, within 1 R: ${e.filter((x) => x < 1).length}/${e.length}`);
}
for (const [name, pairs] of [['model', pairsModel], ['detected-disc', pairsDisc]] as const) {
  const t = calibreAgreement(pairs);
  writeFileAtomic(join(out, `retina-agreement-${name}.json`), `${JSON.stringify(t, null, 2)}\n`);
  writeFileAtomic(join(out, `retina-agreement-${name}.csv`), toCsv(Object.keys(t.rows[0]!), t.rows));
  console.log(`agreement (${name}):`, JSON.stringify(t.summary));
  for (const r of t.rows) console.log(' ', r.id, 'CRAE', r.crae_auto_um?.toFixed(1), r.crae_manual_um?.toFixed(1), 'CRVE', r.crve_auto_um?.toFixed(1), r.crve_manual_um?.toFixed(1), 'AVR', r.avr_auto?.toFixed(3), r.avr_manual?.toFixed(3));
}
