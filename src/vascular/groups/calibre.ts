/** Vessel calibre: local widths along the centre lines. */
import type { FeatureGroup, Fingerprint } from '../featureTypes.js';
import type { SegmentMeasure } from '../segmentMeasures.js';
import { inGroup } from './define.js';
import { mean, sd, median } from '../summary.js';

const MP = 'local width from the distance transform across the centre line: Martinez-Perez et al., IEEE TBME 49:912, 2002, doi:10.1109/TBME.2002.800789';
const ABSENT = 'no skeleton pixel, or no background pixel to measure the distance to';
const WIDTH = { x2: 0.1, x4: 0.2 };

/** Group `calibre`. */
export const calibreGroup: FeatureGroup = {
  id: 'calibre',
  title: 'Calibre',
  modality: 'both',
  features: inGroup('calibre', [
    { key: 'vessel_width_mean_um', label: 'Mean vessel width', unit: 'µm', definition: 'mean of all local widths (one per skeleton pixel, i.e. length-weighted); local width w = max(d − x) + max(d + x) − 1 over the 3 × 3 neighbourhood, d = EDT, x = offset along the centre-line normal', reference: MP, invariance: WIDTH, absentReason: ABSENT },
    { key: 'vessel_width_sd_um', label: 'Vessel width SD', unit: 'µm', definition: 'population SD of the local widths', reference: MP, invariance: { notInvariant: 'the spread of widths includes the ±0.5 px digitisation error of each local width, which grows in µm with the spacing' }, absentReason: ABSENT },
    { key: 'vessel_width_median_um', label: 'Median vessel width', unit: 'µm', definition: 'median of the local widths', reference: MP, invariance: WIDTH, absentReason: ABSENT },
  ]),
  compute: (ctx) => widthSummary(ctx.segments, ctx.spacingUm),
};

/** Mean, SD and median width (µm) of the local widths of `segments`. */
export function widthSummary(segments: readonly SegmentMeasure[], spacingUm: number): Fingerprint {
  const ws: number[] = [];
  for (const s of segments) for (const w of s.widthsPx) if (Number.isFinite(w)) ws.push(w);
  if (ws.length === 0) return { vessel_width_mean_um: null, vessel_width_sd_um: null, vessel_width_median_um: null };
  const m = mean(ws);
  return { vessel_width_mean_um: m * spacingUm, vessel_width_sd_um: sd(ws, m) * spacingUm, vessel_width_median_um: median(ws) * spacingUm };
}
