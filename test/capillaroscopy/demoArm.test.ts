import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCohort } from '../../src/synth/writeCohort.js';
import { addSkinRecordingArm, phaseShares } from '../../src/synth/skinRecordingArm.js';
import { validateManifest } from '../../src/manifest/validateManifest.js';

test('phaseShares: recruitment (hyperaemia − baseline visible share) is lower with diabetes and hypertension, congestion fills most', () => {
  const zero = { normal: (): number => 0 };
  const healthy = phaseShares(0, 0, zero),
    diab = phaseShares(1, 0, zero),
    both = phaseShares(1, 1, zero);
  const rec = (s: typeof healthy): number => s.hyperaemia.visible - s.baseline.visible;
  assert.ok(Math.abs(rec(healthy) - 0.25) < 1e-12 && Math.abs(rec(diab) - 0.15) < 1e-12 && Math.abs(rec(both) - 0.11) < 1e-12);
  assert.ok(healthy.congestion.visible > healthy.hyperaemia.visible);
});

test('addSkinRecordingArm(cohort) writes three phase recordings per subject and a manifest that still validates', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-cap-arm-'));
  await writeCohort(dir, { subjects: 2, seed: 5, fundusSize: [128, 128], skinSize: [128, 128] });
  const before = validateManifest(join(dir, 'manifest.csv')).rows.length;
  const n = addSkinRecordingArm(dir, { size: [160, 128], frames: 6, seed: 5 });
  assert.equal(n, 6);
  const v = validateManifest(join(dir, 'manifest.csv'));
  assert.deepEqual(
    v.problems.filter((p) => p.severity === 'error'),
    [],
  );
  assert.equal(v.rows.length, before + 6);
  const rec = v.rows.filter((r) => r.phase !== undefined);
  assert.deepEqual(rec.map((r) => r.phase).sort(), ['baseline', 'baseline', 'congestion', 'congestion', 'hyperaemia', 'hyperaemia']);
  for (const r of rec) {
    assert.equal(r.modality, 'skin');
    assert.ok(existsSync(join(dir, r.image_path)), r.image_path);
    assert.ok(existsSync(join(dir, r.image_path.replace(/\.tif$/, '_capillaries.csv'))));
  }
  rmSync(dir, { recursive: true });
});
