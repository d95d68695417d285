import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localCalibreMap, skeletonNodes } from '../../src/explain/featureMaps.js';
import { imageFigure } from '../../src/plot/imageOverlay.js';

function mask(w: number, h: number, on: (r: number, c: number) => boolean, spacingUm?: number) {
  const m = { data: Uint8Array.from({ length: w * h }, (_, i) => (on(Math.floor(i / w), i % w) ? 1 : 0)), width: w, height: h };
  return spacingUm === undefined ? m : { ...m, spacingUm };
}

test('localCalibreMap() of a 5-pixel-wide horizontal bar is 5 px (25 µm at 5 µm/px) at the centre of its skeleton', () => {
  const bar = mask(40, 15, (r, c) => r >= 5 && r <= 9 && c >= 3 && c <= 36, 5);
  const m = localCalibreMap(bar);
  assert.equal(m.unit, 'um');
  assert.equal(m.values[7 * 40 + 20], 25);
  assert.ok(Number.isNaN(m.values[0]!));
  const fig = imageFigure({ data: Float32Array.from(bar.data), width: 40, height: 15, channels: 1 }, [
    { kind: 'map', values: m.values, width: 40, height: 15, colorscale: 'viridis', name: 'calibre (µm)' },
  ]);
  assert.equal((fig.data[1]!.z as (number | null)[][])[7]![20], 25);
});

test('skeletonNodes() of a one-pixel "T" finds 3 end points and a branch point at the junction', () => {
  const t = mask(11, 11, (r, c) => (r === 2 && c >= 1 && c <= 9) || (c === 5 && r >= 2 && r <= 9));
  const { end, branch } = skeletonNodes(t);
  const ends = [...end.data.keys()].filter((i) => end.data[i]).map((i) => [Math.floor(i / 11), i % 11]);
  assert.deepEqual(ends, [
    [2, 1],
    [2, 9],
    [9, 5],
  ]);
  assert.equal(branch.data[2 * 11 + 5], 1);
});
