import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFeatureTable } from '../../src/table/featureTable.js';
import { subjectTable } from '../../src/demo/subjectTable.js';

test('demo subjectTable: fingerprint features and retinal calibres are per-subject means over both eyes (QC-passed images of the first visit)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-subject-table-'));
  try {
    const eye = (id: string, subject: string, visit: string, crae: number | null, width: number, pass = 1) => ({
      image_id: id,
      subject_id: subject,
      modality: 'fundus',
      visit,
      age: 60,
      'qc.pass': pass,
      'vascular.vessel_width_mean_um': width,
      'retina.crae_um': crae,
      'retina.crve_um': crae === null ? null : 2 * crae,
      'retina.avr': crae === null ? null : 0.5,
    });
    await writeFeatureTable(dir, [
      eye('a1', 'A', '1', 150, 10),
      eye('a2', 'A', '1', 170, 20),
      eye('a3', 'A', '2', 500, 90), // second visit: not used
      eye('b1', 'B', '1', 140, 12),
      eye('b2', 'B', '1', null, 14), // retina block failed on this eye: the other eye's value stands
      eye('b3', 'B', '1', 999, 99, 0), // failed QC: left out
    ]);
    const rows = await subjectTable(dir);
    const by = new Map(rows.map((r) => [r.subject_id, r]));
    assert.equal(by.get('A')!['fundus.crae_um'], 160);
    assert.equal(by.get('A')!['fundus.crve_um'], 320);
    assert.equal(by.get('A')!['fundus.vessel_width_mean_um'], 15);
    assert.equal(by.get('B')!['fundus.crae_um'], 140);
    assert.equal(by.get('B')!['fundus.avr'], 0.5);
    assert.equal(by.get('B')!['fundus.vessel_width_mean_um'], 13);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
