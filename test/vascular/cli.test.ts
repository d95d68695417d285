import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeImage } from '../../src/io/writeImage.js';
import type { Mask2D } from '../../src/core/image.js';
import { maskFrom } from './shapes.js';

const REQUIRED = [
  'vessel_area_fraction',
  'vessel_length_density_mm_per_mm2',
  'fractal_dimension_box',
  'fractal_dimension_box_skeleton',
  'tortuosity_arc_chord',
  'tortuosity_density',
  'branch_point_count',
  'end_point_count',
  'branch_point_density_per_mm2',
  'segment_count',
  'vessel_width_mean_um',
  'vessel_width_sd_um',
  'branching_angle_mean_deg',
];
const SKIN = ['capillary_count', 'capillary_density_per_mm2', 'intercapillary_distance_mean_um'];

async function savePng(dir: string, name: string, m: Mask2D): Promise<string> {
  const p = join(dir, name);
  await writeImage(p, { data: m.data.map((v) => v * 255), width: m.width, height: m.height, channels: 1 });
  return p;
}
function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/vesselprint.mjs', 'fingerprint', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("vesselprint fingerprint BAR.png --spacing-um 10 --json prints the required keys with the bar's values", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-fp-'));
  try {
    const bar = await savePng(
      dir,
      'bar.png',
      maskFrom(200, 60, (r, c) => r >= 20 && r < 27 && c >= 20 && c < 180),
    );
    const r = cli(bar, '--spacing-um', '10', '--json', '--out', join(dir, 'fp.json'));
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as Record<string, number | string | null>;
    for (const k of REQUIRED) assert.ok(k in j, `missing key ${k}`);
    assert.equal(j.vessel_width_mean_um, 70);
    assert.equal(j.tortuosity_arc_chord, 1);
    assert.equal(j.branch_point_count, 0);
    assert.equal(j.segment_count, 1);
    assert.equal(j.vessel_area_fraction, (7 * 160) / (200 * 60));
    assert.ok(Math.abs((j.vessel_length_density_mm_per_mm2 as number) - 1.595 / 1.2) < 0.01);
    assert.equal(j.branching_angle_mean_deg, null);
    assert.equal(typeof j.crae_um_absent_reason, 'string');
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'fp.json'), 'utf8')), j);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vesselprint fingerprint --modality skin adds the capillary keys; --fov restricts the field of view', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-fp-'));
  try {
    const dots = await savePng(
      dir,
      'dots.png',
      maskFrom(100, 100, (r, c) => Math.hypot((r % 25) - 12, (c % 25) - 12) < 4),
    );
    const fov = await savePng(
      dir,
      'fov.png',
      maskFrom(100, 100, (r) => r < 50),
    );
    const r = cli(dots, '--spacing-um', '5', '--modality', 'skin', '--fov', fov, '--json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as Record<string, number | null>;
    for (const k of SKIN) assert.ok(k in j, `missing key ${k}`);
    assert.equal(j.capillary_count, 8);
    assert.ok(Math.abs(j.capillary_density_per_mm2! - 8 / (100 * 50 * 25e-6)) < 1e-9);
    assert.ok(Math.abs(j.intercapillary_distance_mean_um! - 125) < 1e-6);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vesselprint fingerprint exits 2 with a clear message for missing spacing, bad modality and a FOV of another size', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-fp-'));
  try {
    const m = await savePng(
      dir,
      'm.png',
      maskFrom(40, 30, (r) => r === 15),
    );
    const small = await savePng(
      dir,
      'small.png',
      maskFrom(10, 10, () => true),
    );
    let r = cli(m, '--json');
    assert.equal(r.code, 2);
    assert.match(r.err, /m\.png: field --spacing-um: the mask file carries no pixel spacing/);
    r = cli(m, '--spacing-um', '10', '--modality', 'oct');
    assert.equal(r.code, 2);
    assert.match(r.err, /expected one of "fundus", "skin", got "oct"/);
    r = cli(m, '--spacing-um', '-3');
    assert.equal(r.code, 2);
    assert.match(r.err, /--spacing-um: expected a positive number/);
    r = cli(m, '--spacing-um', '10', '--fov', small);
    assert.equal(r.code, 2);
    assert.match(r.err, /FOV is 10x10 but the mask is 40x30/);
    r = cli(join(dir, 'missing.png'), '--spacing-um', '10');
    assert.equal(r.code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
