import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ShapExplanation } from '../../src/explain/types.js';
import { rocAuc } from '../../src/learn/metrics/ranking.js';
import { createRng } from '../../src/core/rng.js';
import { applyTheme, mmToPx } from '../../src/plot/theme.js';
import { lightness, OKABE_ITO, SHAP_DIVERGING, SIGNED_DIVERGING } from '../../src/plot/palettes.js';
import { clippedColour, shapBeeswarm } from '../../src/plot/shapBeeswarm.js';
import { shapBar } from '../../src/plot/shapBar.js';
import { shapWaterfall } from '../../src/plot/shapWaterfall.js';
import { shapDependence } from '../../src/plot/shapDependence.js';
import { rocBootstrapBand, rocPoints, tprAt } from '../../src/plot/rocCurve.js';
import { rocFigure } from '../../src/plot/rocFigure.js';
import { calibrationBins, wilson } from '../../src/plot/calibration.js';
import { forestPlot } from '../../src/plot/forestPlot.js';
import { standardShapFigures } from '../../src/plot/standardFigures.js';
import { explainTable } from '../../src/explain/explainTable.js';
import { featureLabel } from '../../src/features/featureLabel.js';
import { imageFigure } from '../../src/plot/imageOverlay.js';
import { trainingCurves } from '../../src/plot/trainingCurves.js';
import { distributionsByGroup } from '../../src/plot/distributions.js';
import { crc32, pngDpi, withPngDpi } from '../../src/plot/pngDpi.js';

type Obj = Record<string, unknown>;
const near = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

/** 3 rows × 4 features with hand-chosen values: mean |φ| = [0.1, 2, 1, 0.3]. */
function expl(): ShapExplanation {
  const values = Float64Array.from([0.1, -2, 1, 0.3, -0.1, 2, -1, 0.3, 0.1, 2, 1, -0.3]);
  const output = Float64Array.from([0, 1, 2].map((r) => 0.5 + values.subarray(r * 4, r * 4 + 4).reduce((a, b) => a + b, 0)));
  return { expectedValue: 0.5, values, nRows: 3, nFeatures: 4, output, outputScale: 'log-odds', method: 'test' };
}
const names = ['a', 'b', 'c', 'd'];
const fv = { data: Float64Array.from([1, 10, 5, NaN, 2, 20, 6, 7, 3, 30, 7, 8]), nRows: 3, nCols: 4 };

test('applyTheme(fig, { widthMm: 88 }) sets 332.6 px width (96 px/in) and 8 pt = 10.67 px fonts; rejects 11 pt', () => {
  const t = applyTheme({ data: [], layout: {} }, { widthMm: 88, heightMm: 60 });
  near(t.layout.width as number, 332.6, 0.05);
  near(t.layout.height as number, 226.8, 0.05);
  near((t.layout.font as Obj).size as number, (8 * 96) / 72, 1e-12);
  near(mmToPx(25.4), 96, 1e-12);
  assert.throws(() => applyTheme({ data: [], layout: {} }, { fontPt: 11 }), /6–10 pt/);
});

test('applyTheme(forestPlot(rows)) prints no text smaller than 7 pt (ticks, annotations, legend)', () => {
  const fig = applyTheme(forestPlot([{ label: 'a', estimate: 1, lower: 0, upper: 2, p: 0.01 }]), { widthMm: 120, heightMm: 90 });
  const sizes: number[] = [];
  const walk = (v: unknown, key = ''): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (key === 'size' && typeof v === 'number') sizes.push(v);
  };
  walk(fig.layout.font, 'font');
  for (const k of ['xaxis', 'yaxis', 'legend', 'annotations']) walk(fig.layout[k]);
  assert.ok(sizes.length >= 5, `font sizes found: ${sizes.length}`);
  assert.ok(Math.min(...sizes) >= (7 * 96) / 72 - 1e-9, `smallest text ${(Math.min(...sizes) * 72) / 96} pt`);
});

