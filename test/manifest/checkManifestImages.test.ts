import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeImage } from '../../src/io/writeImage.js';
import { validateManifest } from '../../src/manifest/validateManifest.js';
import { checkManifestImages } from '../../src/manifest/checkManifestImages.js';
import { runCli } from './runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'vp-manifest-images-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('checkManifestImages reports an undecodable image and a mask whose size differs from its image, nothing else', async () => {
  mkdirSync(join(dir, 'img'));
  const grey = (w: number, h: number) => ({ data: new Uint8Array(w * h).fill(7), width: w, height: h, channels: 1 });
  await writeImage(join(dir, 'img', 'a.png'), grey(8, 6));
  await writeImage(join(dir, 'img', 'a_fov.png'), grey(8, 6));
  await writeImage(join(dir, 'img', 'a_ves.png'), grey(6, 8)); // transposed: wrong size
  writeFileSync(join(dir, 'img', 'b.png'), 'not an image');
  await writeImage(join(dir, 'img', 'c.tif'), { data: new Float32Array(12), width: 4, height: 3, channels: 1 });
  const p = join(dir, 'm.csv');
  writeFileSync(
    p,
    [
      'subject_id,image_id,image_path,modality,eye,visit,fov_mask_path,vessel_mask_path',
      'S1,a,img/a.png,fundus,OD,1,img/a_fov.png,img/a_ves.png',
      'S2,b,img/b.png,fundus,OD,1,,',
      'S3,c,img/c.tif,fundus,OS,1,,img/missing.png',
    ].join('\n'),
  );
  writeFileSync(`${p}.schema.json`, JSON.stringify({ version: 1, covariates: {} }));
  const v = validateManifest(p);
  assert.deepEqual(
    v.problems.map((x) => `${x.row}|${x.column}|${x.code}`),
    ['3|vessel_mask_path|MISSING_FILE'],
  );
  const deep = await checkManifestImages(v);
  assert.deepEqual(
    deep.map((x) => `${x.row}|${x.column}|${x.code}`),
    ['1|vessel_mask_path|MASK_SIZE_MISMATCH', '2|image_path|IMAGE_UNREADABLE'],
  );
  assert.match(deep[0]!.message, /mask is 6x8 px but the image is 8x6 px/);
  assert.match(deep[1]!.message, /UNSUPPORTED_FORMAT/);
  const cli = await runCli(['validate', '--images', p]);
  assert.equal(cli.status, 1);
  assert.equal(cli.stdout.trim().split('\n').length, 3);
});

test('av_mask_path is a standard column: checked to exist, to match its image in size, and refused on skin rows', async () => {
  const sub = join(dir, 'av');
  mkdirSync(sub);
  const grey = (w: number, h: number) => ({ data: new Uint8Array(w * h).fill(1), width: w, height: h, channels: 1 });
  await writeImage(join(sub, 'a.png'), grey(8, 6));
  await writeImage(join(sub, 'a_av.png'), grey(8, 6));
  await writeImage(join(sub, 'b.png'), grey(8, 6));
  await writeImage(join(sub, 'b_av.png'), grey(8, 5)); // one row short
  await writeImage(join(sub, 's.png'), grey(8, 6));
  const p = join(sub, 'm.csv');
  writeFileSync(
    p,
    [
      'subject_id,image_id,image_path,modality,eye,site,visit,av_mask_path',
      'S1,a,a.png,fundus,OD,,1,a_av.png',
      'S2,b,b.png,fundus,OD,,1,b_av.png',
      'S3,c,b.png,fundus,OS,,1,missing_av.png',
      'S4,s,s.png,skin,,nailfold,1,a_av.png',
    ].join('\n'),
  );
  writeFileSync(`${p}.schema.json`, JSON.stringify({ version: 1, covariates: {} }));
  const v = validateManifest(p);
  assert.deepEqual(
    v.problems.map((x) => `${x.row}|${x.column}|${x.code}`),
    ['3|av_mask_path|MISSING_FILE', '4|av_mask_path|AV_MASK_NOT_FUNDUS'],
  );
  assert.equal(v.rows[0]!.av_mask_path, 'a_av.png');
  const deep = await checkManifestImages(v);
  assert.deepEqual(
    deep.map((x) => `${x.row}|${x.column}|${x.code}`),
    ['2|av_mask_path|MASK_SIZE_MISMATCH'],
  );
});
