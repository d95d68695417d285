import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { fovMask, defaultFovCircle } from '../../src/synth/fovMask.js';
import { murraySplit } from '../../src/synth/murray.js';
import { renderVessels } from '../../src/synth/renderVessels.js';
import { growVesselTree } from '../../src/synth/vesselTree.js';
import { treeStats } from '../../src/synth/treeStats.js';
import type { VesselTree } from '../../src/synth/types.js';

test('fovMask(w, h, circle) is exactly the lattice disk of the requested radius', () => {
  for (const [w, h, circle] of [
    [101, 90, { row: 44.5, col: 50, radius: 40.3 }],
    [64, 64, { row: 31.5, col: 31.5, radius: 30 }],
  ] as const) {
    const m = fovMask(w, h, circle);
    let count = 0;
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const inside = (r - circle.row) ** 2 + (c - circle.col) ** 2 <= circle.radius ** 2;
        assert.equal(m.data[r * w + c], inside ? 1 : 0, `pixel (${r}, ${c})`);
        count += inside ? 1 : 0;
      }
    }
    // Gauss circle problem: the lattice count is πR² up to O(R) boundary terms.
    assert.ok(Math.abs(count - Math.PI * circle.radius ** 2) < 2 * Math.PI * circle.radius, `count ${count}`);
  }
});

test('defaultFovCircle(584, 565) is centred with radius 0.47 × 565', () => {
  assert.deepEqual(defaultFovCircle(584, 565), { row: 282, col: 291.5, radius: 0.47 * 565 });
});

test('murraySplit(r, k) conserves r³ and keeps the ratio k; symmetric split is 2^(-1/3)', () => {
  const [a, b] = murraySplit(1, 1);
  assert.ok(Math.abs(a - 2 ** (-1 / 3)) < 1e-12 && Math.abs(b - a) < 1e-12);
  for (const [r, k] of [
    [3, 0.4],
    [1.7, 0.75],
    [0.9, 0.95],
  ] as const) {
    const [r1, r2] = murraySplit(r, k);
    assert.ok(Math.abs(r1 ** 3 + r2 ** 3 - r ** 3) < 1e-12);
    assert.ok(Math.abs(r2 / r1 - k) < 1e-12);
  }
});

function straightTree(r0: number, c0: number, angle: number, length: number, radius: number): VesselTree {
  const n = Math.ceil(length / 1.5);
  const points = Array.from({ length: n + 1 }, (_, i) => ({
    row: r0 + ((length * i) / n) * Math.sin(angle),
    col: c0 + ((length * i) / n) * Math.cos(angle),
    radiusPx: radius,
  }));
  return { kind: 'artery', branches: [{ id: 0, parent: -1, kind: 'artery', order: 0, points, childAt: [] }] };
}

test('renderVessels: mask width of a straight vessel equals 2r (area / length over random positions and angles)', () => {
  const rng = createRng(11);
  for (const radius of [0.75, 1.5, 2.5, 4]) {
    let ratio = 0;
    const trials = 12;
    for (let t = 0; t < trials; t++) {
      const angle = rng.range(0, Math.PI);
      const length = 120;
      const r0 = 100 + rng.uniform() - 60 * Math.sin(angle),
        c0 = 100 + rng.uniform() - 60 * Math.cos(angle);
      const out = renderVessels([straightTree(r0, c0, angle, length, radius)], 200, 200);
      // Count only pixels whose projection falls inside the middle 100 px, away from the round caps.
      let n = 0;
      for (let r = 0; r < 200; r++) {
        for (let c = 0; c < 200; c++) {
          if (out.mask[r * 200 + c] === 0) continue;
          const along = (r - r0) * Math.sin(angle) + (c - c0) * Math.cos(angle);
          if (along >= 10 && along < 110) n++;
        }
      }
      ratio += n / 100 / trials;
    }
    assert.ok(Math.abs(ratio - 2 * radius) < 0.06 * 2 * radius + 0.05, `radius ${radius}: mean mask width ${ratio}`);
  }
});

