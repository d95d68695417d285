import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentVessels } from '../../src/segment/classical/segmentVessels.js';
import { evaluateSegmentation } from '../../src/segment/metrics/evaluate.js';
import { fundusPhantom } from './phantom.js';

const ph = fundusPhantom(256, 3);

test('segmentVessels(phantom, frangi) reaches AUC-ROC ≥ 0.95 and Dice ≥ 0.7 against the phantom truth (FOV estimated)', () => {
  const r = segmentVessels(ph.image, { method: 'frangi' });
  const ev = evaluateSegmentation(r.probability, ph.truth, ph.fov);
  assert.ok(ev.auc >= 0.95, `AUC ${ev.auc}`);
  const bin = evaluateSegmentation({ data: Float32Array.from(r.mask.data), width: 256, height: 256, channels: 1 }, ph.truth, ph.fov, {
    cldice: false,
  });
  assert.ok(bin.dice >= 0.7, `Dice ${bin.dice}`);
  // probability map in [0, 1], zero outside the FOV
  for (let i = 0; i < r.probability.data.length; i++) {
    const p = r.probability.data[i]!;
    assert.ok(p >= 0 && p <= 1);
    if (!r.fov.data[i]) assert.equal(p, 0);
  }
});

test('segmentVessels(phantom, line) reaches AUC-ROC ≥ 0.95 with the given FOV', () => {
  const r = segmentVessels(ph.image, { method: 'line', fov: ph.fov });
  const ev = evaluateSegmentation(r.probability, ph.truth, ph.fov, { cldice: false });
  assert.ok(ev.auc >= 0.95, `AUC ${ev.auc}`);
});

test('segmentVessels() with a working-size limit (resampling ×0.5 and back) still gives AUC ≥ 0.9', () => {
  const r = segmentVessels(ph.image, { fov: ph.fov, maxWorkingSize: 128, sigmas: [1, 1.5, 2.5] });
  assert.equal(r.probability.width, 256);
  const ev = evaluateSegmentation(r.probability, ph.truth, ph.fov, { cldice: false });
  assert.ok(ev.auc >= 0.9, `AUC ${ev.auc}`);
});

test('segmentVessels() rejects an unknown method and a FOV of another size with clear errors', () => {
  assert.throws(() => segmentVessels(ph.image, { method: 'unet' as never }), /expected one of "frangi", "line", got "unet"/);
  assert.throws(() => segmentVessels(ph.image, { fov: { data: new Uint8Array(4), width: 2, height: 2 } }), /differ in size/);
});
