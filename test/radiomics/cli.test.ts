import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeImage } from '../../src/io/writeImage.js';
import { phantom, ref2d, round3 } from './phantom.js';
import { runRadiomics, type RadiomicsCliOptions } from '../../src/cli/commands/radiomics.js';
import { isVesselprintError } from '../../src/core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'vp-radiomics-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real program in a child process (end to end, once: the start costs seconds). */
function spawnCli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/vesselprint.mjs', 'radiomics', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the command's work in this process: output text, or the VesselprintError code and message. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const [image, ...rest] = args;
  const opts: RadiomicsCliOptions = { mask: '' };
  for (let k = 0; k < rest.length; k++) {
    const a = rest[k]!;
    if (a === '--json') opts.json = true;
    else if (a === '--mask') opts.mask = rest[++k]!;
    else if (a === '--discretization') opts.discretization = rest[++k]!;
    else if (a === '--families') opts.families = rest[++k]!;
    else if (a === '--filter') opts.filter = rest[++k]!;
    else throw new Error(`test helper: unknown option ${a}`);
  }
  try {
    return { code: 0, stdout: await runRadiomics(image!, opts), stderr: '' };
  } catch (e) {
    if (!isVesselprintError(e)) throw e;
    return { code: 2, stdout: '', stderr: `[${e.code}]: ${e.message}` };
  }
}

interface Row {
  family: string;
  name: string;
  ibsi_code: string;
  aggregation: string | null;
  value: number | null;
}

test('runRadiomics (vesselprint radiomics) SLICE --mask MASK --discretization none --json: averaged over the 4 phantom slices gives the IBSI 2D values', async () => {
  const perSlice: Row[][] = [];
  for (let z = 0; z < 4; z++) {
    const img = phantom.image[z]!,
      m = phantom.mask[z]!;
    const h = img.length,
      w = img[0]!.length;
    await writeImage(join(dir, `s${z}.png`), { data: Uint8Array.from(img.flat()), width: w, height: h, channels: 1 });
    await writeImage(join(dir, `m${z}.png`), { data: Uint8Array.from(m.flat().map((x) => 255 * x)), width: w, height: h, channels: 1 });
    const r = await cli([
      join(dir, `s${z}.png`),
      '--mask',
      join(dir, `m${z}.png`),
      '--discretization',
      'none',
      '--families',
      'glcm,glrlm,glszm,gldzm,ngtdm,ngldm',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    perSlice.push(JSON.parse(r.stdout) as Row[]);
  }
  const rows = perSlice[0]!;
  for (const row of rows) assert.deepEqual(Object.keys(row), ['family', 'name', 'ibsi_code', 'aggregation', 'value']);
  let checked = 0;
  for (const ref of ref2d.features_2d) {
    const idx = rows.findIndex((r) => r.ibsi_code === ref.code && r.aggregation === ref.aggregation_code);
    assert.ok(idx >= 0, `${ref.code} ${ref.aggregation_code} missing from the CLI output`);
    const mean = perSlice.reduce((s, rs) => s + rs[idx]!.value!, 0) / 4;
    assert.ok(
      Math.abs(round3(mean) - ref.value) <= 1e-9 * Math.max(1, Math.abs(ref.value)),
      `${ref.mirp_csv_tag}: ${mean} vs ${ref.value}`,
    );
    checked++;
  }
  assert.equal(checked, 136);
});

test('runRadiomics (vesselprint radiomics): IVH rows carry the specific codes (NK6P for V10) and whole-ROI rows aggregation null', async () => {
  const r = await cli([join(dir, 's0.png'), '--mask', join(dir, 'm0.png'), '--families', 'ivh,stat', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Row[];
  assert.ok(rows.some((x) => x.family === 'ivh' && x.ibsi_code === 'NK6P'));
  assert.ok(rows.every((x) => x.aggregation === null));
});

test('runRadiomics (vesselprint radiomics) reports bad options, a missing mask file and a mask of another size as VesselprintErrors (exit code 2)', async () => {
  let r = await cli([join(dir, 's0.png'), '--mask', join(dir, 'm0.png'), '--discretization', 'fbn:0']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /discretization/);
  r = await cli([join(dir, 's0.png'), '--mask', join(dir, 'missing.png')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /FILE_NOT_FOUND.*missing\.png/);
  await writeImage(join(dir, 'big.png'), { data: new Uint8Array(100).fill(1), width: 10, height: 10, channels: 1 });
  r = await cli([join(dir, 's0.png'), '--mask', join(dir, 'big.png')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /SHAPE_MISMATCH/);
  await writeImage(join(dir, 'empty.png'), { data: new Uint8Array(20), width: 5, height: 4, channels: 1 });
  r = await cli([join(dir, 's0.png'), '--mask', join(dir, 'empty.png')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /EMPTY_INPUT.*ROI is empty/);
  r = await cli([join(dir, 's0.png'), '--mask', join(dir, 'm0.png'), '--filter', 'wavelet:sym9:1']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /filter/);
});

test('vesselprint radiomics (spawned bin/vesselprint.mjs) on an RGB image uses the green channel by default', async () => {
  const w = 5,
    h = 4,
    rgb = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) {
    rgb[3 * i] = 200;
    rgb[3 * i + 1] = 10 + i;
    rgb[3 * i + 2] = 50;
  }
  await writeImage(join(dir, 'rgb.png'), { data: rgb, width: w, height: h, channels: 3 });
  await writeImage(join(dir, 'full.png'), { data: new Uint8Array(w * h).fill(1), width: w, height: h, channels: 1 });
  const r = spawnCli([join(dir, 'rgb.png'), '--mask', join(dir, 'full.png'), '--families', 'stat', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const mean = (JSON.parse(r.stdout) as Row[]).find((x) => x.name === 'mean')!.value;
  assert.equal(mean, 10 + (w * h - 1) / 2);
});

test('radiomics --spacing-um gives morphology in mm² (a 10x10 px square at 10 µm is 0.01 mm²); without a pixel size it warns that morphology is in px²', async () => {
  const W = 32;
  const img = new Uint8Array(W * W).map((_, i) => (i * 37) % 251);
  const m = new Uint8Array(W * W);
  for (let r = 8; r < 18; r++) for (let c = 8; c < 18; c++) m[r * W + c] = 255;
  await writeImage(join(dir, 'nospacing.png'), { data: img, width: W, height: W, channels: 1 });
  await writeImage(join(dir, 'square.png'), { data: m, width: W, height: W, channels: 1 });
  const area = (json: string): number =>
    (JSON.parse(json) as { name: string; value: number }[]).find((r) => r.name === 'area_pixel_count')!.value;
  const warnings: string[] = [];
  const px = await runRadiomics(join(dir, 'nospacing.png'), { mask: join(dir, 'square.png'), families: 'morph', json: true }, (w) =>
    warnings.push(w),
  );
  assert.equal(area(px), 100);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /no pixel size: morphology features are in pixels \(px, px²\), not mm; give --spacing-um/);
  const quiet: string[] = [];
  const mm = await runRadiomics(
    join(dir, 'nospacing.png'),
    { mask: join(dir, 'square.png'), families: 'morph', json: true, spacingUm: '10' },
    (w) => quiet.push(w),
  );
  assert.ok(Math.abs(area(mm) - 100 * 0.01 ** 2) < 1e-12, `area ${area(mm)}`);
  assert.deepEqual(quiet, []);
  await assert.rejects(
    runRadiomics(join(dir, 'nospacing.png'), { mask: join(dir, 'square.png'), spacingUm: '-1' }),
    /--spacing-um: expected a positive number, got "-1"/,
  );
});