test('renderVessels: without blur the cross-section is a Gaussian whose FWHM is the vessel width', () => {
  const radius = 3;
  const out = renderVessels([straightTree(50, 10, 0, 80, radius)], 100, 100, { psfSigmaPx: 0 });
  const at = (row: number): number => out.arteryProfile[row * 100 + 50]!;
  assert.ok(Math.abs(at(50) - 1) < 1e-6, `peak ${at(50)}`);
  assert.ok(Math.abs(at(53) - 0.5) < 1e-6, `half maximum at r: ${at(53)}`);
  assert.ok(Math.abs(at(47) - 0.5) < 1e-6);
  assert.equal(out.veinProfile[50 * 100 + 50], 0);
  assert.equal(out.label[50 * 100 + 50], 1);
});

test('renderVessels: blur keeps the profile area (amplitude σv/σe) and labels crossings 3', () => {
  const a = straightTree(50, 10, 0, 80, 1);
  const v: VesselTree = { ...straightTree(10, 50, Math.PI / 2, 80, 1), kind: 'vein' };
  v.branches[0]!.kind = 'vein';
  const out = renderVessels([a, v], 100, 100, { psfSigmaPx: 1 });
  const sv = 1 / Math.sqrt(2 * Math.log(2));
  assert.ok(Math.abs(out.arteryProfile[50 * 100 + 20]! - sv / Math.sqrt(sv * sv + 1)) < 1e-6);
  assert.equal(out.label[50 * 100 + 50], 3);
  assert.equal(out.label[50 * 100 + 20], 1);
  assert.equal(out.label[20 * 100 + 50], 2);
});

test("growVesselTree: every bifurcation obeys Murray's law r_p³ = r_1³ + r_2³", () => {
  const fov = { row: 250, col: 250, radius: 240 };
  const tree = growVesselTree(createRng(5), {
    kind: 'vein',
    start: { row: 250, col: 250 },
    headingRad: 0.3,
    radiusPx: 4,
    fov,
    spacingUm: 25,
    branchesPerMm: 1.5,
  });
  assert.ok(tree.branches.length > 5, `only ${tree.branches.length} branches`);
  let checked = 0;
  for (const b of tree.branches) {
    const children = tree.branches.filter((c) => c.parent === b.id);
    assert.equal(children.length, b.childAt.length);
    for (const [j, idx] of b.childAt.entries()) {
      const child = children[j]!;
      const rp = b.points[idx]!.radiusPx;
      const r1 = b.points[idx + 1]?.radiusPx;
      if (r1 === undefined) continue; // parent ended right at the split
      const r2 = child.points[0]!.radiusPx;
      assert.ok(Math.abs(r1 ** 3 + r2 ** 3 - rp ** 3) < 1e-9 * rp ** 3, `branch ${b.id} split ${j}`);
      assert.ok(r2 <= r1 + 1e-12, 'the child is the smaller daughter');
      checked++;
    }
    for (const p of b.points) assert.ok(Math.hypot(p.row - 250, p.col - 250) <= 242 + 1e-9);
  }
  assert.ok(checked > 3);
});

test('treeStats of a straight vessel: tortuosity 1, length and width exact; a semicircle has arc/chord π/2', () => {
  const s = treeStats([straightTree(10, 10, 0.4, 90, 2)]);
  assert.ok(Math.abs(s.tortuosityArcChord - 1) < 1e-9);
  assert.ok(Math.abs(s.lengthPx - 90) < 1e-9);
  assert.ok(Math.abs(s.widthMeanPx - 4) < 1e-12);
  assert.equal(s.bifurcationCount, 0);
  assert.equal(s.segmentCount, 1);
  const n = 400,
    R = 50;
  const points = Array.from({ length: n + 1 }, (_, i) => ({
    row: 100 + R * Math.sin((Math.PI * i) / n),
    col: 100 + R * Math.cos((Math.PI * i) / n),
    radiusPx: 1,
  }));
  const semi = treeStats([{ kind: 'vein', branches: [{ id: 0, parent: -1, kind: 'vein', order: 0, points, childAt: [] }] }]);
  assert.ok(Math.abs(semi.tortuosityArcChord - Math.PI / 2) < 1e-4, `${semi.tortuosityArcChord}`);
  assert.ok(Number.isNaN(semi.arteryWidthMeanPx));
});