test('palettes: Okabe–Ito hex codes; the SHAP and signed diverging maps differ in lightness at their ends by ≥ 30 L*', () => {
  assert.deepEqual([...OKABE_ITO], ['#000000', '#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7']);
  near(lightness('#000000'), 0, 1e-9);
  near(lightness('#FFFFFF'), 100, 1e-6);
  near(lightness('#808080'), 53.585, 0.01); // CIELAB L* of sRGB 128 grey
  for (const map of [SHAP_DIVERGING, SIGNED_DIVERGING])
    assert.ok(Math.abs(lightness(map[0]![1]) - lightness(map[map.length - 1]![1])) >= 30);
});

test('clippedColour() maps 0..100 to the 5th–95th percentile: 0 → 0, 50 → 0.5, 100 → 1, NaN stays NaN', () => {
  const v = Array.from({ length: 101 }, (_, i) => i);
  v.push(NaN);
  const c = clippedColour(v);
  assert.equal(c[0], 0);
  assert.equal(c[3], 0);
  near(c[50]!, 0.5);
  assert.equal(c[100], 1);
  near(c[6]!, 1 / 90);
  assert.ok(Number.isNaN(c[101]!));
});

test('shapBeeswarm() ranks features by mean |φ|, folds the rest into "Sum of 2 other features" and puts missing values in a grey trace', () => {
  const f = shapBeeswarm(expl(), fv, names, { maxDisplay: 3 });
  const meta = f.layout.meta as Obj;
  assert.deepEqual(meta.order, ['b', 'c']);
  assert.deepEqual(meta.other, ['d', 'a']);
  assert.deepEqual((f.layout.yaxis as Obj).ticktext, ['b', 'c', 'Sum of 2 other features']);
  const [dots, missing, other] = f.data as Obj[];
  assert.equal((dots!.x as number[]).length, 6); // 2 shown features × 3 rows, none missing
  assert.equal((missing!.x as number[]).length, 0);
  assert.deepEqual(other!.x, [0.4, 0.2, -0.2]); // a + d per row
  const all = shapBeeswarm(expl(), fv, names, { maxDisplay: 10 });
  assert.equal(((all.data[1] as Obj).x as number[]).length, 1); // d is missing in row 1
  assert.deepEqual((all.data[1] as Obj).x, [0.3]);
});

test('shapBar() bars are mean |φ| (smallest at the bottom) with the folded sum; shapWaterfall() ends at f(x)', () => {
  const b = shapBar(expl(), names, { maxDisplay: 3 }).data[0] as Obj;
  assert.deepEqual(b.y, ['Sum of 2 other features', 'c', 'b']);
  assert.deepEqual(b.x, [0.4, 1, 2]);
  const w = shapWaterfall(expl(), names, 1, { maxDisplay: 3, featureValues: fv });
  const t = w.data[0] as Obj;
  const total = (t.base as number) + (t.x as number[]).reduce((a, v) => a + v, 0);
  near(total, expl().output[1]!, 1e-9);
  assert.deepEqual(t.y, ['Sum of 2 other features', 'c = 6', 'b = 20']);
  assert.throws(() => shapWaterfall(expl(), names, 3), /row must be 0..2/);
});

test('shapDependence() plots x_j against φ_j and picks the colour feature with the largest interaction', () => {
  const inter = { expectedValue: 0, values: new Float64Array(3 * 16), nRows: 3, nFeatures: 4, outputScale: 'raw' as const };
  for (let r = 0; r < 3; r++) {
    inter.values[(r * 4 + 1) * 4 + 3] = 0.5;
    inter.values[(r * 4 + 1) * 4 + 0] = 0.1;
  }
  const f = shapDependence(expl(), fv, names, 'b', { interactions: inter });
  assert.equal((f.layout.meta as Obj).colorBy, 'd');
  const all = f.data.flatMap((t) => (t.x as number[]).map((x, i) => [x, (t.y as number[])[i]]));
  assert.deepEqual(
    all.sort((p, q) => p[0]! - q[0]!),
    [
      [10, -2],
      [20, 2],
      [30, 2],
    ],
  );
  assert.throws(() => shapDependence(expl(), fv, names, 'zz'), /unknown feature "zz"/);
});

