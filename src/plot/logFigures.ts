/**
 * Logs figures to a tracking run so a thesis figure can be regenerated from its run: for each
 * figure the Plotly spec (which holds the plotted data) as `DIR/NAME.json`, plus rendered files
 * (`DIR/NAME.pdf`, `.png`, `.svg` as asked). The sink is anything with `logFigure(figure, path)`,
 * e.g. track's `ActiveRun` (plot/ does not import track/).
 */
import { renderFigure, type ExportFormat, type ExportOptions } from './export.js';
import type { Figure } from './types.js';

export interface FigureSink {
  logFigure(figure: Figure | Uint8Array, artifactPath: string): Promise<void>;
}

export interface LogFiguresOptions extends ExportOptions {
  /** Artifact folder. Default 'figures'. */
  dir?: string;
  /** Rendered formats. Default ['pdf', 'png']; [] logs only the specs. */
  formats?: readonly ExportFormat[];
}

/**
 * Logs every figure's spec and renderings; returns the artifact paths written.
 * @example await logFigures(run, standardShapFigures(t), { dir: 'explain/figures', widthMm: 88, heightMm: 75 })
 */
export async function logFigures(sink: FigureSink, figures: Record<string, Figure>, options: LogFiguresOptions = {}): Promise<string[]> {
  const dir = (options.dir ?? 'figures').replace(/\/+$/, '');
  const formats = options.formats ?? ['pdf', 'png'];
  const written: string[] = [];
  for (const [name, fig] of Object.entries(figures)) {
    await sink.logFigure(fig, `${dir}/${name}.json`);
    written.push(`${dir}/${name}.json`);
    for (const f of formats) {
      await sink.logFigure(await renderFigure(fig, f, options), `${dir}/${name}.${f}`);
      written.push(`${dir}/${name}.${f}`);
    }
  }
  return written;
}
