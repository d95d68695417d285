import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { gaussianBlur } from '../../src/preprocess/gaussian.js';
import { clahe } from '../../src/preprocess/clahe.js';
import { estimateFov, erodeSquare } from '../../src/preprocess/fov.js';
import { normalizeIllumination } from '../../src/preprocess/illumination.js';
import { resize, resampleToSpacing } from '../../src/preprocess/resample.js';
import { selectChannel } from '../../src/core/channel.js';
import { py, assertClose } from '../segment/pyOracle.js';

function randomImage(seed: number, W: number, H: number, scale = 255): Float32Array {
  const rng = createRng(seed);
  const d = new Float32Array(W * H);
  for (let i = 0; i < d.length; i++) d[i] = Math.floor(rng.uniform() * scale);
  return d;
}

test('gaussianBlur() matches scipy.ndimage.gaussian_filter(mode="reflect", truncate=4) to 1e-3 for σ = 0.8, 2.5, 6', (t) => {
  const W = 37,
    H = 23;
  const d = randomImage(1, W, H, 100);
  const ref = py<number[][]>(
    t,
    'scipy',
    `from scipy import ndimage\nim = np.array(data, dtype=np.float64).reshape(${H}, ${W})\nresult = [ndimage.gaussian_filter(im, s, mode='reflect', truncate=4.0).ravel().tolist() for s in (0.8, 2.5, 6.0)]`,
    Array.from(d),
  );
  if (!ref) return;
  [0.8, 2.5, 6].forEach((s, k) => assertClose(gaussianBlur(d, W, H, s), ref[k]!, 1e-3, `sigma ${s}`));
});

test('clahe() matches OpenCV createCLAHE(clipLimit, tileGridSize).apply exactly (optional oracle: python3-opencv)', (t) => {
  const W = 67,
    H = 45; // not divisible by the tile grid: exercises the reflect-101 padding
  const rng = createRng(2);
  const d = new Float32Array(W * H);
  for (let r = 0; r < H; r++)
    for (let c = 0; c < W; c++)
      d[r * W + c] = Math.min(255, Math.max(0, Math.round(80 + 60 * Math.sin(c / 9) + 0.8 * r + rng.normal(0, 12))));
  const configs: Array<[number, number, number]> = [
    [2, 8, 8],
    [4, 3, 5],
    [0, 4, 4],
    [40, 8, 8],
  ];
  const ref = py<number[][]>(
    t,
    'cv2',
    `import cv2\nim = np.array(data, dtype=np.uint8).reshape(${H}, ${W})\nresult = [cv2.createCLAHE(clipLimit=cl, tileGridSize=(tc, tr)).apply(im).ravel().tolist() for cl, tr, tc in ${JSON.stringify(configs)}]`,
    Array.from(d),
    true,
  );
  if (!ref) return;
  configs.forEach(([clipLimit, tilesRows, tilesCols], k) => {
    const out = clahe({ data: d, width: W, height: H, channels: 1 }, { clipLimit, tilesRows, tilesCols }).data;
    let diff = 0;
    for (let i = 0; i < out.length; i++) diff = Math.max(diff, Math.abs(out[i]! - ref[k]![i]!));
    assert.ok(diff === 0, `config ${configs[k]}: max difference ${diff} grey levels`);
  });
});

test('clahe() with one tile and no clipping is global histogram equalisation: lut[v] = round(255 · cdf(v) / N)', () => {
  // values 0 (x2), 100 (x1), 200 (x1): cdf 2, 3, 4 of 4 → 128 (127.5 ties to even = 128), 191 (191.25), 255
  const out = clahe(
    { data: Float32Array.from([0, 0, 100, 200]), width: 2, height: 2, channels: 1 },
    { clipLimit: 0, tilesRows: 1, tilesCols: 1 },
  ).data;
  assert.deepEqual(Array.from(out), [128, 128, 191, 255]);
});

test('estimateFov() of a bright disc on a dark rim recovers the disc (Dice ≥ 0.98); an image without rim gives the whole image', () => {
  const W = 200,
    H = 160;
  const rng = createRng(3);
  const img = new Uint8Array(W * H * 3);
  const truth = new Uint8Array(W * H);
  for (let r = 0; r < H; r++)
    for (let c = 0; c < W; c++) {
      const i = r * W + c;
      const inside = (r - 80) ** 2 + (c - 100) ** 2 <= 70 ** 2;
      truth[i] = inside ? 1 : 0;
      const g = inside ? 60 + 40 * (c / W) + rng.normal(0, 5) : rng.normal(4, 2);
      for (let k = 0; k < 3; k++) img[i * 3 + k] = Math.max(0, Math.min(255, Math.round(g * [1.8, 1, 0.5][k]!)));
    }
  const fov = estimateFov({ data: img, width: W, height: H, channels: 3 });
  let inter = 0,
    a = 0,
    b = 0;
  for (let i = 0; i < truth.length; i++) {
    a += truth[i]!;
    b += fov.data[i]!;
    inter += truth[i]! & fov.data[i]!;
  }
  assert.ok((2 * inter) / (a + b) >= 0.98, `Dice ${(2 * inter) / (a + b)}`);
  const flat = new Float32Array(W * H);
  for (let i = 0; i < flat.length; i++) flat[i] = 120 + rng.normal(0, 10);
  const full = estimateFov({ data: flat, width: W, height: H, channels: 1 });
  assert.equal(
    full.data.reduce((s, v) => s + v, 0),
    W * H,
  );
});

