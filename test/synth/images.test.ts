import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { synthFundus, fundusSpacingUm } from '../../src/synth/fundus.js';
import { synthSkin, capillaryCountFor } from '../../src/synth/skin.js';
import { isVesselprintError } from '../../src/core/errors.js';

/** Independent component labelling (breadth-first search, 8-connectivity): number of components. */
function countComponents8(mask: Uint8Array, w: number, h: number): number {
  const seen = new Uint8Array(mask.length);
  let n = 0;
  const stack: number[] = [];
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0 || seen[i]) continue;
    n++;
    seen[i] = 1;
    stack.push(i);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const r = Math.floor(p / w),
        c = p % w;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr,
            cc = c + dc;
          if (rr < 0 || cc < 0 || rr >= h || cc >= w) continue;
          const q = rr * w + cc;
          if (mask[q] !== 0 && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
  }
  return n;
}

const fundus = synthFundus(createRng(3));

test('synthFundus() is 584x565 RGB at ≈ 24.4 µm/px (45° field over the FOV diameter)', () => {
  const { image, fov } = fundus;
  assert.equal(image.width, 584);
  assert.equal(image.height, 565);
  assert.equal(image.channels, 3);
  assert.equal(image.data.length, 584 * 565 * 3);
  assert.ok(Math.abs(fundus.spacingUm - (45 * 288) / (2 * fov.radius)) < 1e-12);
  assert.ok(Math.abs(fundusSpacingUm(45, 530) - 24.45) < 0.01);
  // fovRadiusPx: the FOV mask is the lattice disk of that radius about the image centre.
  const f = synthFundus(createRng(2), { width: 200, height: 180, fovRadiusPx: 77.5 });
  for (let r = 0; r < 180; r++) {
    for (let c = 0; c < 200; c++) {
      assert.equal(f.fovMask.data[r * 200 + c], (r - 89.5) ** 2 + (c - 99.5) ** 2 <= 77.5 ** 2 ? 1 : 0);
    }
  }
  assert.ok(Math.abs(f.spacingUm - (45 * 288) / 155) < 1e-12);
});

test('synthFundus(): vessel mask and A/V labels lie inside the FOV and agree with each other', () => {
  const { vesselMask, fovMask, avLabel } = fundus;
  let vessels = 0;
  for (let i = 0; i < vesselMask.data.length; i++) {
    if (vesselMask.data[i]) assert.equal(fovMask.data[i], 1);
    assert.equal(vesselMask.data[i] === 1, avLabel[i] !== 0);
    vessels += vesselMask.data[i]!;
  }
  const frac = vessels / fovMask.data.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(frac - fundus.truth.vessel_area_fraction) < 1e-12);
  assert.ok(frac > 0.05 && frac < 0.25, `vessel area fraction ${frac} (DRIVE manual masks: ≈ 0.12)`);
});

test('synthFundus(): vessels are darker than the nearby background in green; dark outside the FOV; bright disc', () => {
  const { image, vesselMask, fovMask, disc } = fundus;
  const w = image.width,
    h = image.height;
  const g = (i: number): number => image.data[i * 3 + 1]!;
  // Background: FOV pixels within 6 px of a vessel but not on one.
  let vs = 0,
    vn = 0,
    bs = 0,
    bn = 0,
    outside = 0,
    outsideN = 0;
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const i = r * w + c;
      if (!fovMask.data[i]) {
        outside = Math.max(outside, image.data[i * 3]!, g(i));
        outsideN++;
        continue;
      }
      if (Math.hypot(r - disc.row, c - disc.col) < disc.radius * 1.5) continue;
      if (vesselMask.data[i]) {
        vs += g(i);
        vn++;
        continue;
      }
      let near = false;
      for (let d = -6; d <= 6 && !near; d += 2) {
        for (let e = -6; e <= 6 && !near; e += 2) {
          const rr = r + d,
            cc = c + e;
          if (rr >= 0 && cc >= 0 && rr < h && cc < w && vesselMask.data[rr * w + cc]) near = true;
        }
      }
      if (near) {
        bs += g(i);
        bn++;
      }
    }
  }
  assert.ok(vs / vn < 0.85 * (bs / bn), `vessel green ${vs / vn} vs background ${bs / bn}`);
  assert.ok(outside <= 12 && outsideN > 0, `max outside the FOV ${outside}`);
  const dc = Math.round(disc.row) * w + Math.round(disc.col);
  assert.ok(g(dc) > 1.5 * (bs / bn), 'optic disc brighter than the background');
});

