import { test } from 'node:test';
import { fovCircle } from '../../src/preprocess/fovCircle.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthFundus } from '../../src/synth/fundus.js';
import { createRng } from '../../src/core/rng.js';
import { writeImage } from '../../src/io/writeImage.js';
import { readImage } from '../../src/io/readImage.js';

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/vesselprint.mjs', 'retina', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("vesselprint retina IMAGE --av-maps LABELS --out-dir DIR --json: the issue's fields and the four images", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-retina-cli-'));
  try {
    const s = synthFundus(createRng(5));
    const fov = Uint8Array.from(s.fovMask.data, (v) => v * 255);
    await writeImage(join(dir, 'img.png'), { ...s.image, spacingUm: undefined });
    await writeImage(join(dir, 'fov.png'), { data: fov, width: s.image.width, height: s.image.height, channels: 1 });
    await writeImage(join(dir, 'av.png'), { data: s.avLabel, width: s.image.width, height: s.image.height, channels: 1 });
    const out = join(dir, 'out');
    const r = cli(join(dir, 'img.png'), '--fov', join(dir, 'fov.png'), '--av-maps', join(dir, 'av.png'), '--out-dir', out, '--json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    for (const k of ['disc_row', 'disc_col', 'disc_radius_px', 'avr', 'n_arterioles_zone_b', 'n_venules_zone_b'])
      assert.equal(typeof j[k], 'number', k);
    // no spacing in the file and none given: µm values absent with a reason, AVR still there
    assert.equal(j.crae_um, null);
    assert.equal(typeof j.crae_um_absent_reason, 'string');
    for (const f of ['vessel_prob.tiff', 'vessels.png', 'av.png', 'overlay.png']) assert.ok(existsSync(join(out, f)), f);
    const av = await readImage(join(out, 'av.png'));
    assert.ok(av.data.every((v) => v === 0 || v === 1 || v === 2));
    const prob = await readImage(join(out, 'vessel_prob.tiff'));
    assert.ok(prob.data instanceof Float32Array);
    const withSpacing = cli(
      join(dir, 'img.png'),
      '--fov',
      join(dir, 'fov.png'),
      '--av-maps',
      join(dir, 'av.png'),
      '--spacing-um',
      String(s.spacingUm),
      '--out-dir',
      out,
      '--json',
    );
    assert.equal(typeof (JSON.parse(withSpacing.out) as Record<string, unknown>).crae_um, 'number');
    // another camera's disc/field ratio: the synthetic camera's (0.139) reads the generator's disc radius
    const base = [join(dir, 'img.png'), '--fov', join(dir, 'fov.png'), '--av-maps', join(dir, 'av.png'), '--out-dir', out, '--json'];
    const cam = cli(...base, '--disc-radius-fraction', '0.1389');
    assert.equal(cam.code, 0, cam.err);
    const R = (JSON.parse(cam.out) as Record<string, number>).disc_radius_px;
    assert.ok(Math.abs(R / s.disc.radius - 1) < 0.03, `R ${R} vs ${s.disc.radius}`);
    const bad = cli(...base, '--disc-radius-fraction', '0.7');
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /disc radius fraction must be in \(0, 0\.5\]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vesselprint retina IMAGE without --av-maps runs the shipped artery/vein CNN end to end and writes the four images; a vessel-only --model is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-retina-cnn-'));
  try {
    const s = synthFundus(createRng(5));
    await writeImage(join(dir, 'img.png'), { ...s.image, spacingUm: undefined });
    const out = join(dir, 'out');
    const r = cli(join(dir, 'img.png'), '--spacing-um', String(s.spacingUm), '--workers', '1', '--out-dir', out, '--json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    for (const k of ['disc_row', 'disc_col', 'disc_radius_px', 'n_arterioles_zone_b', 'n_venules_zone_b'])
      assert.equal(typeof j[k], 'number', k);
    for (const k of ['crae_um', 'crve_um', 'avr']) assert.ok(typeof j[k] === 'number' || typeof j[`${k}_absent_reason`] === 'string', k);
    // The shipped model carries an image-level A/V prior: applied, its shift reported.
    assert.equal(typeof j['av_balance_shift'], 'number');
    // ... and a calibrated width level: zone-B widths are measured on its vessel probability at that level
    assert.equal(j['width_method'], 'level');
    assert.equal(j['width_level'], 0.9);
    for (const f of ['vessel_prob.tiff', 'vessels.png', 'av.png', 'overlay.png']) assert.ok(existsSync(join(out, f)), f);
    const prob = await readImage(join(out, 'vessel_prob.tiff'));
    assert.equal(prob.width, s.image.width);
    assert.equal(prob.height, s.image.height);
    assert.ok(prob.data.every((v) => v >= 0 && v <= 1));
    // the CNN sees the drawn vessels: probability on the true vessels far above the background's
    let onV = 0,
      nV = 0,
      offV = 0,
      nO = 0;
    for (let k = 0; k < prob.data.length; k++) {
      if (!s.fovMask.data[k]) continue;
      if (s.vesselMask.data[k]) {
        onV += prob.data[k]!;
        nV++;
      } else {
        offV += prob.data[k]!;
        nO++;
      }
    }
    assert.ok(onV / nV > 2 * (offV / nO), `mean vessel probability ${onV / nV} on vessels vs ${offV / nO} off`);
    const av = await readImage(join(out, 'av.png'));
    assert.ok(av.data.every((v) => v === 0 || v === 1 || v === 2));
    assert.ok(av.data.some((v) => v === 1) && av.data.some((v) => v === 2), 'both arteries and veins labelled');
    // the CNN ran at the shipped model's training field of view (1632 px across); --no-scale-by-fov: its fixed factor 2
    const fc = fovCircle(s.fovMask)!;
    // (the CLI estimates the FOV from the image, slightly eroded: within 3 % of the drawn circle's)
    assert.ok(
      Math.abs((j['cnn_downsample'] as number) / ((2 * fc.radiusPx) / 1632) - 1) < 0.03,
      `cnn_downsample ${String(j['cnn_downsample'])}`,
    );
    const fixed = cli(
      join(dir, 'img.png'),
      '--spacing-um',
      String(s.spacingUm),
      '--no-scale-by-fov',
      '--av-relabel',
      'propagation',
      '--out-dir',
      join(dir, 'out-fixed'),
      '--json',
    );
    assert.equal(fixed.code, 0, fixed.err);
    assert.ok(Math.abs((JSON.parse(fixed.out) as Record<string, number>)['cnn_downsample']! - 2) < 0.01);
    // --av-relabel: segment-level relabelling, named in the record (default none)
    assert.equal(j['av_relabel'], 'none');
    assert.equal((JSON.parse(fixed.out) as Record<string, unknown>)['av_relabel'], 'propagation');
    // --tta: the CNN averaged over four flips — same fields, a different (averaged) probability map
    const outTta = join(dir, 'out-tta');
    // (with --no-av-balance: the CNN's own split, no shift; --width-method mask: the class mask's width)
    const t = cli(
      join(dir, 'img.png'),
      '--spacing-um',
      String(s.spacingUm),
      '--workers',
      '1',
      '--tta',
      '--no-av-balance',
      '--width-method',
      'mask',
      '--out-dir',
      outTta,
      '--json',
    );
    assert.equal(t.code, 0, t.err);
    assert.equal(typeof (JSON.parse(t.out) as Record<string, unknown>)['disc_row'], 'number');
    assert.equal((JSON.parse(t.out) as Record<string, unknown>)['av_balance_shift'], null);
    assert.equal((JSON.parse(t.out) as Record<string, unknown>)['width_method'], 'mask');
    assert.equal((JSON.parse(t.out) as Record<string, unknown>)['width_level'], null);
    const probTta = await readImage(join(outTta, 'vessel_prob.tiff'));
    let maxDiff = 0;
    for (let k = 0; k < prob.data.length; k++) maxDiff = Math.max(maxDiff, Math.abs(probTta.data[k]! - prob.data[k]!));
    assert.ok(maxDiff > 0.01 && probTta.data.every((v) => v >= 0 && v <= 1), `max |p_tta − p| ${maxDiff}`);
    const ttaLabels = cli(join(dir, 'img.png'), '--av-maps', join(dir, 'img.png'), '--tta', '--out-dir', outTta);
    assert.equal(ttaLabels.code, 2);
    assert.match(ttaLabels.err, /--tta averages the CNN over flips; with --av-maps no CNN runs/);
    const badWidth = cli(join(dir, 'img.png'), '--av-maps', join(dir, 'img.png'), '--width-method', 'edge', '--out-dir', outTta);
    assert.equal(badWidth.code, 2);
    assert.match(badWidth.err, /--width-method must be one of mask, level, profile; got "edge"/);
    const badRelabel = cli(join(dir, 'img.png'), '--av-maps', join(dir, 'img.png'), '--av-relabel', 'graph', '--out-dir', outTta);
    assert.equal(badRelabel.code, 2);
    assert.match(badRelabel.err, /--av-relabel must be one of none, propagation, classifier; got "graph"/);
    const vesselOnly = cli(join(dir, 'img.png'), '--model', 'src/segment/unet/pretrained/hrf-unet', '--out-dir', out, '--json');
    assert.notEqual(vesselOnly.code, 0);
    assert.match(vesselOnly.err, /not an artery\/vein model/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
