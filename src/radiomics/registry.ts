import type { Aggregation, FamilyDef, FamilyId, RoiImage } from './types.js';
import { statFamily } from './stat/index.js';
import { ihFamily } from './ih/index.js';
import { ivhFamily } from './ivh/index.js';
import { glcmFamily } from './glcm/index.js';
import { glrlmFamily } from './glrlm/index.js';
import { glszmFamily } from './glszm/index.js';
import { gldzmFamily } from './gldzm/index.js';
import { ngtdmFamily } from './ngtdm/index.js';
import { ngldmFamily } from './ngldm/index.js';
import { morphFamily } from './morph/index.js';

/** A registry entry with its family context erased (the extractor pairs it with its family). */
export interface RegistryEntry {
  id: string;
  family: FamilyId;
  name: string;
  ibsi: string;
  aggregation: Aggregation;
  doc: string;
  reference?: string;
  noReferenceReason?: string;
  /** Computes the feature from the context returned by its family's `prepare`. */
  compute: (ctx: unknown) => number;
}

/** A family with its context type erased. */
export interface RegistryFamily {
  family: FamilyId;
  ibsiFamily: string;
  title: string;
  prepare: (roi: RoiImage) => unknown;
  features: RegistryEntry[];
}

function erase<C>(f: FamilyDef<C>): RegistryFamily {
  return {
    family: f.family,
    ibsiFamily: f.ibsiFamily,
    title: f.title,
    prepare: f.prepare,
    features: f.features.map((d) => {
      const e: RegistryEntry = {
        id: d.id,
        family: d.family,
        name: d.name,
        ibsi: d.ibsi,
        aggregation: d.aggregation,
        doc: d.doc,
        compute: (ctx: unknown) => d.compute(ctx as C),
      };
      if (d.reference !== undefined) e.reference = d.reference;
      if (d.noReferenceReason !== undefined) e.noReferenceReason = d.noReferenceReason;
      return e;
    }),
  };
}

/**
 * The explicit feature registry: every family and feature vesselprint computes, in output
 * order. Nothing is discovered by reflection; a feature exists when it is listed here.
 */
export const FAMILIES: readonly RegistryFamily[] = [
  erase(statFamily),
  erase(ihFamily),
  erase(ivhFamily),
  erase(glcmFamily),
  erase(glrlmFamily),
  erase(glszmFamily),
  erase(gldzmFamily),
  erase(ngtdmFamily),
  erase(ngldmFamily),
  erase(morphFamily),
];

/** All features, flattened. */
export const FEATURE_REGISTRY: readonly RegistryEntry[] = FAMILIES.flatMap((f) => f.features);

/** Looks up a family by id. */
export function getFamily(id: FamilyId): RegistryFamily {
  const f = FAMILIES.find((x) => x.family === id);
  if (!f) throw new Error(`radiomics registry: unknown family ${id}`);
  return f;
}
