import { VesselprintError } from '../core/errors.js';
import type { Discretization } from './discretize.js';
import { FAMILY_IDS, type FamilyId } from './types.js';

/**
 * Parses `none | fbn:N | fbs:W[:MIN]` (the CLI's `--discretization`).
 * @example parseDiscretization('fbs:0.5:-10') // { method: 'fbs', width: 0.5, min: -10 }
 * @throws VesselprintError BAD_ARGUMENT (field `discretization`)
 */
export function parseDiscretization(s: string): Discretization {
  const parts = s.trim().toLowerCase().split(':');
  const bad = (why: string): never => {
    throw new VesselprintError('BAD_ARGUMENT', `${why}; expected none, fbn:N (N a positive integer) or fbs:W[:MIN] (W > 0), got "${s}"`, {
      field: 'discretization',
    });
  };
  if (parts[0] === 'none' && parts.length === 1) return { method: 'none' };
  if (parts[0] === 'fbn') {
    const n = Number(parts[1]);
    if (parts.length !== 2 || !Number.isInteger(n) || n < 1) bad('fbn needs a positive integer bin number');
    return { method: 'fbn', bins: n };
  }
  if (parts[0] === 'fbs') {
    const w = Number(parts[1]);
    if (parts.length < 2 || parts.length > 3 || !(w > 0) || !Number.isFinite(w)) bad('fbs needs a positive bin width');
    if (parts.length === 3) {
      const min = Number(parts[2]);
      if (parts[2] === '' || !Number.isFinite(min)) bad('fbs lower bound must be a number');
      return { method: 'fbs', width: w, min };
    }
    return { method: 'fbs', width: w };
  }
  return bad('unknown discretization');
}

/**
 * Parses `all` or a comma list of families (`stat,ih,ivh,glcm,glrlm,glszm,gldzm,ngtdm,ngldm,morph`).
 * @example parseFamilies('glcm,stat') // ['stat', 'glcm'] (registry order)
 * @throws VesselprintError BAD_ARGUMENT (field `families`)
 */
export function parseFamilies(s: string): FamilyId[] {
  const items = s
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter((x) => x.length > 0);
  if (items.length === 0)
    throw new VesselprintError('BAD_ARGUMENT', `expected "all" or a comma list of ${FAMILY_IDS.join(', ')}, got "${s}"`, {
      field: 'families',
    });
  if (items.includes('all')) return [...FAMILY_IDS];
  for (const it of items) {
    if (!(FAMILY_IDS as readonly string[]).includes(it)) {
      throw new VesselprintError('BAD_ARGUMENT', `unknown family "${it}"; expected all or a comma list of ${FAMILY_IDS.join(', ')}`, {
        field: 'families',
      });
    }
  }
  return FAMILY_IDS.filter((f) => items.includes(f));
}
