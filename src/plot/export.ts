/**
 * Static export of Plotly specs through headless Chromium (Debian `chromium` driven by
 * `playwright-core`; no browser download): vector PDF with embedded fonts (Chromium's print to
 * PDF of the live SVG), SVG with text kept as `<text>` (Plotly's own SVG serialiser) and PNG at
 * the requested dpi (Plotly's raster at scale dpi/96, with the dpi written into pHYs). One
 * browser and one page (with plotly.js loaded once) are reused for every figure of the process;
 * call {@link closeFigureExporter} when done.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { VesselprintError } from '../core/errors.js';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { applyTheme, DEFAULT_THEME, mmToPx, type ThemeOptions } from './theme.js';
import { withPngDpi } from './pngDpi.js';
import type { Figure } from './types.js';

export interface ExportOptions {
  /** Print width in mm. Default: the spec's layout.width, else 88 (single column). */
  widthMm?: number;
  /** Print height in mm. Default: the spec's layout.height, else 0.75 × width. */
  heightMm?: number;
  /** PNG resolution in dots per inch (recorded in the file). Default 300. */
  dpi?: number;
  /** Apply the publication theme at this size (default true); pass options to change fonts. */
  theme?: boolean | Omit<ThemeOptions, 'widthMm' | 'heightMm'>;
}

export type ExportFormat = 'pdf' | 'svg' | 'png';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Path of the Chromium binary (VESSELPRINT_CHROMIUM overrides), or a clear error naming the fix. */
export function findChromium(): string {
  const env = process.env.VESSELPRINT_CHROMIUM;
  if (env) {
    if (!existsSync(env)) throw new VesselprintError('EXTERNAL_TOOL', `VESSELPRINT_CHROMIUM points to ${env}, which does not exist`);
    return env;
  }
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!found)
    throw new VesselprintError(
      'EXTERNAL_TOOL',
      `figure export needs Chromium, which was not found (looked at ${CHROMIUM_CANDIDATES.join(', ')}). Install it with \`sudo apt-get install -y --no-install-recommends chromium\` or set VESSELPRINT_CHROMIUM=/path/to/chromium`,
    );
  return found;
}

interface Session {
  ctx: BrowserContext;
  page: Page;
  dir: string;
}
let session: Promise<Session> | undefined;

async function open(): Promise<Session> {
  const executablePath = findChromium();
  let pw: typeof import('playwright-core');
  try {
    pw = await import('playwright-core');
  } catch (e) {
    throw new VesselprintError(
      'EXTERNAL_TOOL',
      'figure export needs the npm package playwright-core: npm install playwright-core plotly.js-dist-min',
      { cause: e },
    );
  }
  const plotlyPath = createRequire(import.meta.url).resolve('plotly.js-dist-min');
  const dir = mkdtempSync(join(tmpdir(), 'vesselprint-chromium-'));
  const ctx = await pw.chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-extensions',
      '--no-first-run',
      '--disable-sync',
      '--font-render-hinting=none',
    ],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.setContent(
    '<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}</style></head><body><div id="fig"></div></body></html>',
  );
  await page.addScriptTag({ content: readFileSync(plotlyPath, 'utf8') });
  return { ctx, page, dir };
}

/** Closes the shared browser (safe to call when none is open). */
export async function closeFigureExporter(): Promise<void> {
  const s = session;
  session = undefined;
  if (!s) return;
  const { ctx, dir } = await s;
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
}

/** The format of an output path from its extension. */
export function formatOf(path: string): ExportFormat {
  const ext = extname(path).toLowerCase().slice(1);
  if (ext === 'pdf' || ext === 'svg' || ext === 'png') return ext;
  throw new VesselprintError('BAD_ARGUMENT', `figure output must end in .pdf, .svg or .png, got "${path}"`, { field: 'out' });
}

/** Resolves the print size (mm) of a spec under the given options. */
function printSize(spec: Figure, options: ExportOptions): { widthMm: number; heightMm: number } {
  const lw = typeof spec.layout.width === 'number' ? spec.layout.width / mmToPx(1) : undefined;
  const lh = typeof spec.layout.height === 'number' ? spec.layout.height / mmToPx(1) : undefined;
  const widthMm = options.widthMm ?? lw ?? DEFAULT_THEME.widthMm;
  const heightMm = options.heightMm ?? lh ?? widthMm * 0.75;
  if (!(widthMm > 0 && heightMm > 0 && widthMm <= 1000 && heightMm <= 1000))
    throw new VesselprintError('BAD_ARGUMENT', `figure size must be in (0, 1000] mm, got ${widthMm}×${heightMm}`, { field: 'widthMm' });
  return { widthMm, heightMm };
}

