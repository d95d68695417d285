/** Helpers to write registry entries compactly. */
import type { FeatureGroupId, FingerprintFeature, Invariance } from '../featureTypes.js';
import type { Modality } from '../../core/modality.js';

/** Fields of an entry without its group (filled in by {@link inGroup}). */
export type FeatureSpec = Omit<FingerprintFeature, 'group' | 'modality'> & { modality?: Modality | 'both' };

/** Attaches the group id (and the default modality `both`) to each spec. */
export function inGroup(group: FeatureGroupId, specs: readonly FeatureSpec[]): FingerprintFeature[] {
  return specs.map((s) => ({ ...s, modality: s.modality ?? 'both', group }));
}

/** The invariance goal of issue 19 for tortuosity, inflection density and fractal dimensions: 10 % at ×2, 20 % at ×4. */
export const SHAPE_GOAL: Invariance = { x2: 0.1, x4: 0.2 };

/** A feature that counts pixels or depends on the pixel grid: not resolution invariant. */
export const PIXEL_COUNT: Invariance = { notInvariant: 'a count on the pixel grid: it scales with the resolution by construction' };

/** A count of graph elements (segments, branch points): small vessels and short gaps that the coarser image does not resolve change it. */
export const GRAPH_COUNT: Invariance = {
  notInvariant:
    'a count of vessel-graph elements: vessels narrower than about one pixel vanish and gaps of about one pixel close at the coarser resolution, so the graph itself changes',
};