test('rocPoints() of a hand example; its trapezoid area equals rocAuc() (learn/) on random data; the bootstrap band brackets the curve', () => {
  const r = rocPoints([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
  assert.deepEqual(r.fpr, [0, 0, 0.5, 0.5, 1]);
  assert.deepEqual(r.tpr, [0, 0.5, 0.5, 1, 1]);
  near(tprAt(r, 0.25), 0.5);
  near(tprAt(r, 0.5), 1);
  const rng = createRng(5);
  const y = Array.from({ length: 300 }, () => (rng.bernoulli(0.3) ? 1 : 0));
  const s = y.map((v) => Math.round((v + rng.normal()) * 4) / 4); // ties on purpose
  const roc = rocPoints(y, s);
  let area = 0;
  for (let k = 1; k < roc.fpr.length; k++) area += ((roc.fpr[k]! - roc.fpr[k - 1]!) * (roc.tpr[k]! + roc.tpr[k - 1]!)) / 2;
  near(area, rocAuc(y, s), 1e-12);
  const band = rocBootstrapBand(y, s, { nBoot: 100, seed: 2 });
  let inside = 0;
  band.fpr.forEach((f, k) => {
    if (band.lower[k]! <= tprAt(roc, f) + 1e-12 && tprAt(roc, f) <= band.upper[k]! + 1e-12) inside++;
  });
  assert.ok(inside >= band.fpr.length - 2, `${inside}/${band.fpr.length} grid points inside`);
  const fig = rocFigure([{ label: 'm', ...roc, auc: 0.7, aucCi: [0.6, 0.8], band }]);
  assert.equal((fig.data[2] as Obj).name, 'm<br>AUC 0.70 (95% CI 0.60–0.80)');
  assert.equal((fig.data[1] as Obj).fill, 'tonexty');
});

test('wilson(5, 10) is [0.2366, 0.7634]; calibrationBins() with quantile bins has equal counts and observed rates', () => {
  const [lo, hi] = wilson(5, 10);
  near(lo, 0.236593, 1e-6);
  near(hi, 0.763407, 1e-6);
  const bins = calibrationBins([0, 0, 1, 0, 1, 1], [0.1, 0.2, 0.3, 0.6, 0.7, 0.9], { nBins: 2 });
  assert.deepEqual(
    bins.map((b) => b.n),
    [3, 3],
  );
  near(bins[0]!.observed, 1 / 3);
  near(bins[1]!.observed, 2 / 3);
  near(bins[0]!.meanPredicted, 0.2);
});

test('forestPlot() puts the first row on top with asymmetric CI bars; log axis rejects non-positive ORs', () => {
  const f = forestPlot(
    [
      { label: 'x1', estimate: 1.5, lower: 1.2, upper: 2 },
      { label: 'x2', estimate: 0.8, lower: 0.5, upper: 1.1, p: 0.2 },
    ],
    { nullValue: 1, logScale: true },
  );
  const t = f.data[0] as Obj;
  assert.deepEqual(t.y, [1, 0]);
  assert.deepEqual((t.error_x as Obj).array, [0.5, 0.3]);
  assert.deepEqual((t.error_x as Obj).arrayminus, [0.3, 0.3]);
  assert.equal((f.layout.xaxis as Obj).type, 'log');
  assert.throws(() => forestPlot([{ label: 'x', estimate: 1, lower: 0, upper: 2 }], { logScale: true }), /positive/);
});

test('imageFigure() strides a 1000×800 image to ≤ 400 px, masks are null outside, sizes must match', () => {
  const img = { data: new Float32Array(1000 * 800).map((_, i) => i % 7), width: 1000, height: 800, channels: 1 };
  const mask = { data: new Uint8Array(1000 * 800), width: 1000, height: 800 };
  mask.data[0] = 1;
  const values = new Float64Array(1000 * 800).fill(NaN);
  values[3 * 1000 + 3] = -2;
  const f = imageFigure(img, [
    { kind: 'mask', mask },
    { kind: 'map', values, width: 1000, height: 800, name: 'Grad-CAM' },
  ]);
  assert.equal((f.layout.meta as Obj).stride, 3);
  assert.deepEqual((f.data[0] as Obj).colorscale, [
    [0, '#000000'],
    [1, '#FFFFFF'],
  ]); // bright pixels stay bright
  const z = (f.data[1] as Obj).z as (number | null)[][];
  assert.equal(z.length, 267);
  assert.equal(z[0]!.length, 334);
  assert.equal(z[0]![0], 1);
  assert.equal(z[0]![1], null);
  const m = f.data[2] as Obj;
  assert.equal((m.z as (number | null)[][])[1]![1], -2);
  assert.equal(m.zmin, -2);
  assert.equal(m.zmax, 2);
  assert.throws(() => imageFigure(img, [{ kind: 'mask', mask: { data: new Uint8Array(4), width: 2, height: 2 } }]), /overlay mask is 2×2/);
});

test('trainingCurves() marks the best epoch (min loss, max Dice); distributionsByGroup() counts n and missing per group', () => {
  const h = [
    { epoch: 1, loss: 0.9, val_dice: 0.5 },
    { epoch: 2, loss: 0.4, val_dice: 0.7 },
    { epoch: 3, loss: 0.5, val_dice: 0.6 },
  ];
  assert.equal((trainingCurves(h, { bestBy: 'loss' }).layout.meta as Obj).bestEpoch, 2);
  assert.equal((trainingCurves(h, { bestBy: 'val_dice' }).layout.meta as Obj).bestEpoch, 2);
  assert.equal(((trainingCurves(h).data[1] as Obj).line as Obj).dash, 'dash');
  const d = distributionsByGroup([1, 2, NaN, 4], ['case', 'control', 'case', 'case']);
  assert.deepEqual(
    d.data.map((t) => t.name),
    ['case (n=2, 1 missing)', 'control (n=1)'],
  );
});

test('crc32("IEND") is 0xAE426082; withPngDpi() writes pHYs that pngDpi() reads back', () => {
  assert.equal(crc32(new TextEncoder().encode('IEND')), 0xae426082);
  // 1×1 grey PNG built by hand: signature, IHDR, IDAT (zlib of [0, 0]), IEND
  const chunk = (type: string, body: number[]): number[] => {
    const t = [...type].map((c) => c.charCodeAt(0));
    const len = [body.length >>> 24, (body.length >>> 16) & 255, (body.length >>> 8) & 255, body.length & 255];
    const c = crc32(Uint8Array.from([...t, ...body]));
    return [...len, ...t, ...body, c >>> 24, (c >>> 16) & 255, (c >>> 8) & 255, c & 255];
  };
  const png = Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]),
    ...chunk('IDAT', [0x78, 0x01, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]),
    ...chunk('IEND', []),
  ]);
  assert.equal(pngDpi(png), undefined);
  const out = withPngDpi(png, 300);
  near(pngDpi(out)!, 300, 0.01);
  near(pngDpi(withPngDpi(out, 600))!, 600, 0.02); // replaced, not duplicated
  assert.equal(withPngDpi(out, 600).length, out.length);
});

