import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../src/core/rng.js';
import { planSkinScene } from '../../src/synth/skinVideoScene.js';
import { synthSkinRecording } from '../../src/synth/skinVideo.js';
import { writeSkinRecording } from '../../src/synth/writeSkinRecording.js';
import { parseExperimentConfig } from '../../src/pipeline/config.js';
import { extractCohort } from '../../src/pipeline/extract.js';
import { readCsv } from '../../src/table/csv.js';

test('extract on a manifest of phase-labelled skin recordings writes capillaroscopy columns and recruitment.csv per subject visit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-cap-extract-'));
  const scene = planSkinScene(createRng(61), { width: 192, height: 160 });
  const shares = {
    baseline: { visible: 0.5, flowing: 0.9 },
    hyperaemia: { visible: 0.8, flowing: 0.9 },
    congestion: { visible: 0.95, flowing: 0.3 },
  };
  const lines = ['subject_id,image_id,image_path,modality,eye,site,visit,phase,diabetes'];
  for (const [k, [phase, s]] of Object.entries(shares).entries()) {
    const rec = synthSkinRecording(scene, s, createRng(70 + k), { frames: 20, jerkProbability: 0, defocusProbability: 0 });
    writeSkinRecording(dir, `S1_${phase}`, scene, rec);
    lines.push(`S1,S1_${phase},S1_${phase}.tif,skin,,finger,1,${phase},0`);
  }
  writeFileSync(join(dir, 'manifest.csv'), `${lines.join('\n')}\n`);
  const out = join(dir, 'out');
  const cfg = parseExperimentConfig({
    name: 'cap',
    manifest: join(dir, 'manifest.csv'),
    out,
    radiomics: { enabled: false },
    tracking: { enabled: false },
  });
  const s = await extractCohort(cfg, { workers: 1, quiet: true, track: false });
  assert.equal(s.failed, 0);
  const rows = readCsv(join(out, 'features.csv'));
  assert.equal(rows.length, 3);
  const dens = Object.fromEntries(rows.map((r) => [String(r.phase), r['capillaroscopy.capillary_density_per_mm2'] as number]));
  const rec = readCsv(join(out, 'recruitment.csv'));
  assert.equal(rec.length, 1);
  assert.equal(String(rec[0]!.subject_id), 'S1');
  assert.equal(rec[0]!['capillaroscopy.phases'], 3);
  const pct = rec[0]!['capillaroscopy.recruitment_hyperaemia_pct'] as number;
  assert.ok(Math.abs(pct - ((dens.hyperaemia! - dens.baseline!) / dens.baseline!) * 100) < 1e-9, 'recruitment from the three rows');
  assert.ok(pct > 20, `hyperaemia recruits capillaries (visible 0.5 → 0.8): ${pct.toFixed(1)} %`);
  rmSync(dir, { recursive: true });
});
