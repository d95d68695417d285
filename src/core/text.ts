/**
 * Text of a value read from JSON, YAML, CSV or a database row, for a table cell or a string field:
 * strings unchanged, numbers/booleans/bigints as `String(v)`, objects and arrays as JSON (instead of
 * JavaScript's unhelpful `[object Object]`), `null`/`undefined` as `''`.
 * @example scalarText(1.5) // '1.5'
 * @example scalarText({ a: 1 }) // '{"a":1}'
 */
export function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v as number | boolean | bigint | symbol);
}
