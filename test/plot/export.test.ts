import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../src/core/rng.js';
import { fitGradientBoosting } from '../../src/learn/models/gradientBoosting.js';
import { treeShap } from '../../src/explain/treeShap.js';
import { shapBeeswarm } from '../../src/plot/shapBeeswarm.js';
import { rocFigure } from '../../src/plot/rocFigure.js';
import { rocPoints } from '../../src/plot/rocCurve.js';
import { closeFigureExporter, exportFigure, findChromium } from '../../src/plot/export.js';
import { pngDpi } from '../../src/plot/pngDpi.js';

function chromiumOrSkip(t: { skip: (m: string) => void }): boolean {
  try {
    findChromium();
    return true;
  } catch (e) {
    if (process.env.CI) throw e;
    t.skip(`Chromium missing (${(e as Error).message}); install it to run the export test`);
    return false;
  }
}

after(() => closeFigureExporter());

test('exportFigure() in real Chromium: vector PDF at 88×70 mm with embedded fonts, SVG with <text> labels, PNG at 300 dpi with pHYs', async (t) => {
  if (!chromiumOrSkip(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'vp-export-'));
  const rng = createRng(3);
  const n = 150,
    p = 5;
  const data = Float64Array.from({ length: n * p }, () => rng.normal());
  const x = { data, nRows: n, nCols: p };
  const y = Float64Array.from({ length: n }, (_, i) => (data[i * p]! + data[i * p + 1]! + rng.normal() > 0 ? 1 : 0));
  const model = fitGradientBoosting(x, y, 'classification', { nRounds: 20 });
  const bees = shapBeeswarm(
    treeShap(model.ensemble, x),
    x,
    ['vessel_density', 'fractal_dimension', 'tortuosity', 'calibre_um', 'age_years'],
    { maxDisplay: 4 },
  );
  const roc = rocFigure([{ label: 'GBM', ...rocPoints(y, model.predict(x)) }]);

  const pdf = await exportFigure(bees, join(dir, 'bees.pdf'), { widthMm: 88, heightMm: 70 });
  const pdfBytes = readFileSync(pdf.path);
  assert.equal(pdfBytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdfBytes.toString('latin1'));
  assert.ok(box, 'MediaBox found');
  assert.ok(
    Math.abs((Number(box[1]) * 25.4) / 72 - 88) < 0.5 && Math.abs((Number(box[2]) * 25.4) / 72 - 70) < 0.5,
    `page ${box[1]}×${box[2]} pt`,
  );
  assert.ok(/FontFile2|FontFile3|FontFile/.test(pdfBytes.toString('latin1')), 'an embedded font program');
  assert.ok(!/\/Subtype\s*\/Image/.test(pdfBytes.toString('latin1')), 'no raster image: the scatter plot is vector');
  const pf = spawnSync('pdffonts', [pdf.path], { encoding: 'utf8' });
  if (pf.status === 0)
    for (const line of pf.stdout.trim().split('\n').slice(2)) assert.match(line, /\syes\s+yes\s/, `font not embedded: ${line}`);

  const svg = await exportFigure(roc, join(dir, 'roc.svg'), { widthMm: 88, heightMm: 80 });
  const svgText = readFileSync(svg.path, 'utf8');
  assert.match(svgText, /<svg[^>]*width="333"/);
  assert.match(svgText, /<text[^>]*>Sensitivity \(true-positive rate\)<\/text>/);

  const png = await exportFigure(bees, join(dir, 'bees.png'), { widthMm: 88, heightMm: 70, dpi: 300 });
  const pngBytes = new Uint8Array(readFileSync(png.path));
  assert.ok(Math.abs(pngDpi(pngBytes)! - 300) < 0.01);
  const w = new DataView(pngBytes.buffer).getUint32(16),
    h = new DataView(pngBytes.buffer).getUint32(20);
  assert.ok(Math.abs(w - (88 / 25.4) * 300) <= 3 && Math.abs(h - (70 / 25.4) * 300) <= 3, `${w}×${h} px`);
  assert.ok(existsSync(join(dir, 'roc.svg')));
});

test('exportFigure() rejects an unknown extension before starting a browser', async () => {
  await assert.rejects(exportFigure({ data: [], layout: {} }, '/tmp/x.jpg'), /\.pdf, \.svg or \.png/);
});
