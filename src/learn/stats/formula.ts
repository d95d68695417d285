/**
 * Formula-like model specification, `outcome ~ exposure*sex + age + C(site) + rcs(bmi, 4)`, in
 * the spirit of R / patsy: the left side names the outcome column, the right side lists terms
 * separated by `+`. `C(col)` forces a column to be categorical (one-hot, treatment coding);
 * `rcs(col, k)` is Harrell's restricted cubic spline with k knots (stats/rcs.ts); `a:b` is the
 * interaction (product) of a and b; `a*b` expands to `a + b + a:b` (patsy). Main effects come
 * first in order of appearance, then interactions (patsy's order by degree); repeated terms are
 * kept once. The first main effect is the exposure of interest. An intercept is always included.
 */
import { VesselprintError } from '../../core/errors.js';

export interface FormulaTerm {
  /** Term label: the column of a main effect or spline, `a:b` for an interaction. */
  column: string;
  /** True when written as `C(col)` (main effects). */
  categorical: boolean;
  /** `rcs(col, k)`: the number of knots. */
  rcs?: number;
  /** Interaction terms: the component columns (≥ 2). */
  components?: string[];
}

export interface Formula {
  outcome: string;
  terms: FormulaTerm[];
  /** Columns written as `C(col)` anywhere (also inside interactions). */
  forcedCategorical?: string[];
}

interface Atom {
  column: string;
  categorical: boolean;
  rcs?: number;
}

function parseAtom(raw: string, spec: string): Atom {
  const t = raw.trim();
  if (t === '' || /[\^|]/.test(t) || t === '0' || t === '-1' || /^-/.test(t)) {
    throw new VesselprintError(
      'NOT_IMPLEMENTED',
      `formula term "${t}": powers (^), nesting (|) and intercept removal are not supported in "${spec}"`,
      { field: 'formula' },
    );
  }
  const c = /^C\((.+)\)$/.exec(t);
  if (c) return { column: c[1]!.trim(), categorical: true };
  const r = /^rcs\(\s*([^,()]+?)\s*,\s*(\d+)\s*\)$/.exec(t);
  if (r) return { column: r[1]!, categorical: false, rcs: Number(r[2]) };
  if (/[(),]/.test(t))
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `formula term "${t}" is not a column, C(col), rcs(col, k) or an interaction (a:b, a*b) in "${spec}"`,
      { field: 'formula' },
    );
  return { column: t, categorical: false };
}

/**
 * Parses `outcome ~ a + b*C(c) + rcs(d, 4) + a:e`.
 * @throws VesselprintError BAD_ARGUMENT when there is no `~`, no outcome, no term, a malformed
 * term, the outcome on the right, or a spline inside an interaction (use the linear term there);
 * NOT_IMPLEMENTED for `^`, `|` and intercept removal.
 * @example parseFormula('sbp ~ vd*sex + rcs(age, 4)').terms.map((t) => t.column)
 * // ['vd', 'sex', 'age', 'vd:sex']
 */
export function parseFormula(spec: string): Formula {
  const parts = spec.split('~');
  if (parts.length !== 2)
    throw new VesselprintError('BAD_ARGUMENT', `formula must have exactly one "~" (outcome ~ terms), got "${spec}"`, { field: 'formula' });
  const outcome = parts[0]!.trim();
  if (outcome === '') throw new VesselprintError('BAD_ARGUMENT', `formula has no outcome before "~": "${spec}"`, { field: 'formula' });
  const rhs = parts[1]!.trim();
  if (rhs === '') throw new VesselprintError('BAD_ARGUMENT', `formula has no terms after "~": "${spec}"`, { field: 'formula' });
  const mains: FormulaTerm[] = [],
    inter: FormulaTerm[] = [];
  const forced = new Set<string>();
  const addMain = (a: Atom): void => {
    if (a.column === outcome)
      throw new VesselprintError('BAD_ARGUMENT', `formula uses the outcome "${outcome}" as a term`, { field: 'formula' });
    if (a.categorical) forced.add(a.column);
    const prev = mains.find((m) => m.column === a.column);
    if (prev) {
      if ((prev.rcs ?? 0) !== (a.rcs ?? 0))
        throw new VesselprintError('BAD_ARGUMENT', `formula uses "${a.column}" both linearly and as rcs(); choose one`, {
          field: 'formula',
        });
      prev.categorical ||= a.categorical;
      return;
    }
    mains.push({ column: a.column, categorical: a.categorical, ...(a.rcs !== undefined ? { rcs: a.rcs } : {}) });
  };
  const addInteraction = (atoms: Atom[]): void => {
    for (const a of atoms) {
      if (a.rcs !== undefined)
        throw new VesselprintError(
          'BAD_ARGUMENT',
          `rcs(${a.column}, ${a.rcs}) inside an interaction is not supported; interact the linear term (${a.column}) instead`,
          { field: 'formula' },
        );
      if (a.column === outcome)
        throw new VesselprintError('BAD_ARGUMENT', `formula uses the outcome "${outcome}" as a term`, { field: 'formula' });
      if (a.categorical) forced.add(a.column);
    }
    const cols = atoms.map((a) => a.column);
    if (new Set(cols).size !== cols.length)
      throw new VesselprintError('BAD_ARGUMENT', `interaction "${cols.join(':')}" repeats a column`, { field: 'formula' });
    const key = [...cols].sort().join(':');
    if (inter.some((t) => [...t.components!].sort().join(':') === key)) return;
    inter.push({ column: cols.join(':'), categorical: false, components: cols });
  };
  for (const piece of rhs.split('+')) {
    const p = piece.trim();
    if (p === '' || p === '1') continue;
    if (p.includes('*')) {
      const atoms = p.split('*').map((a) => parseAtom(a, spec));
      for (const a of atoms) addMain(a);
      // every subset of ≥ 2 factors, by size then position (patsy's expansion of a*b*c)
      for (let size = 2; size <= atoms.length; size++) {
        const pick = (start: number, acc: Atom[]): void => {
          if (acc.length === size) {
            addInteraction(acc);
            return;
          }
          for (let i = start; i < atoms.length; i++) pick(i + 1, [...acc, atoms[i]!]);
        };
        pick(0, []);
      }
    } else if (p.includes(':')) addInteraction(p.split(':').map((a) => parseAtom(a, spec)));
    else addMain(parseAtom(p, spec));
  }
  const terms = [...mains, ...inter.sort((a, b) => a.components!.length - b.components!.length)];
  if (terms.length === 0) throw new VesselprintError('BAD_ARGUMENT', `formula has no terms after "~": "${spec}"`, { field: 'formula' });
  return { outcome, terms, ...(forced.size > 0 ? { forcedCategorical: [...forced] } : {}) };
}

/** Builds the formula text from parts: `formulaOf('y', ['x', 'age'])` → `"y ~ x + age"`. */
export function formulaOf(outcome: string, terms: readonly string[]): string {
  return `${outcome} ~ ${terms.join(' + ')}`;
}
