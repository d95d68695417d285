import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { FileStore } from '../../src/track/fileStore.js';
import { startRun } from '../../src/track/startRun.js';
import { writeReport } from '../../src/report/writeReport.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { forestPlot } from '../../src/plot/forestPlot.js';

/** A store with two experiments: a CV run with two fold children, a second run, and one run in another experiment. */
async function makeStore(): Promise<{ store: FileStore; dir: string; ids: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'vp-report-'));
  const store = new FileStore(join(dir, 'mlruns'));
  const common = { store, experiment: 'model-cv', git: false, projectRoot: dir } as const;
  const a = await startRun({ ...common, runName: 'logistic <l2>', config: { model: 'logistic', lambda: 0.1, seed: 7 }, description: 'CV of a logistic model' });
  await a.logMetrics({ auc: 0.8125, brier: 0.1875 });
  await a.logFigure({ data: [{ type: 'scatter', x: [0, 0.25, 1], y: [0, 0.75, 1], name: 'ROC' }], layout: { title: { text: 'ROC curve' } } }, 'figures/roc.json');
  await a.logFigure('<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40"><rect width="60" height="40" fill="#3a7"/></svg>', 'figures/box.svg');
  // a rendition of the ROC spec: linked under the drawn spec, not drawn a second time
  await a.logFigure('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30"><rect width="30" height="30"/></svg>', 'figures/roc.svg');
  const png = await sharp({ create: { width: 48, height: 32, channels: 3, background: '#cc3333' } }).png().toBuffer();
  await a.logFigure(new Uint8Array(png), 'figures/overlay.png');
  await a.logTable([{ fold: 1, auc: 0.8 }, { fold: 2, auc: 0.825 }], 'folds.csv');
  const f1 = await a.child({ runName: 'fold-1' });
  await f1.logMetric('auc', 0.8); await f1.end();
  const f2 = await a.child({ runName: 'fold-2' });
  await f2.logMetric('auc', 0.825); await f2.end();
  await a.end();
  const b = await startRun({ ...common, runName: 'forest', config: { model: 'forest', lambda: 0.1, seed: 7 } });
  await b.logMetrics({ auc: 0.75, brier: 0.2 });
  // Logged specs carry no theme: long category labels must still fit on the run page.
  await b.logFigure(forestPlot([
    { label: 'fundus.vessel_length_density_mm_per_mm2', estimate: -0.9, lower: -1.6, upper: -0.2, p: 0.009 },
    { label: 'skin.intercapillary_distance_mean_um', estimate: 1.2, lower: 0.6, upper: 1.9, p: 0.0007 },
  ]), 'figures/forest.json');
  await b.end('FAILED');
  const c = await startRun({ ...common, experiment: 'extract', runName: 'extract-1', config: { segmentation: 'frangi' } });
  await c.end();
  return { store, dir, ids: { a: a.runId, b: b.runId, c: c.runId, f1: f1.runId, f2: f2.runId } };
}

test('writeReport(store, dir) writes index, run pages, compare and notebook pages with relative links', async () => {
  const { store, dir, ids } = await makeStore();
  const out = join(dir, 'report');
  const r = await writeReport(store, out, { notebooksDir: join(dir, 'none') });
  assert.equal(r.runs, 5);
  assert.equal(r.figures, 5); // figure files: roc.json (+ its roc.svg rendition), box.svg, overlay.png; forest.json of run b
  const index = readFileSync(join(out, 'index.html'), 'utf8');
  // Params that differ between the model-cv runs become columns; the shared one is listed below the table.
  assert.match(index, /param: model/);
  assert.doesNotMatch(index, /param: lambda/);
  assert.match(index, /params shared by all runs/);
  // Run names are escaped, children are under their parent.
  assert.match(index, /logistic &lt;l2&gt;/);
  // Newest top-level run first; the folds follow their parent, oldest first.
  const at = (s: string): number => index.indexOf(s);
  assert.ok(at('>forest<') < at('logistic &lt;l2&gt;') && at('logistic &lt;l2&gt;') < at('>fold-1<') && at('>fold-1<') < at('>fold-2<'));
  assert.match(index, /class="status-FAILED">FAILED/);
  for (const id of Object.values(ids)) assert.ok(existsSync(join(out, 'runs', `${id}.html`)), id);
  const page = readFileSync(join(out, 'runs', `${ids.a}.html`), 'utf8');
  assert.match(page, /assets\/plotly\.min\.js/);
  assert.match(page, /<h3>config.json[^]*?&quot;model&quot;: &quot;logistic&quot;/); // config.json shown inline (escaped)
  assert.match(page, /fold-1/);
  assert.ok(existsSync(join(out, 'runs', ids.a!, 'figures', 'overlay.png')));
  assert.ok(readFileSync(join(out, 'assets', 'plotly.min.js')).length > 1_000_000);
  // Only one experiment.
  const only = await writeReport(store, out, { experiment: 'extract', notebooksDir: join(dir, 'none') });
  assert.equal(only.runs, 1);
  assert.ok(!existsSync(join(out, 'runs', `${ids.a}.html`)), 'a rewritten report drops runs of the previous one');
});

