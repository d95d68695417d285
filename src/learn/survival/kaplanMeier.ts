/**
 * Kaplan–Meier survival curve with Greenwood standard errors and log(−log) confidence
 * intervals, and numbers at risk at chosen times (for the table under a KM figure).
 *
 * Ŝ(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ) (Kaplan & Meier 1958, doi:10.1080/01621459.1958.10501452);
 * Var Ŝ(t) = Ŝ(t)² Σ dᵢ/(nᵢ(nᵢ−dᵢ)) (Greenwood 1926); CI Ŝ^{exp(±z·σ/log Ŝ)} with
 * σ² = Σ dᵢ/(nᵢ(nᵢ−dᵢ)) / (log Ŝ)² (Kalbfleisch & Prentice 2002, §1.3; R survival `conf.type="log-log"`).
 */
import { VesselprintError } from '../../core/errors.js';
import { zQuantile } from '../stats/distributions.js';

export interface KaplanMeierOptions {
  /** Confidence level. Default 0.95. */
  level?: number;
}

export interface KaplanMeierCurve {
  /** Distinct observed times (events or censorings), ascending. */
  time: number[];
  /** At risk just before each time. */
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  /** Ŝ just after each time. */
  survival: number[];
  /** Greenwood SE of Ŝ. */
  se: number[];
  ciLow: number[];
  ciHigh: number[];
  n: number;
  nEvents: number;
}

/**
 * @throws VesselprintError BAD_ARGUMENT for different lengths, a negative/non-finite time or an event code other than 0/1.
 * @example kaplanMeier([1, 2, 2, 3], [1, 1, 0, 1]).survival // [0.75, 0.5, 0.5, 0] (times 1, 2, 3)
 */
export function kaplanMeier(time: readonly number[], event: readonly number[], options: KaplanMeierOptions = {}): KaplanMeierCurve {
  if (time.length !== event.length)
    throw new VesselprintError('SHAPE_MISMATCH', `kaplanMeier: ${time.length} times but ${event.length} event indicators`);
  time.forEach((t, i) => {
    if (!(t >= 0) || !Number.isFinite(t))
      throw new VesselprintError('BAD_ARGUMENT', `kaplanMeier: time must be finite and ≥ 0, got ${t} at row ${i + 1}`, {
        row: i + 1,
        field: 'time',
      });
    if (event[i] !== 0 && event[i] !== 1)
      throw new VesselprintError('BAD_ARGUMENT', `kaplanMeier: event must be 0/1, got ${event[i]} at row ${i + 1}`, {
        row: i + 1,
        field: 'event',
      });
  });
  const z = zQuantile(1 - (1 - (options.level ?? 0.95)) / 2);
  const idx = time.map((_, i) => i).sort((a, b) => time[a]! - time[b]!);
  const out: KaplanMeierCurve = {
    time: [],
    nRisk: [],
    nEvent: [],
    nCensor: [],
    survival: [],
    se: [],
    ciLow: [],
    ciHigh: [],
    n: time.length,
    nEvents: 0,
  };
  let atRisk = time.length,
    s = 1,
    gw = 0;
  for (let k = 0; k < idx.length;) {
    const t = time[idx[k]!]!;
    let d = 0,
      c = 0;
    while (k < idx.length && time[idx[k]!] === t) {
      if (event[idx[k]!] === 1) d++;
      else c++;
      k++;
    }
    s *= 1 - d / atRisk;
    if (d > 0 && atRisk > d) gw += d / (atRisk * (atRisk - d));
    const se = s * Math.sqrt(gw);
    let lo = NaN,
      hi = NaN;
    if (s > 0 && s < 1) {
      const sig = Math.sqrt(gw) / Math.abs(Math.log(s));
      lo = s ** Math.exp(z * sig);
      hi = s ** Math.exp(-z * sig);
    } else if (s === 1) {
      lo = 1;
      hi = 1;
    }
    out.time.push(t);
    out.nRisk.push(atRisk);
    out.nEvent.push(d);
    out.nCensor.push(c);
    out.survival.push(s);
    out.se.push(se);
    out.ciLow.push(lo);
    out.ciHigh.push(hi);
    out.nEvents += d;
    atRisk -= d + c;
  }
  return out;
}

/** Ŝ(t) of a curve (step function, right-continuous; 1 before the first time). */
export function survivalAt(curve: KaplanMeierCurve, t: number): number {
  let s = 1;
  for (let i = 0; i < curve.time.length && curve.time[i]! <= t; i++) s = curve.survival[i]!;
  return s;
}

/** Numbers still at risk at each of `times` (observed time ≥ t). @example numberAtRisk([1, 2, 5], [0, 2, 4]) // [3, 2, 1] */
export function numberAtRisk(time: readonly number[], times: readonly number[]): number[] {
  return times.map((t) => time.filter((u) => u >= t).length);
}
