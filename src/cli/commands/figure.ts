/**
 * `vesselprint figure SPEC.json --out fig.pdf|fig.svg|fig.png --width-mm W --height-mm H [--dpi D]`:
 * exports a saved Plotly spec through headless Chromium with the publication theme
 * (docs/figures.md). `--no-theme` keeps the spec's own fonts and margins.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { VesselprintError } from '../../core/errors.js';
import { closeFigureExporter, exportFigure, formatOf } from '../../plot/export.js';
import type { Figure } from '../../plot/types.js';
import { parsePositive } from '../parsePositive.js';

const positive =
  (field: string) =>
  (s: string): number =>
    parsePositive(s, field);

/** Reads and checks a spec file. */
function readSpec(path: string): Figure {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new VesselprintError('FILE_NOT_FOUND', 'cannot read figure spec', { path, cause: e });
  }
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new VesselprintError('CORRUPT_FILE', `not valid JSON: ${(e as Error).message}`, { path, cause: e });
  }
  if (typeof obj !== 'object' || obj === null || !Array.isArray((obj as { data?: unknown }).data))
    throw new VesselprintError('BAD_ARGUMENT', 'expected a Plotly spec { "data": [...], "layout": {...} }', { path, field: 'data' });
  const o = obj as { data: Figure['data']; layout?: unknown };
  return { data: o.data, layout: typeof o.layout === 'object' && o.layout !== null ? (o.layout as Record<string, unknown>) : {} };
}

export function register(program: Command): void {
  program
    .command('figure')
    .description('export a saved Plotly spec (JSON) to PDF, SVG or PNG at print size')
    .argument('<spec>', 'Plotly figure spec (JSON)')
    .requiredOption('--out <file>', 'output: .pdf (vector, fonts embedded), .svg (text as text) or .png')
    .option('--width-mm <mm>', "print width in mm (single column 88, double 180); default: the spec's size or 88", positive('width-mm'))
    .option('--height-mm <mm>', "print height in mm; default: the spec's size or 0.75 × width", positive('height-mm'))
    .option('--dpi <dpi>', 'PNG resolution, recorded in the file (default 300)', positive('dpi'))
    .option('--no-theme', 'do not apply the publication theme')
    .option('--json', 'print what was written as JSON')
    .action(async (spec: string, o: { out: string; widthMm?: number; heightMm?: number; dpi?: number; theme: boolean; json?: boolean }) => {
      formatOf(o.out);
      const fig = readSpec(spec);
      try {
        const r = await exportFigure(fig, o.out, {
          ...(o.widthMm !== undefined ? { widthMm: o.widthMm } : {}),
          ...(o.heightMm !== undefined ? { heightMm: o.heightMm } : {}),
          ...(o.dpi !== undefined ? { dpi: o.dpi } : {}),
          theme: o.theme,
        });
        process.stdout.write(
          o.json
            ? `${JSON.stringify({ ...r, ...(r.format === 'png' ? { dpi: o.dpi ?? 300 } : {}) })}\n`
            : `wrote ${r.path} (${r.format.toUpperCase()}, ${r.widthMm.toFixed(1)} × ${r.heightMm.toFixed(1)} mm, ${r.bytes} bytes)\n`,
        );
      } finally {
        await closeFigureExporter();
      }
    });
}
