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
  /** Mean branching angle (degrees) of the type's bifurcations in zone C. */
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
 *   image, 16 grid offsets) of the class mask (see `labelSegments`) inside zone C (G. Liew et al.,
 *   Ophthalmology 115:1951–1956, 2008, doi:10.1016/j.ophtha.2008.05.029);
 * - branching angle: angle between the two children at degree-3 junctions in zone C
 *   (`vascular/branching`) of the class's own skeleton.
 */
export function zoneCMeasures(vessels: LabelledVessels, disc: OpticDisc): Record<'artery' | 'vein', ZoneCMeasures> {
  const out = {} as Record<'artery' | 'vein', ZoneCMeasures>;
  for (const kind of ['artery', 'vein'] as const) {
    const cv = vessels[kind];
    const { width, height } = cv.mask;
    let wsum = 0,
      lsum = 0,
      nSeg = 0;
    for (const s of cv.segments) {
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
        if (cv.mask.data[i] && inZone(r, c, disc, 'C')) {
          typeMask[i] = 1;
          any++;
        }
      }
    }
    const angles = branching(cv.graph, cv.measures, cv.dist)
      .filter((b) => {
        const node = cv.graph.nodes[b.node]!;
        return inZone(node.row, node.col, disc, 'C') && Number.isFinite(b.angleDeg);
      })
      .map((b) => b.angleDeg);
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
