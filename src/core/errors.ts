/**
 * The one error type of vesselprint. Every failure a user can cause (bad file, bad manifest row,
 * bad option) is a `VesselprintError` with a stable `code` and, where it applies, the offending
 * `path`, `row` (1-based data row of a table, header excluded) and `field` (column or option name).
 *
 * @example
 * throw new VesselprintError('MANIFEST_FIELD', 'expected a number, got "abc"', { path: 'm.csv', row: 3, field: 'age' });
 * // message: "m.csv: row 3: field age: expected a number, got \"abc\""
 */
export type ErrorCode =
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'UNSUPPORTED_FORMAT'
  | 'CORRUPT_FILE'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_FIELD'
  | 'CONFIG_INVALID'
  | 'BAD_ARGUMENT'
  | 'EMPTY_INPUT'
  | 'SHAPE_MISMATCH'
  | 'NOT_IMPLEMENTED'
  | 'TRACKING'
  | 'BACKEND'
  | 'EXTERNAL_TOOL';

export interface ErrorContext {
  /** File the problem is in. */
  path?: string;
  /** 1-based data row (header excluded). */
  row?: number;
  /** Column, field or option name. */
  field?: string;
  /** Underlying error, kept for debugging (never printed by the CLI unless --verbose). */
  cause?: unknown;
}

export class VesselprintError extends Error {
  readonly code: ErrorCode;
  readonly path?: string;
  readonly row?: number;
  readonly field?: string;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}) {
    const where = [
      context.path,
      context.row !== undefined ? `row ${context.row}` : undefined,
      context.field !== undefined ? `field ${context.field}` : undefined,
    ].filter((s): s is string => s !== undefined);
    super(where.length > 0 ? `${where.join(': ')}: ${message}` : message, { cause: context.cause });
    this.name = 'VesselprintError';
    this.code = code;
    if (context.path !== undefined) this.path = context.path;
    if (context.row !== undefined) this.row = context.row;
    if (context.field !== undefined) this.field = context.field;
  }
}

/** True when `e` is a {@link VesselprintError}, optionally with the given code. */
export function isVesselprintError(e: unknown, code?: ErrorCode): e is VesselprintError {
  return e instanceof VesselprintError && (code === undefined || e.code === code);
}

/**
 * Checks that `value` is one of `allowed`, else throws `BAD_ARGUMENT` listing the allowed values.
 * @example oneOf('method', 'frangi', ['frangi', 'matched'] as const) // 'frangi'
 */
export function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new VesselprintError('BAD_ARGUMENT', `expected one of ${allowed.map((a) => `"${a}"`).join(', ')}, got "${value}"`, { field });
}