test('writeReport refuses a non-empty folder that is not a report, an unknown experiment and unknown --compare ids', async () => {
  const { store, dir } = await makeStore();
  const foreign = join(dir, 'mine');
  mkdirSync(foreign);
  writeFileSync(join(foreign, 'thesis.tex'), 'x');
  await assert.rejects(writeReport(store, foreign, { notebooksDir: join(dir, 'no-notebooks') }), (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /not a vesselprint report/.test(e.message));
  assert.ok(existsSync(join(foreign, 'thesis.tex')));
  const none = join(dir, 'no-notebooks');
  await assert.rejects(writeReport(store, join(dir, 'r1'), { experiment: 'nope', notebooksDir: none }), (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /"model-cv"/.test(e.message));
  await assert.rejects(writeReport(store, join(dir, 'r2'), { compare: ['deadbeef'], notebooksDir: none }), (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /deadbeef/.test(e.message));
});

const chromium = '/usr/bin/chromium';
const haveBrowser = existsSync(chromium) && existsSync('node_modules/playwright-core');
const browserSkip = haveBrowser || process.env.CI ? false : 'needs /usr/bin/chromium and playwright-core (apt-get install chromium)';

test('the report opens from disk in headless Chromium: Plotly figures draw, images load, every link resolves', { skip: browserSkip, timeout: 120_000 }, async () => {
  assert.ok(haveBrowser, 'CI must have /usr/bin/chromium and playwright-core');
  const { store, dir, ids } = await makeStore();
  const out = join(dir, 'report');
  await writeReport(store, out, { notebooksDir: join(dir, 'none') });
  const { chromium: pw } = await import('playwright-core');
  const ctx = await pw.launchPersistentContext(join(dir, 'profile'), { executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = ctx.pages()[0] ?? await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const shots = process.env.VESSELPRINT_SCREENSHOTS;
    const visited = new Set<string>();
    const checkLinks = async (url: string): Promise<void> => {
      await page.goto(url);
      const targets = await page.$$eval('a[href], img[src], script[src]', (els) => els.map((e) => (e as unknown as { href?: string }).href || (e as unknown as { src?: string }).src || ""));
      for (const t of targets) {
        const u = new URL(t);
        assert.equal(u.protocol, 'file:', `link ${t} on ${url} leaves the site`);
        assert.ok(existsSync(decodeURIComponent(u.pathname)), `link ${t} on ${url} does not resolve`);
      }
      visited.add(url);
    };
    const indexUrl = pathToFileURL(join(out, 'index.html')).href;
    await checkLinks(indexUrl);
    if (shots) await page.screenshot({ path: join(shots, 'report-index.png'), fullPage: true });
    // Tick two runs and compare them: only their columns are shown, differing rows highlighted.
    await page.check(`input.pick[value="${ids.a}"]`);
    await page.check(`input.pick[value="${ids.b}"]`);
    await page.click('#compare-btn');
    await page.waitForURL(/compare\.html\?runs=/);
    assert.equal(await page.textContent('#shown-count'), '2');
    const visibleHeads = await page.$$eval('th[data-run]', (ths) => ths.filter((t) => (t as unknown as { offsetParent: unknown }).offsetParent !== null).map((t) => t.getAttribute('data-run')));
    assert.deepEqual(visibleHeads.sort(), [ids.a, ids.b].sort());
    const diffRows = await page.$$eval('tr.diff > th', (ths) => ths.map((t) => t.textContent));
    assert.ok(diffRows.includes('model') && diffRows.includes('auc') && diffRows.includes('status'), diffRows.join(','));
    assert.ok(!diffRows.includes('lambda'));
    if (shots) await page.screenshot({ path: join(shots, 'report-compare.png'), fullPage: true });
    // The run page: Plotly figure drawn (SVG inside), PNG and SVG images decoded.
    const runUrl = pathToFileURL(join(out, 'runs', `${ids.a}.html`)).href;
    await checkLinks(runUrl);
    await page.waitForSelector('div.plotly-figure[data-rendered="true"] svg.main-svg', { timeout: 30_000 });
    const traces = await page.$$eval('div.plotly-figure .scatterlayer .trace', (t) => t.length);
    assert.equal(traces, 1);
    const imgs = await page.$$eval('figure img', (els) => els.map((e) => (e as unknown as { naturalWidth: number }).naturalWidth));
    assert.deepEqual(imgs.sort((x, y) => x - y), [48, 60]);
    const rocCaption = await page.$$eval('figure figcaption', (els) => els.map((e) => e.textContent ?? '').find((t) => t.startsWith('figures/roc.json')) ?? '');
    assert.match(rocCaption, /\(also svg\)/);
    if (shots) await page.screenshot({ path: join(shots, 'report-run.png'), fullPage: true });
    // A forest plot with long feature names: no y tick label (names on the left, numbers on the right) is clipped at the figure's edges.
    await page.goto(pathToFileURL(join(out, 'runs', `${ids.b}.html`)).href);
    await page.waitForSelector('div.plotly-figure[data-rendered="true"] svg.main-svg', { timeout: 30_000 });
    const clipped = await page.$$eval('div.plotly-figure', (divs) => divs.flatMap((d) => {
      const box = d.getBoundingClientRect();
      return [...d.querySelectorAll('.ytick text, .y2tick text')].map((t) => t.getBoundingClientRect()).filter((r) => r.left < box.left - 0.5 || r.right > box.right + 0.5).map((r) => `${r.left}..${r.right} outside ${box.left}..${box.right}`);
    }));
    assert.deepEqual(clipped, []);
    if (shots) await page.screenshot({ path: join(shots, 'report-run-forest.png'), fullPage: true });
    for (const p of ['compare.html', 'notebooks.html', `runs/${ids.f1}.html`, `runs/${ids.c}.html`]) await checkLinks(pathToFileURL(join(out, p)).href);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});
