import type { ArtifactKind } from './types.js';

/** What {@link classifyArtifact} found in an artifact's bytes. */
export interface ArtifactClass {
  kind: ArtifactKind;
  figure?: { data: unknown[]; layout?: unknown };
  text?: string;
}

const IMAGE_EXT = new Set(['svg', 'png', 'jpg', 'jpeg', 'gif', 'webp']);
const TEXT_EXT = new Set(['txt', 'log', 'md', 'json', 'yaml', 'yml']);
const CONFIG_NAME = /(^|\/)(config|experiment|params|MLmodel)[^/]*\.(json|ya?ml)$|(^|\/)MLmodel$/i;

/**
 * Decides how the report shows an artifact, from its path and bytes:
 * - `plotly`: a `.json` whose top level is an object with a `data` array (a Plotly spec as
 *   `ActiveRun.logFigure` writes it) — rendered with plotly.js;
 * - `image`: `.svg`, `.png`, `.jpg`, `.gif`, `.webp` — shown with `<img>`;
 * - `config`: `config*.json|yaml`, `experiment*.…`, `MLmodel` — shown inline as text;
 * - `table`: `.csv`/`.tsv` — a link plus the first lines inline;
 * - `text`: other `.json`, `.yaml`, `.txt`, `.md`, `.log` — shown inline (truncated);
 * - `other`: anything else (Parquet, model weights) — a link only.
 * Invalid JSON is shown as text, never an error.
 * @param maxChars characters of text kept for inline display (default 20 000)
 * @example classifyArtifact('figures/roc.json', bytesOf('{"data":[]}')).kind // 'plotly'
 */
export function classifyArtifact(path: string, bytes: Uint8Array, maxChars = 20_000): ArtifactClass {
  const ext = (path.toLowerCase().split('/').pop() ?? '').split('.').slice(1).pop() ?? '';
  const asText = (): string => {
    const s = Buffer.from(bytes.subarray(0, maxChars * 4)).toString('utf8');
    return s.length > maxChars ? `${s.slice(0, maxChars)}\n… (truncated)` : s;
  };
  if (IMAGE_EXT.has(ext)) return { kind: 'image' };
  if (ext === 'json') {
    let parsed: unknown;
    try { parsed = JSON.parse(Buffer.from(bytes).toString('utf8')); } catch { parsed = undefined; }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && Array.isArray((parsed as { data?: unknown }).data)) {
      const p = parsed as { data: unknown[]; layout?: unknown };
      return { kind: 'plotly', figure: p.layout === undefined ? { data: p.data } : { data: p.data, layout: p.layout } };
    }
  }
  if (CONFIG_NAME.test(path)) return { kind: 'config', text: asText() };
  if (ext === 'csv' || ext === 'tsv') {
    const lines = asText().split('\n');
    return { kind: 'table', text: lines.length > 21 ? `${lines.slice(0, 21).join('\n')}\n… (${lines.length - 21} more lines)` : lines.join('\n') };
  }
  if (TEXT_EXT.has(ext)) return { kind: 'text', text: asText() };
  return { kind: 'other' };
}
