import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRetina } from '../../src/retina/analyzeRetina.js';
import { avMapsFromLabels } from '../../src/retina/avMapsFromLabels.js';
import type { Image2D, Mask2D } from '../../src/core/image.js';

const N = 400;
const DISC = { row: 200, col: 120 };

/** Paints a vein (label 2) of width `w` px along the straight line from (r0, c0) to (r1, c1). */
function paint(data: Uint8Array, [r0, c0]: readonly [number, number], [r1, c1]: readonly [number, number], w: number): void {
  const len = Math.hypot(r1 - r0, c1 - c0);
  for (let t = 0; t <= len; t += 0.25) {
    const r = r0 + ((r1 - r0) * t) / len,
      c = c0 + ((c1 - c0) * t) / len;
    for (let dr = -w; dr <= w; dr++)
      for (let dc = -w; dc <= w; dc++) {
        const rr = Math.round(r + dr),
          cc = Math.round(c + dc);
        if (Math.hypot(rr - r, cc - c) <= w / 2 && rr >= 0 && rr < N && cc >= 0 && cc < N) data[rr * N + cc] = 2;
      }
  }
}

test('craeCrve: a vein dividing twice around the middle circle of zone B is counted however the circle falls (no vessel lost between two junctions)', () => {
  // a 13 px trunk leaves the disc; 84 px out a 7 px side branch leaves it, 10 px further it splits into
  // two 10 px branches: the piece between the two junctions has no width sample away from them
  const data = new Uint8Array(N * N);
  const j1: [number, number] = [DISC.row, DISC.col + 84],
    j2: [number, number] = [DISC.row, DISC.col + 94];
  paint(data, [DISC.row, DISC.col + 10], j2, 13);
  paint(data, j1, [DISC.row - 120, DISC.col + 130], 7);
  paint(data, j2, [DISC.row - 90, DISC.col + 250], 10);
  paint(data, j2, [DISC.row + 90, DISC.col + 250], 10);
  const labels: Image2D = { data, width: N, height: N, channels: 1 };
  const image: Image2D = { data: new Uint8Array(N * N * 3).fill(90), width: N, height: N, channels: 3 };
  const fov: Mask2D = { data: new Uint8Array(N * N).fill(1), width: N, height: N };
  const maps = avMapsFromLabels(labels);
  const seen: string[] = [];
  // the middle circle (2.5 R) sweeps from 80 to 100 px from the disc centre, across both junctions
  for (let ring = 80; ring <= 100; ring += 0.5) {
    const a = analyzeRetina(image, maps, { fov, spacingUm: 1, disc: { ...DISC, radiusPx: ring / 2.5 } });
    const widths = a.calibre.vessels.filter((v) => v.kind === 'vein').map((v) => v.widthPx);
    seen.push(`${ring}: ${widths.map((w) => w.toFixed(1)).join(' ')}`);
    // the trunk (13 px) or its two branches (10 px) is always among them, besides the 7 px side branch
    assert.ok(Math.max(...widths) >= 9, `circle at ${ring} px: main vein lost (${seen.join('; ')})`);
  }
  // inside both junctions the trunk, between them the trunk and the side branch, beyond them the branches and the side branch
  assert.match(seen[0]!, /^80: 1[23]\.\d$/);
  assert.match(seen.at(-1)!, /^100: (\d+\.\d ?){3}$/);
});