test("synthFundus(): the trunks' mask width near the disc matches the requested width", () => {
  const f = synthFundus(createRng(8), { arteryWidthUm: 120, veinWidthUm: 170, branchesPerMm: 0.3 });
  const w = f.image.width;
  const widths: Record<string, number[]> = { artery: [], vein: [] };
  for (const tree of f.trees) {
    const trunk = tree.branches[0]!;
    // Up to the first bifurcation the trunk has its initial radius.
    const end = trunk.childAt.length > 0 ? trunk.childAt[0]! : trunk.points.length - 1;
    const r0 = trunk.points[0]!.radiusPx;
    for (let i = 2; i < end - 2; i += 3) {
      const p = trunk.points[i]!,
        q = trunk.points[i + 1]!;
      if (Math.hypot(p.row - f.disc.row, p.col - f.disc.col) < 1.5 * f.disc.radius) continue;
      const len = Math.hypot(q.row - p.row, q.col - p.col);
      const nr = -(q.col - p.col) / len,
        nc = (q.row - p.row) / len;
      // Mask run length along the normal, sampled at 0.05 px.
      let run = 0;
      for (let t = -3 * r0 - 3; t <= 3 * r0 + 3; t += 0.05) {
        const rr = Math.round(p.row + t * nr),
          cc = Math.round(p.col + t * nc);
        if (f.vesselMask.data[rr * w + cc]) run += 0.05;
      }
      if (run < 4 * r0) widths[tree.kind]!.push(run / (2 * r0)); // skip samples at crossings
    }
  }
  for (const kind of ['artery', 'vein']) {
    const v = widths[kind]!.sort((a, b) => a - b);
    assert.ok(v.length > 10, `${kind}: ${v.length} samples`);
    const median = v[Math.floor(v.length / 2)]!;
    assert.ok(Math.abs(median - 1) < 0.15, `${kind}: median measured / requested width ${median}`);
  }
  const requested = 120 / f.spacingUm / 2;
  const arteryTrunks = f.trees.filter((t) => t.kind === 'artery').map((t) => t.branches[0]!.points[0]!.radiusPx);
  assert.ok(
    arteryTrunks.some((r) => Math.abs(r - requested) < 1e-9),
    'temporal artery trunks start at the requested width',
  );
});

test('synthFundus(): realised tortuosity rises with the tortuosity parameter; eyes mirror the disc', () => {
  const mean = (tort: number): number => {
    let s = 0;
    for (const seed of [1, 2, 3])
      s += synthFundus(createRng(seed), { width: 292, height: 282, tortuosityRad: tort }).truth.tortuosity_arc_chord;
    return s / 3;
  };
  const t0 = mean(0.05),
    t1 = mean(0.2),
    t2 = mean(0.4);
  assert.ok(t0 < t1 && t1 < t2, `${t0} ${t1} ${t2}`);
  assert.ok(t0 >= 1 && t0 < 1.05);
  const od = synthFundus(createRng(1), { width: 292, height: 282, eye: 'OD' });
  const os = synthFundus(createRng(1), { width: 292, height: 282, eye: 'OS' });
  assert.ok(od.disc.col > od.fovea.col && os.disc.col < os.fovea.col);
});

test('synthFundus() rejects a tiny size and a non-positive width with BAD_ARGUMENT', () => {
  assert.throws(
    () => synthFundus(createRng(1), { width: 10, height: 10 }),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /size/.test(e.message),
  );
  assert.throws(
    () => synthFundus(createRng(1), { arteryWidthUm: 0 }),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /arteryWidthUm/.test(e.message),
  );
});

test('synthSkin(): the mask has exactly round(density × area) capillaries, one 8-connected component each', () => {
  for (const [density, w, h, sp] of [
    [30, 400, 300, 2.5],
    [70, 512, 512, 2.5],
    [110, 512, 384, 2],
    [0, 64, 64, 2.5],
  ] as const) {
    const s = synthSkin(createRng(density), { densityPerMm2: density, width: w, height: h, spacingUm: sp });
    const expected = Math.round(density * ((w * sp) / 1000) * ((h * sp) / 1000));
    assert.equal(capillaryCountFor(density, w, h, sp), expected);
    assert.equal(s.truth.capillary_count, expected);
    assert.equal(countComponents8(s.capillaryMask.data, w, h), expected, `density ${density}`);
    assert.ok(Math.abs(s.truth.capillary_density_per_mm2 - expected / (((w * sp) / 1000) * ((h * sp) / 1000))) < 1e-9);
    for (let i = 0; i < s.labels.length; i++) assert.equal(s.labels[i] !== 0, s.capillaryMask.data[i] === 1);
  }
});

test('synthSkin(): capillaries are darker than the skin in green; both views occur; diameters as requested', () => {
  const s = synthSkin(createRng(4), { densityPerMm2: 80, capillaryDiameterUm: 12 });
  let cs = 0,
    cn = 0,
    bs = 0,
    bn = 0;
  for (let i = 0; i < s.labels.length; i++) {
    if (s.labels[i]) {
      cs += s.image.data[i * 3 + 1]!;
      cn++;
    } else {
      bs += s.image.data[i * 3 + 1]!;
      bn++;
    }
  }
  assert.ok(cs / cn < 0.8 * (bs / bn), `capillary green ${cs / cn} vs skin ${bs / bn}`);
  const views = new Set(s.capillaries.map((c) => c.view));
  assert.deepEqual([...views].sort(), ['end-on', 'side-on']);
  assert.ok(Math.abs(s.truth.capillary_diameter_mean_um / 12 - 1) < 0.05);
  assert.equal(s.image.spacingUm, 2.5);
  // Nearest-neighbour distance of uniformly scattered points ≈ 0.5 / √density (Clark & Evans 1954), a bit more with the exclusion gap.
  const poisson = (0.5 / Math.sqrt(80)) * 1000;
  assert.ok(
    s.truth.intercapillary_distance_mean_um > 0.8 * poisson && s.truth.intercapillary_distance_mean_um < 1.5 * poisson,
    `${s.truth.intercapillary_distance_mean_um} vs ${poisson}`,
  );
});

test('synthSkin() refuses a density that cannot fit, naming densityPerMm2', () => {
  assert.throws(
    () => synthSkin(createRng(1), { width: 64, height: 64, densityPerMm2: 3000 }),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT') && e.field === 'densityPerMm2',
  );
});
