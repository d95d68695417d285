import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../manifest/runCli.js';
import { readImage, readImageInfo } from '../../src/io/readImage.js';
import { makeDicom, FAKE_IDENTIFIERS } from './dicomFixture.js';
import { scalarText } from '../../src/core/text.js';

const dir = mkdtempSync(join(tmpdir(), 'vp-io-privacy-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const root = join(import.meta.dirname, '..', '..');

// Every identifier, plus distinctive fragments of each (a partial leak counts too).
const needles = [
  ...Object.values(FAKE_IDENTIFIERS),
  'Zyxwv',
  'Quintessa',
  '98765',
  'SECRET',
  '19230417',
  'Hidden Lane',
  'Nowhereville',
  'Obscura',
  'Qwerty',
  'ALT-55555',
  'ACC7777777',
  '20240229',
  '987654321',
  'ZYXWV QUINTESSA',
];
function assertNoIdentifier(text: string, where: string): void {
  for (const n of needles) assert.ok(!text.toLowerCase().includes(n.toLowerCase()), `${where} leaks "${n}":\n${text}`);
}

// A misused whitelisted element (free text in Modality) must not carry a name out either.
const spec = {
  rows: 4,
  columns: 5,
  bitsAllocated: 16,
  bitsStored: 12,
  pixels: new Uint16Array(20).map((_, i) => i * 100).buffer,
  extra: { PixelSpacing: [0.01, 0.01], Modality: 'ZYXWV QUINTESSA' },
};
const good = join(dir, 'patient.dcm');
writeFileSync(good, makeDicom(spec));
const unsupported = join(dir, 'j2k.dcm');
writeFileSync(
  unsupported,
  makeDicom({
    ...spec,
    bitsAllocated: 8,
    bitsStored: 8,
    pixels: new Uint8Array([0xff, 0x4f, 0xff, 0x51]).buffer,
    transferSyntax: '1.2.840.10008.1.2.4.90',
  }),
);

test('the test DICOM really carries the fake identifiers (so the checks below can fail)', () => {
  const bytes = readFileSync(good).toString('latin1');
  for (const v of Object.values(FAKE_IDENTIFIERS)) assert.ok(bytes.includes(v), v);
  assert.ok(bytes.includes('ZYXWV QUINTESSA'));
});

test('readImage(DICOM with identifiers) returns only pixels, size, spacing and bit depth', async () => {
  const img = await readImage(good);
  assert.deepEqual(Object.keys(img).sort(), ['bitDepth', 'channels', 'data', 'height', 'spacingUm', 'width']);
  assertNoIdentifier(JSON.stringify({ ...img, data: undefined }), 'readImage');
  assert.equal(img.spacingUm, 10);
});

test('readImageInfo(DICOM with identifiers) holds only whitelisted technical tags, none with an identifier', async () => {
  const info = await readImageInfo(good);
  assertNoIdentifier(JSON.stringify(info), 'readImageInfo');
  assert.deepEqual(Object.keys(info.dicom!).sort(), [
    'BitsAllocated',
    'BitsStored',
    'Columns',
    'Modality',
    'NumberOfFrames',
    'PhotometricInterpretation',
    'PixelRepresentation',
    'Rows',
    'SamplesPerPixel',
    'TransferSyntax',
  ]);
  assert.equal(info.dicom!.Modality, 'other');
});

test('errors about DICOM files (truncated at every 37th byte, unsupported syntax) never quote an identifier', async () => {
  const bytes = readFileSync(good);
  for (let cut = 1; cut < bytes.length; cut += 37) {
    const p = join(dir, `cut${cut}.dcm`);
    writeFileSync(p, bytes.subarray(0, cut));
    try {
      await readImageInfo(p);
    } catch (e) {
      assertNoIdentifier(`${(e as Error).message} ${JSON.stringify(e)} ${scalarText((e as Error).cause)}`, `error at cut ${cut}`);
    }
  }
  await assert.rejects(readImage(unsupported), (e) => {
    assertNoIdentifier(`${(e as Error).message} ${JSON.stringify(e)}`, 'unsupported-syntax error');
    return true;
  });
});

test('`vesselprint info` (text, --json, --verbose, and on errors) prints no identifier', async () => {
  // one real process through bin/ (text, --verbose, error lines of a multi-file call), one in-process JSON run
  const runs = [
    ['--verbose', 'info', good, unsupported, join(dir, 'cut38.dcm')],
    ['info', '--json', good],
  ];
  for (const args of runs) {
    const r =
      args[0] === '--verbose'
        ? spawnSync(process.execPath, [join(root, 'bin', 'vesselprint.mjs'), ...args], { encoding: 'utf8', cwd: root })
        : await runCli(args);
    assertNoIdentifier(`${r.stdout}\n${r.stderr}`, `vesselprint ${args.join(' ')}`);
    assert.match(r.stdout, /5 x 4 px|"width": 5/);
    if (args.length === 3) assert.equal(r.status, 0, r.stderr);
    else {
      assert.equal(r.status, 2);
      assert.match(r.stderr, /UNSUPPORTED_FORMAT.*JPEG 2000/);
      assert.match(r.stderr, /CORRUPT_FILE/);
    }
  }
});