/**
 * Renders a spec to bytes in the given format (browser reused across calls).
 * @throws VesselprintError EXTERNAL_TOOL when Chromium or playwright-core is missing
 * @example await renderFigure(rocFigure(curves), 'pdf', { widthMm: 88, heightMm: 80 }) // %PDF-… bytes
 */
export async function renderFigure(spec: Figure, format: ExportFormat, options: ExportOptions = {}): Promise<Uint8Array> {
  if (!spec || !Array.isArray(spec.data))
    throw new VesselprintError('BAD_ARGUMENT', 'renderFigure: expected a Plotly spec { data: [...], layout: {...} }');
  const { widthMm, heightMm } = printSize(spec, options);
  const dpi = options.dpi ?? 300;
  if (!(dpi >= 30 && dpi <= 2400)) throw new VesselprintError('BAD_ARGUMENT', `dpi must be 30–2400, got ${dpi}`, { field: 'dpi' });
  const themed =
    options.theme === false
      ? { data: spec.data, layout: { ...spec.layout } }
      : applyTheme(
          { data: spec.data, layout: spec.layout ?? {} },
          { ...(typeof options.theme === 'object' ? options.theme : {}), widthMm, heightMm },
        );
  const w = Math.round(mmToPx(widthMm)),
    h = Math.round(mmToPx(heightMm));
  themed.layout.width = w;
  themed.layout.height = h;
  session ??= open();
  let s: Session;
  try {
    s = await session;
  } catch (e) {
    session = undefined;
    throw e;
  }
  const page = s.page;
  await page.evaluate(
    async ({ data, layout, w, h }) => {
      const P = (globalThis as unknown as { Plotly: { newPlot: (...a: unknown[]) => Promise<unknown>; purge: (d: unknown) => void } })
        .Plotly;
      const div = (
        globalThis as unknown as { document: { getElementById: (id: string) => { style: Record<string, string> } } }
      ).document.getElementById('fig');
      P.purge(div);
      div.style.width = `${w}px`;
      div.style.height = `${h}px`;
      await P.newPlot(div, data, layout, { staticPlot: true, displayModeBar: false, responsive: false });
    },
    { data: themed.data, layout: themed.layout, w, h },
  );
  if (format === 'pdf') {
    const pdf = await page.pdf({
      width: `${widthMm}mm`,
      height: `${heightMm}mm`,
      printBackground: true,
      margin: { top: '0', right: '0', bottom: '0', left: '0' },
      pageRanges: '1',
    });
    return new Uint8Array(pdf);
  }
  const url = await page.evaluate(
    async ({ format, w, h, scale }) => {
      const P = (globalThis as unknown as { Plotly: { toImage: (...a: unknown[]) => Promise<string> } }).Plotly;
      const doc = (globalThis as unknown as { document: { getElementById: (id: string) => unknown } }).document;
      return P.toImage(doc.getElementById('fig'), { format, width: w, height: h, scale });
    },
    { format, w, h, scale: format === 'png' ? dpi / 96 : 1 },
  );
  if (format === 'svg') return new TextEncoder().encode(decodeURIComponent(url.slice(url.indexOf(',') + 1)));
  return withPngDpi(new Uint8Array(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')), dpi);
}

/**
 * Writes a figure to `path` (.pdf, .svg or .png, chosen by extension), atomically.
 * @example await exportFigure(shapBeeswarm(expl, x, names), 'fig2.pdf', { widthMm: 180, heightMm: 90 })
 */
export async function exportFigure(
  spec: Figure,
  path: string,
  options: ExportOptions = {},
): Promise<{ path: string; format: ExportFormat; bytes: number; widthMm: number; heightMm: number }> {
  const format = formatOf(path);
  const bytes = await renderFigure(spec, format, options);
  writeFileAtomic(path, bytes);
  return { path, format, bytes: bytes.length, ...printSize(spec, options) };
}
