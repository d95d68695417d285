import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthFundus, synthDiscRadiusFraction } from '../../src/synth/fundus.js';
import { createRng } from '../../src/core/rng.js';
import { analyzeRetina, eyeFromDisc } from '../../src/retina/analyzeRetina.js';
import { avMapsFromLabels } from '../../src/retina/avMapsFromLabels.js';

test('eyeFromDisc: the side of the field the disc lies on (OD right, OS left); undecided within 0.2 field radii', () => {
  assert.equal(eyeFromDisc(0.51), 'OD');
  assert.equal(eyeFromDisc(-0.49), 'OS');
  assert.equal(eyeFromDisc(0.19), null);
  assert.equal(eyeFromDisc(-0.1), null);
  assert.equal(eyeFromDisc(Number.NaN), null);
});

test('analyzeRetina disc_offset_fov and eye_mismatch: synthetic right and left eyes (disc 3.3 mm from the centre of a 6.48 mm field: offset ±0.51); a swapped eye label is flagged', () => {
  for (const eye of ['OD', 'OS'] as const) {
    const s = synthFundus(createRng(4), { eye });
    const labels = { data: s.avLabel, width: s.image.width, height: s.image.height, channels: 1 };
    const maps = avMapsFromLabels(labels);
    const base = { fov: s.fovMask, spacingUm: s.spacingUm, discRadiusFraction: synthDiscRadiusFraction() };
    const none = analyzeRetina(s.image, maps, base).record;
    const off = none.disc_offset_fov as number;
    const want = (eye === 'OD' ? 1 : -1) * (3300 / 6480);
    assert.ok(Math.abs(off - want) < 0.05, `${eye}: offset ${off} vs ${want}`);
    assert.equal(none.eye_mismatch, null);
    assert.equal(analyzeRetina(s.image, maps, { ...base, eye }).record.eye_mismatch, 0);
    assert.equal(analyzeRetina(s.image, maps, { ...base, eye: eye === 'OD' ? 'OS' : 'OD' }).record.eye_mismatch, 1);
  }
});
