/** Loads the IBSI 1 digital phantom and its reference values from test/fixtures/ibsi. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { extractFromRoi, prepareRoi } from '../../src/radiomics/extract.js';
import type { FeatureRecord } from '../../src/radiomics/types.js';
import { FEATURE_REGISTRY } from '../../src/radiomics/registry.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'ibsi');

export interface RefRecord {
  tag: string;
  code: string;
  aggregation_code: string;
  value: number;
  mirp_csv_tag: string;
  specific_code?: string;
}
interface Ref2d {
  features_2d: RefRecord[];
  whole_roi_features: RefRecord[];
}
interface Phantom {
  image: number[][][];
  mask: number[][][];
}
interface Derived {
  per_slice: { slice: number; features: Record<string, number> }[];
  tiled: {
    image: number[][];
    mask: number[][];
    features: Record<string, number>;
    equals_official: Record<string, { official_tag: string; official_value: number }>;
  };
}

export const ref2d = JSON.parse(readFileSync(join(dir, 'reference-2d.json'), 'utf8')) as Ref2d;
export const phantom = JSON.parse(readFileSync(join(dir, 'phantom.json'), 'utf8')) as Phantom;
export const derived = JSON.parse(readFileSync(join(dir, 'derived-per-slice.json'), 'utf8')) as Derived;

/** Runs every family on one 2D image given as nested rows, no discretization. */
export function runImage(image: number[][], mask: number[][]): Map<string, number> {
  const h = image.length;
  const w = image[0]!.length;
  const values = Float64Array.from(image.flat());
  const m = Uint8Array.from(mask.flat());
  const roi = prepareRoi(values, w, h, m, { discretization: { method: 'none' } });
  const recs = extractFromRoi(roi);
  return byReference(recs);
}

/** Maps each record to its registry reference tag (records follow registry order). */
export function byReference(recs: FeatureRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  let k = 0;
  for (const e of FEATURE_REGISTRY) {
    const r = recs[k];
    if (!r || r.family !== e.family || r.name !== e.name || r.aggregation !== e.aggregation) continue;
    if (e.reference) out.set(e.reference, r.value);
    k++;
  }
  return out;
}

/** Rounds to 3 significant figures, as the IBSI pass rule does. */
export function round3(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(3));
}
