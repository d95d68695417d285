import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './runCli.js';
import { GOOD_ROWS, HEADER, SCHEMA, cohortDir, writeManifestFiles } from './helpers.js';

const dir = cohortDir();
after(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> => runCli(args);

test('`vesselprint validate` on a good manifest prints no problem line and exits 0', async () => {
  const r = await cli('validate', writeManifestFiles(dir, 'good.csv', [HEADER, ...GOOD_ROWS]));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /5 rows, 2 subjects: 0 errors, 0 warnings \(valid\)/);
});

test('`vesselprint validate [--json]` on a hand-broken manifest prints one line per problem and exits 1', async () => {
  const p = writeManifestFiles(dir, 'broken.csv', [
    HEADER,
    GOOD_ROWS[0]!,
    'S01,S01_OD_v1,img/none.png,fundus,OD,,baseline,6.5,,train,5x,F,0,121', // duplicate id, missing file, non-numeric age
    'S02,S02_OD,img/S02_OD.png,eye,OD,,baseline,,,test,61,F,2,130', // unknown modality, unknown diabetes level
  ]);
  const r = await cli('validate', p);
  assert.equal(r.status, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.deepEqual(lines.map((l) => l.replace(`${p}: `, '')).sort(), [
    'row 2: column age: expected a number, got "5x"',
    'row 2: column image_id: image_id "S01_OD_v1" is already used in row 1',
    `row 2: column image_path: file does not exist: img/none.png (resolved to ${join(dir, 'img', 'none.png')})`,
    'row 3: column diabetes: expected one of "0", "1", got "2"',
    'row 3: column modality: expected one of fundus, skin, got "eye"',
  ]);
  const j = await cli('validate', '--json', p);
  assert.equal(j.status, 1);
  const out = JSON.parse(j.stdout) as {
    valid: boolean;
    errors: number;
    problems: Array<{ row: number; column: string; code: string; text: string }>;
  };
  assert.equal(out.valid, false);
  assert.equal(out.errors, 5);
  assert.deepEqual(out.problems.map((x) => x.text).sort(), [...lines].sort());
});

test('`vesselprint validate` on a missing manifest exits 2 with a one-line error', async () => {
  const r = await cli('validate', join(dir, 'absent.csv'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^vesselprint: error \[FILE_NOT_FOUND\]: .*absent\.csv: manifest file does not exist\n$/);
});

test('`vesselprint validate` refuses an image path leaving the manifest\'s folder (../../../../etc/passwd) unless the schema sets "root"', async () => {
  const escape = 'S01,S01_OD_v1,../../../../etc/passwd,fundus,OD,,baseline,6.5,,train,54,F,0,121';
  const p = writeManifestFiles(dir, 'escape.csv', [HEADER, escape]);
  const r = await cli('validate', p);
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    /row 1: column image_path: \.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd resolves to \/etc\/passwd, outside .* \(the manifest's folder\); set "root" in the schema file/,
  );
  // an explicit root that contains the path makes it allowed (the file check still applies)
  const q = writeManifestFiles(dir, 'rooted.csv', [HEADER, escape], { ...SCHEMA, root: '/' });
  const s = await cli('validate', q);
  assert.doesNotMatch(s.stdout, /outside/);
});