test('growVesselTree: a wiggly straight course has arc/chord ≈ exp(σ²/2) (E[cos φ] of a normal deviation)', () => {
  for (const sigma of [0.15, 0.3, 0.45]) {
    const tree = growVesselTree(createRng(21), {
      kind: 'artery',
      start: { row: 0, col: 0 },
      headingRad: 0,
      radiusPx: 1,
      fov: { row: 0, col: 0, radius: 6000 },
      spacingUm: 25,
      tortuosityRad: sigma,
      wiggleCorrPx: 8,
      courseCurvatureSd: 0,
      branchesPerMm: 0,
      stepPx: 1,
    });
    assert.equal(tree.branches.length, 1);
    const s = treeStats([tree]);
    const expected = Math.exp((sigma * sigma) / 2);
    assert.ok(Math.abs(s.tortuosityArcChord - expected) < 0.01 * expected, `σ ${sigma}: ${s.tortuosityArcChord} vs ${expected}`);
  }
});

test('OccupancyGrid: blockedFor sees other owners in the 3x3 neighbouring cells, never self or parent', async () => {
  const { OccupancyGrid } = await import('../../src/synth/occupancy.js');
  const g = new OccupancyGrid(100, 100, 2);
  const a = g.newOwner(),
    b = g.newOwner(),
    c = g.newOwner();
  assert.deepEqual([a, b, c], [0, 1, 2]);
  g.mark(10, 10, a);
  assert.equal(g.blockedFor(10.5, 11, c, -1), true);
  assert.equal(g.blockedFor(13.9, 13.9, c, -1), true); // neighbouring cell (6, 6) of cell (5, 5)
  assert.equal(g.blockedFor(14.1, 10, c, -1), false); // two cells away
  assert.equal(g.blockedFor(10, 10, a, -1), false);
  assert.equal(g.blockedFor(10, 10, b, a), false);
  assert.equal(g.blockedFor(-50, 10, c, -1), false); // outside the grid
});

test("growVesselTree with a shared occupancy: a second tree's children stop where the first tree runs", async () => {
  const { OccupancyGrid } = await import('../../src/synth/occupancy.js');
  const fov = { row: 200, col: 200, radius: 190 };
  const occ = new OccupancyGrid(400, 400, 2);
  // A wall: a straight trunk along row 150.
  growVesselTree(createRng(1), {
    kind: 'artery',
    start: { row: 150, col: 20 },
    headingRad: 0,
    radiusPx: 2,
    fov,
    spacingUm: 25,
    tortuosityRad: 0,
    courseCurvatureSd: 0,
    branchesPerMm: 0,
    occupancy: occ,
  });
  // Below it, a tree heading up whose children fan out; none may get past the wall.
  const t = growVesselTree(createRng(2), {
    kind: 'artery',
    start: { row: 300, col: 200 },
    headingRad: -Math.PI / 2,
    radiusPx: 3,
    fov,
    spacingUm: 25,
    tortuosityRad: 0.1,
    courseCurvatureSd: 0,
    branchesPerMm: 3,
    childLengthPerRadius: [300, 300],
    occupancy: occ,
  });
  const children = t.branches.filter((b) => b.order > 0);
  assert.ok(children.length > 3);
  for (const b of children) for (const p of b.points) assert.ok(p.row > 145, `child ${b.id} reached row ${p.row}`);
  const trunk = growVesselTree(createRng(3), {
    kind: 'artery',
    start: { row: 300, col: 100 },
    headingRad: -Math.PI / 2,
    radiusPx: 3,
    fov,
    spacingUm: 25,
    tortuosityRad: 0,
    courseCurvatureSd: 0,
    branchesPerMm: 0,
    occupancy: occ,
  });
  assert.ok(
    trunk.branches[0]!.points.some((p) => p.row < 100),
    'a trunk is not stopped by the wall',
  );
});