test('figureHtml() embeds the spec as JSON (with </script> escaped) and plotly.js only when asked', async () => {
  const { figureHtml } = await import('../../src/plot/html.js');
  const h = figureHtml({ data: [{ type: 'bar', x: ['</script>'], y: [1] }], layout: {} }, { plotly: 'none', id: 'f1' });
  assert.ok(h.startsWith('<div id="f1"></div><script>'));
  assert.ok(!h.includes('</script>"') && h.includes('\\u003c/script>'));
  assert.ok(figureHtml({ data: [], layout: {} }).length > 1_000_000);
});

test('standardShapFigures(explainTable(rows, { model: "logistic" })) titles every figure with the explained model', () => {
  const rows = Array.from({ length: 40 }, (_, i) => ({ a: i % 7, b: (i * 3) % 11, y: i % 7 > 3 ? 1 : 0 }));
  const figs = standardShapFigures(explainTable(rows, { outcome: 'y', model: 'logistic', features: ['a', 'b'] }), 5);
  assert.deepEqual(Object.keys(figs), ['shap_beeswarm', 'shap_bar', 'shap_dependence', 'shap_waterfall']);
  for (const f of Object.values(figs)) assert.equal((f.layout.title as Obj).text, 'SHAP: logistic regression, log-odds');
  const rf = standardShapFigures(
    explainTable(rows, { outcome: 'y', model: 'rf', seed: 1, features: ['a', 'b'], params: { nTrees: 5 } }),
    5,
  );
  assert.match((rf.shap_bar!.layout.title as Obj).text as string, /^SHAP: random forest/);
});

