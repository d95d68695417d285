import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateManifest } from '../../src/manifest/validateManifest.js';
import { loadManifest } from '../../src/manifest/loadManifest.js';
import { writeManifest } from '../../src/manifest/writeManifest.js';
import { formatProblem } from '../../src/manifest/problems.js';
import type { ManifestSchema } from '../../src/manifest/schema.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { GOOD_ROWS, HEADER, SCHEMA, cohortDir, writeManifestFiles } from './helpers.js';

const dir = cohortDir();
after(() => rmSync(dir, { recursive: true, force: true }));

const key = (p: { row?: number; column?: string; code: string }): string => `${p.row ?? '-'}|${p.column ?? '-'}|${p.code}`;

test('validateManifest(good CSV with schema) finds no problem and types the covariates', () => {
  const v = validateManifest(writeManifestFiles(dir, 'good.csv', [HEADER, ...GOOD_ROWS]));
  assert.deepEqual(v.problems.map(formatProblem), []);
  assert.equal(v.valid, true);
  assert.equal(v.schemaInferred, false);
  assert.equal(v.rows.length, 5);
  assert.deepEqual(v.rows[0], {
    row: 1,
    subject_id: 'S01',
    image_id: 'S01_OD_v1',
    image_path: 'img/S01_OD.png',
    modality: 'fundus',
    eye: 'OD',
    visit: 'baseline',
    pixel_spacing_um: 6.5,
    fov_mask_path: 'img/S01_OD_fov.png',
    split: 'train',
    covariates: { age: 54, sex: 'F', diabetes: '0', sbp: 121 },
  });
  assert.equal(v.rows[2]!.site, 'nailfold');
  assert.equal(v.rows[3]!.covariates.sbp, null, 'NA is a missing value');
});

test('validateManifest(hand-broken CSV) reports every planted problem, each with its row and column, and nothing else', () => {
  const lines = [
    HEADER,
    GOOD_ROWS[0]!,
    'S01,S01_OD_v1,img/S01_OS.png,fundus,OD,,baseline,6.5,,train,54,M,0,121', // 2: duplicate image_id; sex disagrees with row 1
    'S03,S03_OD,img/missing.png,retina,OD,,baseline,,,train,abc,F,0,120', // 3: missing file; unknown modality; age non-numeric
    'S04,S04_OD,img/S02_OD.png,fundus,XX,,baseline,-2,,holdout,150,X,0,130', // 4: bad eye; bad spacing; bad split; age out of range; unknown level
    'S02,S02_OD_v1,img/S02_OD.png,fundus,OD,,baseline,,,test,61.5,M,1,NA',
    'S02,S02_OS_v1,img/S02_OD_2.png,fundus,OS,,baseline,,,train,61.5,M,1,140', // 6: subject in two splits
    'S05,,img/S02_OD.png,skin,,,baseline,,,,40,F,0,118', // 7: empty image_id; skin without site
    'S06,S06_OD,img/S02_OD.png,fundus,OD,,baseline,,,,40,F', // 8: ragged row
    'S06,S06_OS,img/S02_OD.png,fundus,OS,,baseline,,,,41,F,0,118', // 9: age (visit-scoped) disagrees within S06/baseline
  ];
  const v = validateManifest(writeManifestFiles(dir, 'broken.csv', lines));
  const expected = [
    '2|image_id|DUPLICATE_IMAGE_ID',
    '2|sex|FIXED_COVARIATE_DISAGREES',
    '3|image_path|MISSING_FILE',
    '3|modality|UNKNOWN_MODALITY',
    '3|age|NON_NUMERIC',
    '4|eye|BAD_EYE',
    '4|pixel_spacing_um|BAD_SPACING',
    '4|split|BAD_SPLIT',
    '4|age|OUT_OF_RANGE',
    '4|sex|UNKNOWN_LEVEL',
    '6|split|SUBJECT_IN_SEVERAL_SPLITS',
    '7|image_id|EMPTY_VALUE',
    '7|site|EMPTY_VALUE',
    '8|-|ROW_LENGTH',
    '9|age|FIXED_COVARIATE_DISAGREES',
  ];
  assert.deepEqual(v.problems.map(key).sort(), expected.sort(), v.problems.map(formatProblem).join('\n'));
  assert.equal(v.valid, false);
  const lines2 = v.problems.map(formatProblem);
  assert.ok(lines2.every((l) => l.startsWith(join(dir, 'broken.csv'))));
  assert.ok(lines2.includes(`${join(dir, 'broken.csv')}: row 3: column age: expected a number, got "abc"`), lines2.join('\n'));
  assert.ok(
    lines2.some((l) => /row 2: column sex: sex is fixed per subject, but subject S01 has "M" here and "F" in row 1/.test(l)),
    lines2.join('\n'),
  );
});

test('validateManifest(CSV missing required columns) names each missing column', () => {
  const v = validateManifest(
    writeManifestFiles(dir, 'nocols.csv', ['subject_id,image_path,eye', 'S01,img/S01_OD.png,OD'], { version: 1, covariates: {} }),
  );
  assert.deepEqual(
    v.problems
      .filter((p) => p.code === 'MISSING_COLUMN')
      .map((p) => p.column)
      .sort(),
    ['image_id', 'modality', 'visit'],
  );
});

