import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordingMeasures, countingField } from '../../src/capillaroscopy/recordingMeasures.js';
import type { PerfusionMaps } from '../../src/capillaroscopy/types.js';
import type { DetectedCapillary } from '../../src/capillaroscopy/detectCapillaries.js';

function maps(width: number, height: number, spacingUm: number): PerfusionMaps {
  const n = width * height;
  return {
    width,
    height,
    row0: 0,
    col0: 0,
    spacingUm,
    mean: new Float32Array(n),
    min: new Float32Array(n),
    sd: new Float32Array(n),
    framesTotal: 3,
    framesUsed: 3,
    dropped: { blur: 0, motion: 0, registration: 0 },
    referenceFrames: 3,
    frames: [0, 1, 2].map((index) => ({ index, dRow: 0, dCol: 0, peak: 1, focus: 1, dropped: null })),
  };
}
const cap = (row: number, col: number, perfused: boolean): DetectedCapillary => ({
  row,
  col,
  areaPx: 10,
  lengthUm: 20,
  apexDiameterUm: 10,
  darkness: 0.5,
  flowIndex: perfused ? 5 : 1,
  perfused,
});

test('recordingMeasures of capillaries on a square lattice of side a: density 1/a², nearest neighbour a, Clark–Evans R = 2', () => {
  // 200 x 200 px at 1 µm/px, guard 20 µm → counting field rows/cols 20..179 (160 x 160 µm); lattice a = 20 µm
  const m = maps(200, 200, 1);
  const caps: DetectedCapillary[] = [];
  for (let r = 10; r < 200; r += 20) for (let c = 10; c < 200; c += 20) caps.push(cap(r, c, (r + c) % 40 === 0));
  const f = countingField(m, 20);
  assert.deepEqual(f, { row0: 20, col0: 20, rows: 160, cols: 160 });
  const out = recordingMeasures(m, caps, { guardUm: 20 });
  // centroids 30, 50, …, 170 in each direction: 8 x 8 = 64 inside the counting field of 0.0256 mm²
  assert.equal(out.capillary_count, 64);
  assert.ok(Math.abs(out.field_area_mm2 - 0.0256) < 1e-12);
  assert.ok(Math.abs(out.capillary_density_per_mm2 - 2500) < 1e-9, 'density 1/a² = 1/(0.02 mm)² = 2500 /mm²');
  assert.ok(Math.abs(out.nn_distance_um - 20) < 1e-9);
  assert.ok(Math.abs(out.clark_evans_r - 2) < 1e-9, `R = 20 / (0.5 / √(64/25600 µm²)) = 2, got ${out.clark_evans_r}`);
  assert.equal(out.perfused_fraction, 0.5);
  assert.equal(out.motion_rms_um, 0);
});

test('recordingMeasures with one capillary leaves nn distance and Clark–Evans R undefined (NaN)', () => {
  const out = recordingMeasures(maps(100, 100, 2), [cap(50, 50, true)], { guardUm: 10 });
  assert.equal(out.capillary_count, 1);
  assert.ok(Number.isNaN(out.nn_distance_um) && Number.isNaN(out.clark_evans_r));
});

test('every measure analyseRecording reports has a unit and definition in RECORDING_MEASURE_DOCS, and nothing else is documented', async () => {
  const { RECORDING_MEASURE_DOCS } = await import('../../src/capillaroscopy/measureDocs.js');
  const out = recordingMeasures(maps(100, 100, 2), [cap(50, 50, true), cap(30, 60, false)], { guardUm: 10 });
  const keys = [...Object.keys(out), 'fps', 'duration_used_s', 'pixel_spacing_um'].sort();
  assert.deepEqual(Object.keys(RECORDING_MEASURE_DOCS).sort(), keys);
  for (const d of Object.values(RECORDING_MEASURE_DOCS)) assert.ok(d.unit !== '' && d.definition.length > 10);
});
