import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { validateManifest } from '../../src/manifest/validateManifest.js';
import { cohortDir, writeManifestFiles, SCHEMA } from '../manifest/helpers.js';
import { recruitment } from '../../src/capillaroscopy/recruitment.js';

test('validateManifest reads the phase column of skin recordings and names bad phases by row and column', () => {
  const dir = cohortDir();
  const header = 'subject_id,image_id,image_path,modality,eye,site,visit,phase,age,sex,diabetes,sbp';
  const lines = [
    header,
    'S01,S01_b,img/S01_NF.png,skin,,finger,1,baseline,54,F,0,121',
    'S01,S01_h,img/S01_NF.png,skin,,finger,1,hyperaemia,54,F,0,121',
    'S01,S01_c,img/S01_NF.png,skin,,finger,1,congestion,54,F,0,121',
    'S01,S01_x,img/S01_NF.png,skin,,finger,1,reactive,54,F,0,121', // 4: unknown phase
    'S01,S01_OD,img/S01_OD.png,fundus,OD,,1,baseline,54,F,0,121', // 5: phase on a fundus row
    'S01,S01_s,img/S01_NF.png,skin,,finger,1,,54,F,0,121', // 6: still image, no phase: fine
  ];
  const v = validateManifest(writeManifestFiles(dir, 'phases.csv', lines, SCHEMA));
  assert.deepEqual(v.problems.map((p) => `${p.row}|${p.column}|${p.code}`).sort(), ['4|phase|BAD_PHASE', '5|phase|BAD_PHASE']);
  assert.deepEqual(
    v.rows.filter((r) => r.row <= 3).map((r) => r.phase),
    ['baseline', 'hyperaemia', 'congestion'],
  );
  assert.equal(v.rows.find((r) => r.row === 6)!.phase, undefined);
  rmSync(dir, { recursive: true });
});

test('recruitment({baseline: 60, hyperaemia: 75, congestion: 84}) is +15/mm² (25 %) and +24/mm² (40 %)', () => {
  const r = recruitment({ baseline: 60, hyperaemia: 75, congestion: 84 });
  assert.equal(r.recruitment_hyperaemia_per_mm2, 15);
  assert.equal(r.recruitment_hyperaemia_pct, 25);
  assert.equal(r.recruitment_congestion_per_mm2, 24);
  assert.equal(r.recruitment_congestion_pct, 40);
  assert.ok(Number.isNaN(recruitment({ hyperaemia: 70 }).recruitment_hyperaemia_pct), 'no baseline → NaN');
  assert.throws(() => recruitment({ baseline: -1 }), /≥ 0/);
});
