import type { FamilyDef, FeatureDef, RoiImage } from '../types.js';
import { ratio } from '../math.js';
import { convexHull, marchingSquares, polygonArea } from './contour.js';

/** Context of the 2D morphology family; lengths in mm when the pixel size is known, else pixels. */
export interface MorphContext {
  areaMesh: number;
  areaPixels: number;
  perimeter: number;
  /** Eigenvalues of the covariance of the pixel-centre coordinates, λ_major ≥ λ_minor. */
  lambdaMajor: number;
  lambdaMinor: number;
  maxDiameter: number;
  aabbArea: number;
  convexArea: number;
  comShift: number;
}

/** Computes the 2D shape descriptors of the morphological mask (see docs/radiomics.md). */
function prepareMorph(roi: RoiImage): MorphContext {
  const { width, height, morphMask, intensityMask, values } = roi;
  const s = roi.spacingMm ?? 1;
  const ct = marchingSquares(morphMask, width, height);
  let n = 0,
    sr = 0,
    sc = 0,
    srr = 0,
    scc = 0,
    src = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      if (morphMask[r * width + c] === 0) continue;
      n++;
      sr += r;
      sc += c;
      srr += r * r;
      scc += c * c;
      src += r * c;
    }
  }
  const mr = sr / n;
  const mc = sc / n;
  const vrr = srr / n - mr * mr;
  const vcc = scc / n - mc * mc;
  const vrc = src / n - mr * mc;
  const tr = vrr + vcc;
  const disc = Math.sqrt(Math.max(0, ((vrr - vcc) / 2) ** 2 + vrc * vrc));
  let wsum = 0,
    wr = 0,
    wc = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const p = r * width + c;
      if (intensityMask[p] === 0) continue;
      wsum += values[p]!;
      wr += values[p]! * r;
      wc += values[p]! * c;
    }
  }
  const hull = convexHull(ct.vertices);
  let maxD2 = 0;
  for (let a = 0; a < hull.length; a++) {
    for (let b = a + 1; b < hull.length; b++) {
      const d2 = (hull[a]![0]! - hull[b]![0]!) ** 2 + (hull[a]![1]! - hull[b]![1]!) ** 2;
      if (d2 > maxD2) maxD2 = d2;
    }
  }
  let r0 = Infinity,
    r1 = -Infinity,
    c0 = Infinity,
    c1 = -Infinity;
  for (let k = 0; k < ct.vertices.length; k += 2) {
    r0 = Math.min(r0, ct.vertices[k]!);
    r1 = Math.max(r1, ct.vertices[k]!);
    c0 = Math.min(c0, ct.vertices[k + 1]!);
    c1 = Math.max(c1, ct.vertices[k + 1]!);
  }
  return {
    areaMesh: ct.area * s * s,
    areaPixels: n * s * s,
    perimeter: ct.perimeter * s,
    lambdaMajor: (tr / 2 + disc) * s * s,
    lambdaMinor: (tr / 2 - disc) * s * s,
    maxDiameter: Math.sqrt(maxD2) * s,
    aabbArea: (r1 - r0) * (c1 - c0) * s * s,
    convexArea: polygonArea(hull) * s * s,
    comShift: wsum === 0 ? Number.NaN : Math.hypot(wr / wsum - mr, wc / wsum - mc) * s,
  };
}

const NO_REF = 'IBSI 1 defines morphology only in 3D (DHQ4); no 2D reference value exists. Tested on analytic shapes instead.';

const DEFS: [string, string, string, (m: MorphContext) => number][] = [
  [
    'area_mesh',
    'RNU0',
    'Area enclosed by the marching-squares contour (mm², or px² without pixel size); 2D analogue of volume (mesh) RNU0',
    (m) => m.areaMesh,
  ],
  ['area_pixel_count', 'YEKZ', 'Number of ROI pixels × pixel area; 2D analogue of approximate volume YEKZ', (m) => m.areaPixels],
  ['perimeter', 'C0JK', 'Length of the marching-squares contour (mm or px); 2D analogue of surface area C0JK', (m) => m.perimeter],
  [
    'perimeter_to_area_ratio',
    '2PR5',
    'P / A_mesh (1/mm); 2D analogue of surface to volume ratio 2PR5',
    (m) => ratio(m.perimeter, m.areaMesh),
  ],
  [
    'sphericity',
    'QCFX',
    '2 sqrt(π A) / P: perimeter of the circle of equal area over the perimeter; 2D analogue of sphericity QCFX (1 for a circle)',
    (m) => ratio(2 * Math.sqrt(Math.PI * m.areaMesh), m.perimeter),
  ],
  [
    'circularity',
    'BQWJ',
    '4 π A / P² (= sphericity²); 2D analogue of compactness 2 BQWJ',
    (m) => ratio(4 * Math.PI * m.areaMesh, m.perimeter ** 2),
  ],
  [
    'major_axis_length',
    'TDIC',
    '4 sqrt(λ_major), λ = eigenvalues of the pixel-centre covariance (mm or px); as IBSI TDIC in 2D',
    (m) => 4 * Math.sqrt(m.lambdaMajor),
  ],
  ['minor_axis_length', 'P9VJ', '4 sqrt(λ_minor) (mm or px); as IBSI P9VJ in 2D', (m) => 4 * Math.sqrt(Math.max(0, m.lambdaMinor))],
  [
    'elongation',
    'Q3CK',
    'sqrt(λ_minor / λ_major); as IBSI Q3CK in 2D (1 for a disc)',
    (m) => Math.sqrt(Math.max(0, ratio(m.lambdaMinor, m.lambdaMajor))),
  ],
  [
    'maximum_diameter',
    'L0JK',
    'Largest distance between two contour vertices (mm or px); 2D analogue of maximum 3D diameter L0JK',
    (m) => m.maxDiameter,
  ],
  [
    'area_density_aabb',
    'PBX1',
    'A_mesh / area of the axis-aligned bounding box of the contour; 2D analogue of PBX1',
    (m) => ratio(m.areaMesh, m.aabbArea),
  ],
  [
    'area_density_convex_hull',
    'R3ER',
    'A_mesh / area of the convex hull of the contour (solidity); 2D analogue of R3ER',
    (m) => ratio(m.areaMesh, m.convexArea),
  ],
  [
    'centre_of_mass_shift',
    'KLMA',
    'Distance between the centroid of the morphological mask and the intensity-weighted centroid of the intensity mask (mm or px); as IBSI KLMA in 2D',
    (m) => m.comShift,
  ],
];

/**
 * 2D morphology of the ROI (IBSI family HCUG defines these in 3D; the 2D definitions here are
 * the project's, each named after its 3D analogue and documented in docs/radiomics.md).
 */
export const morphFamily: FamilyDef<MorphContext> = {
  family: 'morph',
  ibsiFamily: 'HCUG',
  title: '2D morphology',
  prepare: prepareMorph,
  features: DEFS.map(([name, ibsi, doc, f]): FeatureDef<MorphContext> => ({
    id: `morph.${name}`,
    family: 'morph',
    name,
    ibsi,
    aggregation: null,
    compute: f,
    doc,
    noReferenceReason: NO_REF,
  })),
};
