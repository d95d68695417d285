/**
 * Small HTML helpers of the static report: escaping, value formatting and the page frame
 * (inline CSS, navigation) shared by every page. Pure string functions.
 */

/**
 * Escapes text for HTML element content and attribute values (`& < > " '`).
 * @example escapeHtml('<a href="x">') // '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * JSON for embedding inside `<script type="application/json">`: `<`, `>`, `&` and the line
 * separators U+2028/U+2029 are written as `\u` escapes so the text can never close the script.
 * @example scriptJson({ a: '</script>' }) // '{"a":"\\u003c/script\\u003e"}'
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A metric value for a table cell: integers as they are, other finite numbers with 4
 * significant digits, NaN/±Infinity by name.
 * @example formatNumber(0.876543) // '0.8765'
 */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  if (!Number.isFinite(x)) return String(x);
  return x.toPrecision(4).replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
}

/**
 * Encodes each segment of a `/`-separated relative path for use in an `href`/`src`
 * (keeps the slashes; spaces, `#`, `?` and non-ASCII become percent escapes).
 * @example hrefPath('runs/a b/x#1.svg') // 'runs/a%20b/x%231.svg'
 */
export function hrefPath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif;margin:0;color:#1b1f24;background:#fafbfc}
header{background:#17324d;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:baseline}
header a{color:#cfe3ff;text-decoration:none}header a:hover{text-decoration:underline}
header .brand{font-weight:600;color:#fff}
main{padding:16px 24px;max-width:1400px}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}h3{font-size:1.05em}
table{border-collapse:collapse;font-size:13px;margin:8px 0;background:#fff}
th,td{border:1px solid #d8dee4;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#eef2f6;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.child td:nth-child(2){padding-left:22px}
tr.diff td{background:#fff7d6}
.status-FINISHED{color:#1a7f37}.status-FAILED,.status-KILLED{color:#cf222e}.status-RUNNING{color:#9a6700}
.scroll{overflow-x:auto}
pre{background:#f3f5f7;border:1px solid #d8dee4;padding:8px;overflow:auto;max-height:480px;font-size:12px}
.figures{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
figure{margin:0;background:#fff;border:1px solid #d8dee4;padding:8px}
figure img{max-width:640px;max-height:520px;display:block}
figcaption{font-size:12px;color:#57606a;margin-top:4px}
.plotly-figure{width:640px;height:440px}
code{font-size:12px}
.muted{color:#57606a}
`;

/** Options of {@link page}. */
export interface PageOptions {
  /** Relative path from this page back to the site root (`''` or `'../'`). */
  root: string;
  /** Include the bundled plotly.js (`assets/plotly.min.js`). */
  plotly?: boolean;
  /** Extra script run at the end of the body. */
  script?: string;
}

/**
 * A complete HTML document with the report's header navigation (runs, compare, notebooks).
 * Links are relative so the site opens from disk without a server.
 */
export function page(title: string, body: string, options: PageOptions): string {
  const r = options.root;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · vesselprint report</title><style>${CSS}</style>
${options.plotly ? `<script src="${r}assets/plotly.min.js"></script>` : ''}</head>
<body><header><span class="brand">vesselprint report</span><a href="${r}index.html">Runs</a><a href="${r}compare.html">Compare</a><a href="${r}notebooks.html">Notebooks</a></header>
<main>
${body}
</main>
${options.script ? `<script>${options.script}</script>` : ''}
</body></html>
`;
}
