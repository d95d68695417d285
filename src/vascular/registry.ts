/**
 * The fingerprint feature registry: every column the fingerprint can produce, with its label,
 * unit, definition, reference, modality, group and resolution invariance. Nothing is discovered
 * by reflection: a feature exists when a group lists it (test/vascular/registry.test.ts checks
 * that each group returns exactly its listed keys).
 */
import type { FeatureGroup, FingerprintFeature } from './featureTypes.js';
import { imageGroup } from './groups/image.js';
import { densityGroup } from './groups/density.js';
import { fractalGroup } from './groups/fractal.js';
import { tortuosityGroup } from './groups/tortuosity.js';
import { calibreGroup } from './groups/calibre.js';
import { branchingGroup } from './groups/branching.js';
import { arteryVeinGroup } from './groups/arteryVein.js';
import { regionsGroup } from './groups/regions.js';
import { capillariesGroup } from './groups/capillaries.js';

/** The groups, in output order. */
export const FINGERPRINT_GROUPS: readonly FeatureGroup[] = [
  imageGroup,
  densityGroup,
  fractalGroup,
  tortuosityGroup,
  calibreGroup,
  branchingGroup,
  arteryVeinGroup,
  regionsGroup,
  capillariesGroup,
];

/** Every fingerprint feature, in output order. */
export const FINGERPRINT_FEATURES: readonly FingerprintFeature[] = FINGERPRINT_GROUPS.flatMap((g) => g.features);

/** Prefix of the fingerprint columns in the feature table. */
export const FINGERPRINT_COLUMN_PREFIX = 'vascular.';

const BY_KEY = new Map(FINGERPRINT_FEATURES.map((f) => [f.key, f]));

/** The registry entry of a fingerprint key (without prefix), or undefined. @example fingerprintFeature('tortuosity_density')?.unit // 'mm⁻¹' */
export function fingerprintFeature(key: string): FingerprintFeature | undefined {
  return BY_KEY.get(key);
}

/** The table column of a fingerprint key. @example fingerprintColumn('vessel_area_fraction') // 'vascular.vessel_area_fraction' */
export function fingerprintColumn(key: string): string {
  return `${FINGERPRINT_COLUMN_PREFIX}${key}`;
}

/** True when the unit involves a length (µm, mm): such a feature needs the pixel spacing. */
export function unitNeedsSpacing(unit: string): boolean {
  return /µm|mm/.test(unit) && unit !== 'µm/px';
}

/** A one-line statement of a feature's resolution invariance, for the data dictionary and docs. */
export function invarianceText(f: FingerprintFeature): string {
  const inv = f.invariance;
  if ('notInvariant' in inv) return `not resolution invariant: ${inv.notInvariant}`;
  return `resolution invariant within ${Math.round(inv.x2 * 100)} % at ×2 and ${Math.round(inv.x4 * 100)} % at ×4 coarser spacing${inv.note ? ` (${inv.note})` : ''}`;
}
