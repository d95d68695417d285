import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { classifyArtifact } from '../../src/report/classifyArtifact.js';
import { escapeHtml, formatNumber, hrefPath, scriptJson } from '../../src/report/html.js';
import { varyingParams } from '../../src/report/runLabels.js';
import { imagePngDataUrl, imageQuality, segmentationOverlay, svgImgHtml, toDisplayBytes } from '../../src/report/notebookHelpers.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { executedNotebooksDir } from '../../src/report/renderNotebooks.js';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const te = new TextEncoder();

test('classifyArtifact(path, bytes) tells Plotly specs, images, configs, tables and text apart', () => {
  assert.equal(classifyArtifact('figures/roc.json', te.encode('{"data":[{"x":[1]}],"layout":{}}')).kind, 'plotly');
  assert.deepEqual(classifyArtifact('f.json', te.encode('{"data":[]}')).figure, { data: [] });
  assert.equal(classifyArtifact('model_report.json', te.encode('{"auc":0.8}')).kind, 'text');
  assert.equal(classifyArtifact('broken.json', te.encode('{"data":[')).kind, 'text');
  assert.equal(classifyArtifact('config.json', te.encode('{"seed":1}')).kind, 'config');
  assert.equal(classifyArtifact('model/MLmodel', te.encode('flavors: {}')).kind, 'config');
  assert.equal(classifyArtifact('a/b/overlay.PNG', new Uint8Array([0x89])).kind, 'image');
  assert.equal(classifyArtifact('features.parquet', new Uint8Array(4)).kind, 'other');
  const csv = Array.from({ length: 30 }, (_, i) => `${i},x`).join('\n');
  const t = classifyArtifact('folds.csv', te.encode(csv));
  assert.equal(t.kind, 'table');
  assert.equal(t.text!.split('\n').length, 22); // 21 lines + the "more lines" note
  assert.match(classifyArtifact('log.txt', te.encode('abcdef'), 3).text!, /^abc\n… \(truncated\)$/);
});

test('escapeHtml, scriptJson and hrefPath neutralise markup and odd file names', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;');
  const j = scriptJson({ s: '</script><b>&' });
  assert.ok(!j.includes('<') && !j.includes('>') && !j.includes('&'));
  assert.deepEqual(JSON.parse(j), { s: '</script><b>&' });
  assert.equal(hrefPath('runs/a b/x#1?.svg'), 'runs/a%20b/x%231%3F.svg');
});

test('formatNumber keeps integers, rounds to 4 significant digits and names non-finite values', () => {
  assert.equal(formatNumber(42), '42');
  assert.equal(formatNumber(0.876543), '0.8765');
  assert.equal(formatNumber(0.5), '0.5');
  assert.equal(formatNumber(1234.5678), '1235');
  assert.equal(formatNumber(Number.NaN), 'NaN');
  assert.equal(formatNumber(-Infinity), '-Infinity');
});

test('varyingParams(runs) splits keys into differing and shared; a missing key differs', () => {
  assert.deepEqual(varyingParams([{ params: { a: '1', b: '2' } }, { params: { a: '1', b: '3' } }]), { varying: ['b'], constant: ['a'] });
  assert.deepEqual(varyingParams([{ params: { a: '1' } }, { params: {} }]), { varying: ['a'], constant: [] });
});

test('toDisplayBytes scales an image min–max to 0–255 and a mask to 0/255', () => {
  assert.deepEqual([...toDisplayBytes({ data: new Float32Array([-1, 0, 1]), width: 3, height: 1, channels: 1 }).bytes], [0, 128, 255]);
  assert.deepEqual([...toDisplayBytes({ data: new Float32Array([5, 5]), width: 2, height: 1, channels: 1 }).bytes], [0, 0]);
  assert.deepEqual([...toDisplayBytes({ data: new Uint8Array([0, 1, 7]), width: 3, height: 1 }).bytes], [0, 255, 255]);
});

test('imagePngDataUrl(image) is a PNG that decodes back to the display bytes (sharp as the decoder)', async () => {
  const img = { data: new Float32Array([0, 10, 20, 30, 40, 50]), width: 3, height: 2, channels: 1 };
  const url = imagePngDataUrl(img);
  assert.match(url, /^data:image\/png;base64,/);
  const { data, info } = await sharp(Buffer.from(url.split(',')[1]!, 'base64')).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  assert.equal(info.width, 3);
  assert.equal(info.height, 2);
  assert.deepEqual([...data], [0, 51, 102, 153, 204, 255]);
});

test('segmentationOverlay colours TP white, FP magenta, FN green and background at half brightness', () => {
  const image = { data: new Uint8Array([0, 0, 0, 200]), width: 4, height: 1, channels: 1 };
  const pred = { data: new Uint8Array([1, 1, 0, 0]), width: 4, height: 1 };
  const ref = { data: new Uint8Array([1, 0, 1, 0]), width: 4, height: 1 };
  const o = segmentationOverlay(image, pred, ref);
  assert.deepEqual([...o.data], [255, 255, 255, 255, 0, 255, 0, 200, 0, 127, 127, 127]);
  assert.throws(() => segmentationOverlay(image, { data: new Uint8Array(3), width: 3, height: 1 }), (e) => isVesselprintError(e, 'SHAPE_MISMATCH') && /predicted/.test(e.message));
});

test('imageQuality of a constant image inside a full FOV: fraction 1, mean = value, no contrast', () => {
  const n = 16 * 16;
  const rgb = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) rgb.set([10, 100, 30], i * 3);
  const fov = { data: new Uint8Array(n).fill(1), width: 16, height: 16 };
  const q = imageQuality({ data: rgb, width: 16, height: 16, channels: 3 }, fov);
  assert.equal(q.fov_fraction, 1);
  assert.equal(q.mean_intensity, 100); // green channel
  assert.equal(q.contrast_rms, 0);
  assert.equal(q.focus_laplacian_var, 0);
  const half = { data: Uint8Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : 0)), width: 16, height: 16 };
  assert.equal(imageQuality({ data: rgb, width: 16, height: 16, channels: 3 }, half).fov_fraction, 0.5);
});

test('svgImgHtml(svg) wraps SVG in an <img> whose data URL decodes back to the same text', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><text>µ & é</text></svg>';
  const html = svgImgHtml(svg, 'a "b"');
  const m = /^<img alt="a &#34;b&#34;" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)">$/.exec(html);
  assert.ok(m, html);
  assert.equal(Buffer.from(m[1]!, 'base64').toString('utf8'), svg);
  assert.equal(svgImgHtml(new TextEncoder().encode(svg)), svgImgHtml(svg));
  assert.throws(() => svgImgHtml('<png/>'), (e) => isVesselprintError(e, 'BAD_ARGUMENT'));
});

test('executedNotebooksDir(root) prefers out/notebooks when it holds executed notebooks, else notebooks/', () => {
  const root = mkdtempSync(join(tmpdir(), 'vp-nbdir-'));
  assert.equal(executedNotebooksDir(root), join(root, 'notebooks'));
  mkdirSync(join(root, 'out', 'notebooks'), { recursive: true });
  assert.equal(executedNotebooksDir(root), join(root, 'notebooks'), 'an empty out/notebooks is not used');
  writeFileSync(join(root, 'out', 'notebooks', '01-a.ipynb'), '{}');
  assert.equal(executedNotebooksDir(root), join(root, 'out', 'notebooks'));
});
