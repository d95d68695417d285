import { stringify as csvStringify } from 'csv-stringify/sync';
import { stringify as yamlStringify } from 'yaml';
import { VesselprintError } from '../core/errors.js';
import { scalarText } from '../core/text.js';

/** A Plotly figure spec as the plot/ builders return it: `{ data: [...traces], layout?, config? }`. */
export interface PlotlyFigure {
  data: readonly unknown[];
  layout?: unknown;
  config?: unknown;
  frames?: readonly unknown[];
}

const te = new TextEncoder();

/**
 * Bytes of a figure artifact: a Plotly spec becomes JSON (path must end in `.json`); rendered
 * figures are given as bytes (or SVG text) and checked against their extension's signature
 * (`.svg` contains `<svg`, `.pdf` starts with `%PDF-`, `.png` with the PNG magic number).
 * @throws VesselprintError `BAD_ARGUMENT` naming the path when figure and extension do not match
 * @example figureBytes({ data: [] }, 'figures/roc.json') // UTF-8 JSON bytes
 */
export function figureBytes(figure: PlotlyFigure | Uint8Array | string, artifactPath: string): Uint8Array {
  const ext = artifactPath.toLowerCase().split('.').pop() ?? '';
  const bad = (why: string): never => {
    throw new VesselprintError('BAD_ARGUMENT', `logFigure: ${why}`, { field: artifactPath });
  };
  if (typeof figure === 'string' || figure instanceof Uint8Array) {
    const bytes = typeof figure === 'string' ? te.encode(figure) : figure;
    const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
    if (ext === 'svg') {
      if (!head.includes('<svg') && !Buffer.from(bytes).toString('utf8').includes('<svg')) bad('expected SVG text containing <svg');
    } else if (ext === 'pdf') {
      if (!head.startsWith('%PDF-')) bad('expected PDF bytes starting with %PDF-');
    } else if (ext === 'png') {
      if (!head.startsWith('\x89PNG')) bad('expected PNG bytes');
    } else if (ext !== 'html' && ext !== 'jpg' && ext !== 'jpeg') bad('rendered figures must be .svg, .pdf, .png, .jpg or .html');
    return bytes;
  }
  if (figure === null || typeof figure !== 'object' || !Array.isArray(figure.data))
    bad('expected a Plotly figure { data: [...] } or rendered bytes');
  if (ext !== 'json') bad('a Plotly spec is stored as JSON: the artifact path must end in .json');
  return te.encode(`${JSON.stringify(figure, null, 1)}\n`);
}

/**
 * CSV bytes of a table: one row per object; the columns are the union of the rows' keys in
 * first-seen order; `null`/`undefined` → empty cell; numbers as `String(x)`; objects as JSON.
 * @example tableBytes([{ a: 1, b: 'x' }, { a: 2 }]) // "a,b\n1,x\n2,\n"
 */
export function tableBytes(rows: readonly object[]): Uint8Array {
  if (!Array.isArray(rows as unknown))
    throw new VesselprintError('BAD_ARGUMENT', 'logTable: expected an array of row objects', { field: 'rows' });
  const columns: string[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r as unknown))
      throw new VesselprintError('BAD_ARGUMENT', 'logTable: expected an object', { row: i + 1 });
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
  });
  const data = rows.map((r) => columns.map((c) => scalarText((r as Record<string, unknown>)[c])));
  return te.encode(csvStringify([columns, ...data]));
}

/**
 * Bytes of a dictionary artifact: JSON (2-space indent) for `.json`, YAML for `.yaml`/`.yml`.
 * @example dictBytes({ seed: 1 }, 'config.yaml') // "seed: 1\n"
 */
export function dictBytes(obj: unknown, artifactPath: string): Uint8Array {
  const ext = artifactPath.toLowerCase().split('.').pop();
  if (ext === 'json') return te.encode(`${JSON.stringify(obj, null, 2)}\n`);
  if (ext === 'yaml' || ext === 'yml') return te.encode(yamlStringify(obj));
  throw new VesselprintError('BAD_ARGUMENT', 'logDict: the artifact path must end in .json, .yaml or .yml', { field: artifactPath });
}
