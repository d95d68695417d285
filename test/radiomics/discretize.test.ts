import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discretize } from '../../src/radiomics/discretize.js';
import { resegment } from '../../src/radiomics/roi.js';
import { parseDiscretization, parseFamilies } from '../../src/radiomics/parseOptions.js';
import { parseChannel } from '../../src/core/channel.js';
import { parseFilter } from '../../src/radiomics/filters/applyFilter.js';
import { isVesselprintError } from '../../src/core/errors.js';

const all = (n: number) => new Uint8Array(n).fill(1);

test('discretize(fbn: 4 bins) follows IBSI: floor(N (X − min)/(max − min)) + 1, max → N', () => {
  // min 0, max 8: 0→1, 1.99→1, 2→2, 4→3, 6→4, 7.9→4, 8→4
  const d = discretize(new Float64Array([0, 1.99, 2, 4, 6, 7.9, 8]), all(7), { method: 'fbn', bins: 4 });
  assert.deepEqual([...d.levels], [1, 1, 2, 3, 4, 4, 4]);
  assert.equal(d.ng, 4);
});

test('discretize(fbs: width 2.5, min −5) follows IBSI: floor((X − min)/w) + 1', () => {
  const d = discretize(new Float64Array([-5, -2.6, -2.5, 0, 4.99, 5]), all(6), { method: 'fbs', width: 2.5, min: -5 });
  assert.deepEqual([...d.levels], [1, 1, 2, 3, 4, 5]);
  assert.equal(d.ng, 5);
});

test('discretize(fbs) without a lower bound starts at the ROI minimum; a bound above it is an error', () => {
  assert.deepEqual([...discretize(new Float64Array([3, 4, 9]), all(3), { method: 'fbs', width: 2 }).levels], [1, 1, 4]);
  assert.throws(
    () => discretize(new Float64Array([3, 4]), all(2), { method: 'fbs', width: 1, min: 3.5 }),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT'),
  );
});

test('discretize(none) keeps integer intensities and rejects fractions or values below 1', () => {
  assert.deepEqual([...discretize(new Float64Array([1, 4, 6]), all(3), { method: 'none' }).levels], [1, 4, 6]);
  assert.throws(() => discretize(new Float64Array([1.5]), all(1), { method: 'none' }), /integer intensities >= 1/);
  assert.throws(() => discretize(new Float64Array([0, 3]), all(2), { method: 'none' }), /fbs:1:MIN/);
});

test('discretize ignores pixels outside the mask and gives them level 0; a constant ROI gets one level', () => {
  const d = discretize(new Float64Array([100, 5, 5]), new Uint8Array([0, 1, 1]), { method: 'fbn', bins: 8 });
  assert.deepEqual([...d.levels], [0, 1, 1]);
  assert.equal(d.ng, 1);
});

test('discretize of an empty ROI throws EMPTY_INPUT', () => {
  assert.throws(
    () => discretize(new Float64Array([1, 2]), new Uint8Array(2), { method: 'fbn', bins: 8 }),
    (e) => isVesselprintError(e, 'EMPTY_INPUT'),
  );
});

test('resegment(range) keeps [min, max]; outlier removes values beyond mean ± 3 SD; morph mask unchanged', () => {
  const v = new Float64Array(21).fill(10);
  v[20] = 1000; // one outlier among 21 values: mean 57.1, SD 207 → 1000 − 57 > 3 SD
  const r = resegment(v, all(21), { outlier: true });
  assert.equal(r.intensityMask[20], 0);
  assert.equal(
    r.intensityMask.reduce((a, b) => a + b, 0),
    20,
  );
  assert.equal(
    r.morphMask.reduce((a, b) => a + b, 0),
    21,
  );
  const q = resegment(new Float64Array([1, 2, 3, 4]), all(4), { range: [2, 3] });
  assert.deepEqual([...q.intensityMask], [0, 1, 1, 0]);
});

test('resegment reports an empty mask and a range that empties the ROI as EMPTY_INPUT', () => {
  assert.throws(
    () => resegment(new Float64Array(3), new Uint8Array(3)),
    (e) => isVesselprintError(e, 'EMPTY_INPUT'),
  );
  assert.throws(() => resegment(new Float64Array([1, 2]), all(2), { range: [5, 6] }), /re-segmentation range/);
});

test('parseDiscretization, parseFamilies, parseChannel and parseFilter accept the CLI forms and reject others', () => {
  assert.deepEqual(parseDiscretization('none'), { method: 'none' });
  assert.deepEqual(parseDiscretization('fbn:32'), { method: 'fbn', bins: 32 });
  assert.deepEqual(parseDiscretization('fbs:25'), { method: 'fbs', width: 25 });
  assert.deepEqual(parseDiscretization('fbs:0.5:-10'), { method: 'fbs', width: 0.5, min: -10 });
  for (const bad of ['fbn', 'fbn:0', 'fbn:2.5', 'fbs:0', 'fbs:1:x', 'equal:3'])
    assert.throws(() => parseDiscretization(bad), /discretization/, bad);
  assert.deepEqual(parseFamilies('glcm, stat'), ['stat', 'glcm']);
  assert.equal(parseFamilies('all').length, 10);
  assert.throws(() => parseFamilies('glcm,shape'), /unknown family "shape"/);
  assert.equal(parseChannel('green', 3), 'green');
  assert.equal(parseChannel('gray', 3), 'gray');
  assert.equal(parseChannel('2', 3), 2);
  assert.throws(() => parseChannel('green', 1), /colour image/);
  assert.throws(() => parseChannel('5', 3), /expected auto, green, red, blue, gray or a channel index/);
  assert.deepEqual(parseFilter('none'), { kind: 'none' });
  assert.deepEqual(parseFilter('log:1.5'), { kind: 'log', sigmaMm: 1.5 });
  assert.deepEqual(parseFilter('wavelet:db2:2'), { kind: 'wavelet', wavelet: 'db2', level: 2, band: 'HH' });
  assert.deepEqual(parseFilter('wavelet:haar:1:lh'), { kind: 'wavelet', wavelet: 'haar', level: 1, band: 'LH' });
  for (const bad of ['log', 'log:-1', 'wavelet:sym4:1', 'wavelet:db2:0', 'gabor:1']) assert.throws(() => parseFilter(bad), /filter/, bad);
});