test('validateManifest(JSON manifest) gives the same rows as the equivalent CSV', () => {
  const csv = validateManifest(writeManifestFiles(dir, 'same.csv', [HEADER, ...GOOD_ROWS]));
  const cols = HEADER.split(',');
  const json = GOOD_ROWS.map((l) =>
    Object.fromEntries(
      l.split(',').map((c, i) => [cols[i]!, /^\d+(\.\d+)?$/.test(c) && cols[i] !== 'visit' ? Number(c) : c === '' ? null : c]),
    ),
  );
  const p = join(dir, 'same.json');
  writeFileSync(p, JSON.stringify(json));
  writeFileSync(`${p}.schema.json`, JSON.stringify(SCHEMA));
  const j = validateManifest(p);
  assert.deepEqual(j.problems, []);
  assert.deepEqual(j.rows, csv.rows);
});

test('validateManifest(no schema file) infers types and scopes, with one SCHEMA_INFERRED warning, and stays valid', () => {
  const v = validateManifest(writeManifestFiles(dir, 'noschema.csv', [HEADER, ...GOOD_ROWS], null));
  assert.equal(v.valid, true);
  assert.deepEqual(
    v.problems.map((p) => `${p.severity}:${p.code}`),
    ['warning:SCHEMA_INFERRED'],
  );
  assert.equal(v.schemaInferred, true);
  assert.deepEqual(v.schema.covariates, {
    age: { type: 'numeric', scope: 'visit' }, // 61.5 then 63 for S02 at another visit
    sex: { type: 'categorical', scope: 'subject', levels: ['F', 'M'] },
    diabetes: { type: 'numeric', scope: 'subject' },
    sbp: { type: 'numeric', scope: 'subject' }, // S02's only non-missing value is 140
  });
});

test('validateManifest(invalid schema file) reports SCHEMA_INVALID naming the schema file and the JSON path', () => {
  const bad = {
    version: 1,
    covariates: { age: { type: 'number', scope: 'visit' }, sex: { type: 'categorical', scope: 'forever', levels: ['F'] } },
  };
  const v = validateManifest(writeManifestFiles(dir, 'badschema.csv', [HEADER, ...GOOD_ROWS], bad));
  const sp = v.problems.filter((p) => p.code === 'SCHEMA_INVALID');
  assert.ok(sp.length >= 2, v.problems.map(formatProblem).join('\n'));
  assert.ok(sp.every((p) => p.file.endsWith('badschema.csv.schema.json')));
  assert.ok(sp.some((p) => p.column?.startsWith('covariates.age')) && sp.some((p) => p.column?.startsWith('covariates.sex')));
  assert.equal(v.valid, false);
});

test('validateManifest(schema naming a covariate the CSV lacks, CSV with an undescribed column) → error and warning', () => {
  const schema = { version: 1, covariates: { ...SCHEMA.covariates, bmi: { type: 'numeric', scope: 'visit' } } };
  const v = validateManifest(writeManifestFiles(dir, 'extra.csv', [`${HEADER},notes`, ...GOOD_ROWS.map((l) => `${l},ok`)], schema));
  assert.deepEqual(v.problems.map((p) => `${p.severity}|${p.column}|${p.code}`).sort(), [
    'error|bmi|MISSING_COLUMN',
    'warning|notes|UNDESCRIBED_COLUMN',
  ]);
});

test('validateManifest(unparseable CSV or missing file) throws a VesselprintError naming the path', () => {
  const p = join(dir, 'quote.csv');
  writeFileSync(p, 'subject_id,image_id\n"S01,x\n');
  assert.throws(
    () => validateManifest(p),
    (e) => isVesselprintError(e, 'MANIFEST_INVALID') && e.message.startsWith(p),
  );
  assert.throws(
    () => validateManifest(join(dir, 'absent.csv')),
    (e) => isVesselprintError(e, 'FILE_NOT_FOUND'),
  );
});

test('loadManifest(broken manifest) throws MANIFEST_INVALID listing the errors; good manifest returns rows', () => {
  assert.equal(loadManifest(writeManifestFiles(dir, 'good2.csv', [HEADER, ...GOOD_ROWS])).rows.length, 5);
  const p = writeManifestFiles(dir, 'broken2.csv', [HEADER, GOOD_ROWS[0]!, GOOD_ROWS[0]!]);
  assert.throws(
    () => loadManifest(p),
    (e) =>
      isVesselprintError(e, 'MANIFEST_INVALID') &&
      /1 problem:\n.*row 2: column image_id: image_id "S01_OD_v1" is already used in row 1/.test(e.message),
  );
});

test('validateManifest(writeManifest(rows, schema)) gives the rows back', () => {
  const src = validateManifest(writeManifestFiles(dir, 'src.csv', [HEADER, ...GOOD_ROWS]));
  const p = join(dir, 'written.csv');
  writeManifest(
    p,
    src.rows.map(({ row: _row, ...r }) => r),
    SCHEMA as ManifestSchema,
  );
  const back = validateManifest(p);
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.rows, src.rows);
});
