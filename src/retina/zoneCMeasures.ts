import type { Mask2D } from '../core/image.js';
import type { ArteryVeinMaps } from '../segment/arteryVeinMaps.js';
import { fractalDimension } from '../vascular/fractalDimension.js';
import { branching } from '../vascular/branching.js';
import { inZone } from './zones.js';
import type { LabelledVessels } from './labelSegments.js';
import type { OpticDisc } from './types.js';

/** Per-type architecture in zone C. Null where the type has nothing to measure there. */
export interface ZoneCMeasures {
  /** Length-weighted mean arc/chord ratio of the type's segments lying (≥ half their pixels) in zone C. */
  tortuosity: number | null;
  /** Box-counting dimension of the type's vessel pixels inside zone C. */
  fractalDimension: number | null;
  /** Mean branching angle (degrees) of bifurcations in zone C whose parent segment has the type. */
  branchingAngleDeg: number | null;
  nSegments: number;
  nBifurcations: number;
}

/**
 * Artery- and vein-specific tortuosity, fractal dimension and branching angle in zone C
 * (0.5–2 disc diameters from the disc margin), built on `vascular/` measures:
 * - tortuosity: Σ Lᵢ·(Lᵢ/Cᵢ) / Σ Lᵢ over segments of the type (arc L, chord C of the smoothed
 *   centre line; W. E. Hart et al., Int. J. Med. Inform. 53:239–252, 1999,
 *   doi:10.1016/S1386-5056(98)00163-4);
 * - fractal dimension: box counting (`vascular/fractalDimension`, boxes 2 px to ¼ of the
 *   image, 16 grid offsets) of the vessel-mask pixels inside zone C whose artery probability
 *   exceeds the vein probability (arteries) or the reverse (veins) (G. Liew et al.,
 *   Ophthalmology 115:1951–1956, 2008, doi:10.1016/j.ophtha.2008.05.029);
 * - branching angle: angle between the two children at degree-3 junctions in zone C
 *   (`vascular/branching`), attributed to the type of the parent segment.
 */
export function zoneCMeasures(mask: Mask2D, maps: ArteryVeinMaps, vessels: LabelledVessels, disc: OpticDisc): Record<'artery' | 'vein', ZoneCMeasures> {
  const { width, height } = mask;
  const bif = branching(vessels.graph, vessels.measures, vessels.dist);
  const labelOf = new Map(vessels.segments.map((s) => [s.id, s.label]));
  const out = {} as Record<'artery' | 'vein', ZoneCMeasures>;
  for (const kind of ['artery', 'vein'] as const) {
    let wsum = 0, lsum = 0, nSeg = 0;
    for (const s of vessels.segments) {
      if (s.label !== kind || s.zoneCFraction < 0.5 || !Number.isFinite(s.arcChord)) continue;
      wsum += s.lengthPx * s.arcChord;
      lsum += s.lengthPx;
      nSeg++;
    }
    const typeMask = new Uint8Array(width * height);
    let any = 0;
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        const i = r * width + c;
        if (!mask.data[i]) continue;
        const mine = kind === 'artery' ? maps.artery[i]! > maps.vein[i]! : maps.vein[i]! > maps.artery[i]!;
        if (mine && inZone(r, c, disc, 'C')) { typeMask[i] = 1; any++; }
      }
    }
    const angles = bif.filter((b) => {
      const node = vessels.graph.nodes[b.node]!;
      return labelOf.get(b.parent) === kind && inZone(node.row, node.col, disc, 'C') && Number.isFinite(b.angleDeg);
    }).map((b) => b.angleDeg);
    out[kind] = {
      tortuosity: lsum > 0 ? wsum / lsum : null,
      fractalDimension: any > 0 ? finite(fractalDimension({ data: typeMask, width, height }).dimension) : null,
      branchingAngleDeg: angles.length ? angles.reduce((a, b) => a + b, 0) / angles.length : null,
      nSegments: nSeg,
      nBifurcations: angles.length,
    };
  }
  return out;
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