test('standardShapFigures(t, n, displayNames) labels features with the given names (e.g. featureLabel text) and refuses a wrong count', () => {
  const rows = Array.from({ length: 30 }, (_, i) => ({ 'fundus.vessel_width_mean_um': i % 5, age: (i * 7) % 13, y: i % 5 > 2 ? 1 : 0 }));
  const t = explainTable(rows, { outcome: 'y', model: 'logistic', features: ['fundus.vessel_width_mean_um', 'age'] });
  const figs = standardShapFigures(
    t,
    5,
    t.features.map((f) => featureLabel(f).text),
  );
  const bar = JSON.stringify(figs.shap_bar!.data);
  assert.match(bar, /Mean vessel width, fundus \(µm\)/);
  assert.doesNotMatch(bar, /vessel_width_mean_um/);
  const dep = figs.shap_dependence!.layout;
  // the SHAP axis is on the model's scale: the feature's unit belongs to the x axis only
  if ((dep.meta as Obj).feature === 'Mean vessel width, fundus (µm)') {
    assert.equal(((dep.yaxis as Obj).title as Obj).text, 'SHAP value for Mean vessel width, fundus (log-odds)');
  } else assert.equal(((dep.yaxis as Obj).title as Obj).text, 'SHAP value for age (log-odds)');
  assert.throws(() => standardShapFigures(t, 5, ['one']), /2 features/);
});

test('forestPlot puts the numbers on a right-hand axis (automargin makes room, nothing cut) and asks for a double-column print width', () => {
  const f = forestPlot([
    { label: 'Capillary density in venous congestion, skin (mm⁻²)', estimate: -0.74, lower: -1.4, upper: -0.08, p: 0.02 },
    { label: 'Tortuosity density, fundus (mm⁻¹)', estimate: 1.25, lower: 0.6, upper: 1.89, p: 0.0005 },
  ]);
  const y2 = f.layout.yaxis2 as Obj;
  assert.deepEqual(y2.ticktext, ['-0.74 (-1.40, -0.08) p=0.020', '1.25 (0.60, 1.89) p=5.0e-4']);
  assert.deepEqual(y2.tickvals, (f.layout.yaxis as Obj).tickvals);
  assert.equal(y2.side, 'right');
  assert.equal(y2.automargin, true);
  assert.equal(f.layout.annotations, undefined);
  assert.equal(f.layout.width, Math.round(mmToPx(180)));
  assert.equal(f.data.length, 2);
});
