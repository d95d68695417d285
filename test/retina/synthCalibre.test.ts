import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthFundus } from '../../src/synth/fundus.js';
import { createRng } from '../../src/core/rng.js';
import { knudtson } from '../../src/vascular/knudtson.js';
import { avMapsFromLabels } from '../../src/retina/avMapsFromLabels.js';
import { analyzeRetina } from '../../src/retina/analyzeRetina.js';
import { detectOpticDisc } from '../../src/retina/opticDisc.js';

const SIZE = 1600; // ≈ 8.6 µm/px: trunks 8–19 px wide, so the ±0.3 px of a mask edge is ≈ 2–4 %

/**
 * Truth from the generator's vessel trees, independent of the code under test: every crossing
 * of a true centre line with the middle circle of zone B (2.5 disc radii) is one vessel, of
 * width 2 × its radius there; a branch whose zone-B points are mostly painted over by a vessel
 * of the other kind (label 3 in the truth) cannot be seen and is left out. CRAE/CRVE =
 * Knudtson over those widths.
 */
function truthCalibre(s: ReturnType<typeof synthFundus>): { crae: number; crve: number } {
  const disc = s.disc,
    ring = 2.5 * disc.radius;
  const w: Record<'artery' | 'vein', number[]> = { artery: [], vein: [] };
  const dist = (p: { row: number; col: number }): number => Math.hypot(p.row - disc.row, p.col - disc.col);
  for (const tree of s.trees) {
    for (const b of tree.branches) {
      const want = b.kind === 'artery' ? 1 : 2;
      const inB = b.points.filter((p) => dist(p) >= 2 * disc.radius && dist(p) < 3 * disc.radius);
      const seen = inB.filter((p) => s.avLabel[Math.round(p.row) * SIZE + Math.round(p.col)] === want).length;
      if (seen < 0.25 * inB.length) continue;
      for (let k = 1; k < b.points.length; k++) {
        if (dist(b.points[k - 1]!) < ring !== dist(b.points[k]!) < ring) w[b.kind].push(2 * b.points[k]!.radiusPx);
      }
    }
  }
  return { crae: knudtson(w.artery, 'artery') * s.spacingUm, crve: knudtson(w.vein, 'vein') * s.spacingUm };
}

test('analyzeRetina(synthetic fundus, its A/V labels, true disc) recovers CRAE and CRVE: mean |error| ≤ 3 %, each image ≤ 7 %', () => {
  const errs: Record<'crae' | 'crve', number[]> = { crae: [], crve: [] };
  for (const seed of [1, 2, 3, 4]) {
    const s = synthFundus(createRng(seed), { width: SIZE, height: SIZE });
    const maps = avMapsFromLabels({ data: s.avLabel, width: SIZE, height: SIZE, channels: 1 });
    const a = analyzeRetina(s.image, maps, {
      fov: s.fovMask,
      spacingUm: s.spacingUm,
      disc: { row: s.disc.row, col: s.disc.col, radiusPx: s.disc.radius },
    });
    const t = truthCalibre(s);
    errs.crae.push((a.record.crae_um as number) / t.crae - 1);
    errs.crve.push((a.record.crve_um as number) / t.crve - 1);
    assert.equal(a.record.avr, (a.record.crae_um as number) / (a.record.crve_um as number));
  }
  for (const k of ['crae', 'crve'] as const) {
    const mean = errs[k].reduce((x, y) => x + Math.abs(y), 0) / errs[k].length;
    const shown = errs[k].map((e) => (100 * e).toFixed(1)).join(', ');
    assert.ok(mean <= 0.03, `${k}: mean |relative error| ${(100 * mean).toFixed(2)} % (per image ${shown} %)`);
    assert.ok(
      errs[k].every((e) => Math.abs(e) <= 0.07),
      `${k}: per image ${shown} %`,
    );
  }
});

// (the radius is not checked: the generator's disc, 1.8 mm in a 45° field, is 0.14 FOV radii, the HRF discs 0.08–0.11)
test('detectOpticDisc(synthetic fundus, left and right eye) finds the disc centre within half a disc radius', () => {
  for (const seed of [7, 8]) {
    const s = synthFundus(createRng(seed), { eye: seed % 2 ? 'OS' : 'OD' });
    const vessel = Float32Array.from(s.vesselMask.data);
    const d = detectOpticDisc(s.image, { fov: s.fovMask, vessel });
    const err = Math.hypot(d.row - s.disc.row, d.col - s.disc.col) / s.disc.radius;
    assert.ok(err < 0.5, `seed ${seed}: centre error ${err.toFixed(2)} disc radii`);
  }
});
