import { test } from 'node:test';
import assert from 'node:assert/strict';
import { qualityMeasures, qcPass } from '../../src/pipeline/qualityControl.js';
import type { Image2D, Mask2D } from '../../src/core/image.js';
import { gaussianBlur } from '../../src/preprocess/gaussian.js';

const W = 200,
  H = 160;
const img = (f: (r: number, c: number) => number): Image2D<Float32Array> => {
  const d = new Float32Array(W * H);
  for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) d[r * W + c] = f(r, c);
  return { data: d, width: W, height: H, channels: 1 };
};
const allFov: Mask2D = { data: new Uint8Array(W * H).fill(1), width: W, height: H };

test('qualityMeasures(uniform image) has zero contrast, focus and illumination unevenness', () => {
  const q = qualityMeasures(
    img(() => 120),
    allFov,
  );
  assert.equal(q.fov_fraction, 1);
  assert.equal(q.mean_intensity, 120);
  assert.ok(Math.abs(q.contrast_rms) < 1e-12);
  assert.ok(Math.abs(q.focus_laplacian_var) < 1e-12);
  assert.ok(Math.abs(q.illumination_cv) < 1e-6);
});

test('qualityMeasures() RMS contrast of a half a / half b image is |a − b| / (a + b); FOV fraction counts the mask', () => {
  const q = qualityMeasures(
    img((_, c) => (c < W / 2 ? 50 : 150)),
    allFov,
  );
  assert.ok(Math.abs(q.contrast_rms - 100 / 200) < 1e-9, String(q.contrast_rms));
  const half: Mask2D = { data: Uint8Array.from({ length: W * H }, (_, i) => (i < (W * H) / 4 ? 1 : 0)), width: W, height: H };
  assert.equal(
    qualityMeasures(
      img(() => 1),
      half,
    ).fov_fraction,
    0.25,
  );
});

test('qualityMeasures() focus: a linear ramp has zero Laplacian; blurring a checkerboard lowers the focus measure', () => {
  assert.ok(
    Math.abs(
      qualityMeasures(
        img((r, c) => 0.3 * r + 0.5 * c),
        allFov,
      ).focus_laplacian_var,
    ) < 1e-9,
  );
  const sharp = img((r, c) => ((Math.floor(r / 4) + Math.floor(c / 4)) % 2 ? 200 : 50));
  const blurred = { ...sharp, data: gaussianBlur(sharp.data, W, H, 2) };
  assert.ok(qualityMeasures(sharp, allFov).focus_laplacian_var > 4 * qualityMeasures(blurred, allFov).focus_laplacian_var);
});

test('qualityMeasures() illumination unevenness grows with the illumination gradient', () => {
  const cv = (slope: number): number =>
    qualityMeasures(
      img((_, c) => 100 + slope * (c - W / 2)),
      allFov,
    ).illumination_cv;
  const a = cv(0.1),
    b = cv(0.3);
  assert.ok(a > 0 && b > 2.5 * a, `${a} ${b}`);
});

test('qcPass() applies the stated rule', () => {
  const m = { fov_fraction: 0.5, focus_laplacian_var: 1e-3, contrast_rms: 0.1, illumination_cv: 0.2, mean_intensity: 90 };
  assert.equal(qcPass(m, { minFovFraction: 0.2, minFocus: 0, minContrast: 0.02 }), 1);
  assert.equal(qcPass(m, { minFovFraction: 0.6, minFocus: 0, minContrast: 0.02 }), 0);
  assert.equal(qcPass(m, { minFovFraction: 0.2, minFocus: 1e-2, minContrast: 0.02 }), 0);
  assert.equal(qcPass(m, { minFovFraction: 0.2, minFocus: 0, minContrast: 0.2 }), 0);
});