test('erodeSquare(mask, 1) removes exactly one layer from a 5x5 square', () => {
  const W = 9,
    d = new Uint8Array(W * W);
  for (let r = 2; r < 7; r++) for (let c = 2; c < 7; c++) d[r * W + c] = 1;
  assert.equal(
    erodeSquare({ data: d, width: W, height: W }, 1).data.reduce((s, v) => s + v, 0),
    9,
  );
});

test('normalizeIllumination(): a vessel pattern times a smooth illumination becomes ≈ 1 on the background, outside the FOV exactly 1', () => {
  const W = 120,
    H = 100,
    n = W * H;
  const d = new Float32Array(n);
  const fov = new Uint8Array(n);
  for (let r = 0; r < H; r++)
    for (let c = 0; c < W; c++) {
      const i = r * W + c;
      fov[i] = c >= 5 ? 1 : 0;
      const light = 50 + 150 * (c / W); // 4x brighter at the right
      d[i] = fov[i] ? light * (c % 30 === 0 ? 0.6 : 1) : 0;
    }
  const out = normalizeIllumination({ data: d, width: W, height: H, channels: 1 }, { data: fov, width: W, height: H }, { sigma: 8 }).data;
  for (let r = 10; r < H - 10; r++)
    for (let c = 20; c < W - 20; c++) {
      if (c % 30 >= 3 && c % 30 <= 27) assert.ok(Math.abs(out[r * W + c]! - 1) < 0.05, `background at ${r},${c}: ${out[r * W + c]}`);
    }
  for (let r = 0; r < H; r++) assert.equal(out[r * W]!, 1);
  assert.ok(out[50 * W + 60]! < 0.7, 'vessel stays dark');
});

test('resize(): 2x2 block means when halving; a constant stays constant; resampleToSpacing(5 µm → 10 µm) halves the size', () => {
  const d = Float32Array.from([1, 3, 10, 20, 5, 7, 30, 40]); // 4x2
  const out = resize({ data: d, width: 4, height: 2, channels: 1 }, 2, 1).data;
  assert.deepEqual(Array.from(out), [4, 25]);
  const c = resize({ data: new Float32Array(35).fill(7), width: 7, height: 5, channels: 1 }, 11, 3).data;
  for (const v of c) assert.ok(Math.abs(v - 7) < 1e-5);
  const r = resampleToSpacing({ data: new Float32Array(40 * 30), width: 40, height: 30, channels: 1, spacingUm: 5 }, 10);
  assert.equal(r.width, 20);
  assert.equal(r.height, 15);
  assert.equal(r.spacingUm, 10);
  assert.throws(() => resampleToSpacing({ data: new Float32Array(4), width: 2, height: 2, channels: 1 }, 10), /no spacingUm/);
});

test('resize() upsampling ×2 keeps a linear ramp linear away from the border (bilinear)', () => {
  const d = Float32Array.from([0, 10, 20, 30]);
  const out = resize({ data: d, width: 4, height: 1, channels: 1 }, 8, 1).data;
  // centres x_src = (x + 0.5)/2 − 0.5 → values 10·x_src
  for (let x = 1; x < 7; x++) assert.ok(Math.abs(out[x]! - 10 * ((x + 0.5) / 2 - 0.5)) < 1e-5);
});

test('selectChannel(): green of RGB, gray = BT.601 luma, an index, unknown choice and missing index rejected', () => {
  const rgb = { data: Uint8Array.from([10, 20, 30]), width: 1, height: 1, channels: 3 };
  assert.equal(selectChannel(rgb, 'green').data[0], 20);
  assert.ok(Math.abs(selectChannel(rgb, 'gray').data[0]! - (0.299 * 10 + 0.587 * 20 + 0.114 * 30)) < 1e-4);
  assert.equal(selectChannel(rgb, 2).data[0], 30);
  assert.throws(() => selectChannel(rgb, 3), /channel 3 does not exist in a 3-channel image/);
  assert.throws(() => selectChannel(rgb, 'cyan' as never), /expected one of/);
});

test('estimateFov() on the real HRF sample agrees with its FOV masks (Dice ≥ 0.98; skipped when ../shared/data/hrf is absent)', async (t) => {
  const { existsSync } = await import('node:fs');
  const { readImage } = await import('../../src/io/readImage.js');
  const { toMask } = await import('../../src/core/image.js');
  const D = '../shared/data/hrf';
  if (!existsSync(`${D}/images/06_h.jpg`)) {
    t.skip('../shared/data/hrf not present: real-image FOV check skipped');
    return;
  }
  for (const [id, ext] of [
    ['06_h', 'jpg'],
    ['07_dr', 'JPG'],
  ] as const) {
    const img = await readImage(`${D}/images/${id}.${ext}`);
    const truth = toMask(await readImage(`${D}/mask/${id}_mask.png`));
    const fov = estimateFov(img);
    let inter = 0,
      a = 0,
      b = 0;
    for (let i = 0; i < truth.data.length; i++) {
      a += truth.data[i]!;
      b += fov.data[i]!;
      inter += truth.data[i]! & fov.data[i]!;
    }
    assert.ok((2 * inter) / (a + b) >= 0.98, `${id}: Dice ${(2 * inter) / (a + b)}`);
  }
});
