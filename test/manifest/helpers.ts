import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SCHEMA = {
  version: 1,
  covariates: {
    age: { type: 'numeric', scope: 'visit', unit: 'years', min: 18, max: 100 },
    sex: { type: 'categorical', scope: 'subject', levels: ['F', 'M'] },
    diabetes: { type: 'categorical', scope: 'subject', levels: ['0', '1'] },
    sbp: { type: 'numeric', scope: 'visit', unit: 'mmHg' },
  },
};

export const HEADER = 'subject_id,image_id,image_path,modality,eye,site,visit,pixel_spacing_um,fov_mask_path,split,age,sex,diabetes,sbp';
export const GOOD_ROWS = [
  'S01,S01_OD_v1,img/S01_OD.png,fundus,OD,,baseline,6.5,img/S01_OD_fov.png,train,54,F,0,121',
  'S01,S01_OS_v1,img/S01_OS.png,fundus,OS,,baseline,6.5,,train,54,F,0,121',
  'S01,S01_NF_v1,img/S01_NF.png,skin,,nailfold,baseline,1.2,,train,54,F,0,121',
  'S02,S02_OD_v1,img/S02_OD.png,fundus,OD,,baseline,,,test,61.5,M,1,NA',
  'S02,S02_OD_v2,img/S02_OD_2.png,fundus,OD,,1,,,test,63,M,1,140',
];

/** A temp folder with `img/` holding every file the good rows name (contents do not matter to validate). */
export function cohortDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vp-manifest-'));
  mkdirSync(join(dir, 'img'));
  for (const f of ['S01_OD', 'S01_OD_fov', 'S01_OS', 'S01_NF', 'S02_OD', 'S02_OD_2']) writeFileSync(join(dir, 'img', `${f}.png`), 'x');
  return dir;
}

export function writeManifestFiles(dir: string, name: string, lines: string[], schema: unknown = SCHEMA): string {
  // pass null for "no schema file"
  const p = join(dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  if (schema !== null) writeFileSync(`${p}.schema.json`, JSON.stringify(schema));
  return p;
}
