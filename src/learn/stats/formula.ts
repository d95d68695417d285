/**
 * Formula-like model specification, `outcome ~ exposure + age + C(sex)`, in the spirit of
 * R / patsy: the left side names the outcome column, the right side lists terms separated by
 * `+`. `C(col)` forces a column to be treated as categorical (one-hot, treatment coding).
 * The first right-hand term is the exposure of interest. An intercept is always included.
 */
import { VesselprintError } from '../../core/errors.js';

export interface FormulaTerm {
  /** Column name in the rows. */
  column: string;
  /** True when written as `C(col)`. */
  categorical: boolean;
}

export interface Formula {
  outcome: string;
  terms: FormulaTerm[];
}

/**
 * Parses `outcome ~ a + b + C(c)`.
 * @throws VesselprintError BAD_ARGUMENT when there is no `~`, no outcome, no term, or a repeated term.
 * @example parseFormula('dm ~ vd + age + C(sex)')
 * // { outcome: 'dm', terms: [{column:'vd',categorical:false},{column:'age',categorical:false},{column:'sex',categorical:true}] }
 */
export function parseFormula(spec: string): Formula {
  const parts = spec.split('~');
  if (parts.length !== 2) throw new VesselprintError('BAD_ARGUMENT', `formula must have exactly one "~" (outcome ~ terms), got "${spec}"`, { field: 'formula' });
  const outcome = parts[0]!.trim();
  if (outcome === '') throw new VesselprintError('BAD_ARGUMENT', `formula has no outcome before "~": "${spec}"`, { field: 'formula' });
  const rhs = parts[1]!.trim();
  if (rhs === '') throw new VesselprintError('BAD_ARGUMENT', `formula has no terms after "~": "${spec}"`, { field: 'formula' });
  const terms: FormulaTerm[] = [];
  for (const raw of rhs.split('+')) {
    const t = raw.trim();
    if (t === '' || t === '1') continue;
    if (/[*:^|]/.test(t) || t === '0' || t === '-1') {
      throw new VesselprintError('NOT_IMPLEMENTED', `formula term "${t}": interactions and intercept removal are not supported; list main effects only`, { field: 'formula' });
    }
    const m = /^C\((.+)\)$/.exec(t);
    const term = m ? { column: m[1]!.trim(), categorical: true } : { column: t, categorical: false };
    if (terms.some((x) => x.column === term.column) || term.column === outcome) {
      throw new VesselprintError('BAD_ARGUMENT', `formula repeats column "${term.column}"`, { field: 'formula' });
    }
    terms.push(term);
  }
  if (terms.length === 0) throw new VesselprintError('BAD_ARGUMENT', `formula has no terms after "~": "${spec}"`, { field: 'formula' });
  return { outcome, terms };
}

/** Builds the formula text from parts: `formulaOf('y', ['x', 'age'])` → `"y ~ x + age"`. */
export function formulaOf(outcome: string, terms: readonly string[]): string {
  return `${outcome} ~ ${terms.join(' + ')}`;
}
