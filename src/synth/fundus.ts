import type { Rng } from '../core/rng.js';
import { VesselprintError } from '../core/errors.js';
import type { Image2D, Mask2D } from '../core/image.js';
import { fovMask, defaultFovCircle } from './fovMask.js';
import { fractalNoise, gaussianNoise } from './noise.js';
import { growVesselTree, wrapAngle } from './vesselTree.js';
import { renderVessels } from './renderVessels.js';
import { OccupancyGrid } from './occupancy.js';
import { treeStats } from './treeStats.js';
import type { Circle, VesselKind, VesselTree } from './types.js';

/** Options of {@link synthFundus}. Physical quantities are in µm so that they do not depend on image size. */
export interface SynthFundusOptions {
  /** Image width (columns), px. Default 584. */
  width?: number;
  /** Image height (rows), px. Default 565. */
  height?: number;
  /** Which eye: the optic disc lies right of the fovea for 'OD', left for 'OS'. Default 'OD'. */
  eye?: 'OD' | 'OS';
  /** FOV radius, px. Default 0.47 × the shorter side. */
  fovRadiusPx?: number;
  /** Angular field of view of the camera, degrees. Default 45. */
  fieldDeg?: number;
  /** Retinal distance per degree of visual angle, µm. Default 288 (Gullstrand schematic eye). */
  umPerDeg?: number;
  /** Artery trunk width at the disc, µm. Default 120. */
  arteryWidthUm?: number;
  /** Vein trunk width at the disc, µm. Default 160. */
  veinWidthUm?: number;
  /** Tortuosity: SD of the local heading's deviation from the vessel's smooth course, radians. Default 0.2. */
  tortuosityRad?: number;
  /** Correlation length of that deviation (wavelength scale of the wiggles), µm. Default 250. */
  wiggleCorrUm?: number;
  /** Branching density: mean bifurcations per mm of vessel. Default 0.6. */
  branchesPerMm?: number;
  /** SD of the additive pixel noise, 8-bit grey levels. Default 3. */
  noiseSd?: number;
  /** Strength of the linear illumination gradient across the FOV (0 = none). Default: random in [0.05, 0.2]. */
  illuminationGradient?: number;
}

export const DEFAULT_SYNTH_FUNDUS = {
  width: 584,
  height: 565,
  eye: 'OD' as 'OD' | 'OS',
  fieldDeg: 45,
  umPerDeg: 288,
  arteryWidthUm: 120,
  veinWidthUm: 160,
  tortuosityRad: 0.2,
  wiggleCorrUm: 250,
  branchesPerMm: 0.8,
  noiseSd: 3,
};

/** Anatomical constants, µm. */
const DISC_DIAMETER_UM = 1800;
const DISC_FOVEA_UM = 4500;
const FOVEA_OFFSET_UM = 1200; // fovea lies this far from the FOV centre, away from the disc
const FAZ_STOP_UM = 500; // branches stop within this radius of the fovea (avascular zone + margin)
const MACULA_SIGMA_UM = 800;

/** Output of {@link synthFundus}. */
export interface SynthFundus {
  /** RGB, 8-bit, `spacingUm` set. */
  image: Image2D<Uint8Array>;
  /** Ground-truth vessel mask (inside the FOV). */
  vesselMask: Mask2D;
  fovMask: Mask2D;
  /** Artery/vein label per pixel: 0 background, 1 artery, 2 vein, 3 crossing. */
  avLabel: Uint8Array;
  trees: VesselTree[];
  fov: Circle;
  disc: Circle;
  /** Fovea centre (radius = the avascular stop radius). */
  fovea: Circle;
  spacingUm: number;
  /** Realised geometric truth (see docs/synth.md). */
  truth: FundusTruth;
}

/** Per-image truth of a synthetic fundus image (units in the names). */
export interface FundusTruth {
  pixel_spacing_um: number;
  fov_area_mm2: number;
  vessel_area_fraction: number;
  vessel_length_density_mm_per_mm2: number;
  tortuosity_arc_chord: number;
  vessel_width_mean_um: number;
  artery_width_mean_um: number;
  vein_width_mean_um: number;
  bifurcation_count: number;
  segment_count: number;
  disc_row: number;
  disc_col: number;
  disc_radius_px: number;
  fovea_row: number;
  fovea_col: number;
}

/**
 * µm per pixel of a fundus photograph whose circular field of `fieldDeg` degrees spans
 * `fovDiameterPx` pixels, with `umPerDeg` µm of retina per degree (≈ 288 µm/° in the Gullstrand
 * schematic eye). A 45° field on a 530-px FOV (DRIVE-like 565 × 584 frames) gives ≈ 24.5 µm/px.
 *
 * @example fundusSpacingUm(45, 530) // 24.45…
 */
export function fundusSpacingUm(fieldDeg: number, fovDiameterPx: number, umPerDeg = 288): number {
  return (fieldDeg * umPerDeg) / fovDiameterPx;
}

/**
 * The synthetic camera's optic disc radius as a fraction of its field-of-view radius: the 1.8 mm disc
 * in a field `fieldDeg` × `umPerDeg` µm across — 0.139 with the defaults (45°, 288 µm/°), where HRF's
 * photographs give 0.081 (a 45° Canon CR-1; `detectOpticDisc`'s default). The retina block of a run
 * on synthetic images passes it as `discRadiusFraction` (experiments/demo.json).
 * @example synthDiscRadiusFraction() // 0.1389
 */
export function synthDiscRadiusFraction(options: Pick<SynthFundusOptions, 'fieldDeg' | 'umPerDeg'> = {}): number {
  const fieldDeg = options.fieldDeg ?? DEFAULT_SYNTH_FUNDUS.fieldDeg;
  const umPerDeg = options.umPerDeg ?? DEFAULT_SYNTH_FUNDUS.umPerDeg;
  return DISC_DIAMETER_UM / 2 / ((fieldDeg * umPerDeg) / 2);
}

/**
 * Generates one fundus-like RGB photograph with its ground truth. Geometry: circular FOV; optic
 * disc 1.8 mm across, 4.5 mm nasal to the fovea; eight vessel trees (artery and vein for the
 * superotemporal and inferotemporal arcades, which bend around the macula, and the superonasal
 * and inferonasal trunks) grown by {@link growVesselTree} with Murray's-law bifurcations.
 * Appearance: orange-red fundus reflectance with smooth random texture, radial fall-off and a
 * linear illumination gradient, darker macula, bright yellow disc with a paler cup, vessels
 * darker than the background in every channel and most in green (veins darker and wider than
 * arteries) with Gaussian cross-sections, additive Gaussian noise, dark outside the FOV.
 *
 * @throws VesselprintError BAD_ARGUMENT for a size below 64 px or a non-positive width
 * @example synthFundus(createRng(1)).image.width // 584
 */
export function synthFundus(rng: Rng, options: SynthFundusOptions = {}): SynthFundus {
  const o = { ...DEFAULT_SYNTH_FUNDUS, ...options };
  const { width, height } = o;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 64 || height < 64) {
    throw new VesselprintError('BAD_ARGUMENT', `synthFundus: size must be integers ≥ 64 px, got ${width}x${height}`, { field: 'size' });
  }
  for (const f of ['arteryWidthUm', 'veinWidthUm'] as const) {
    if (!(o[f] > 0)) throw new VesselprintError('BAD_ARGUMENT', `synthFundus: ${f} must be > 0, got ${o[f]}`, { field: f });
  }
  const fov = { ...defaultFovCircle(width, height), ...(o.fovRadiusPx !== undefined ? { radius: o.fovRadiusPx } : {}) };
  const spacingUm = fundusSpacingUm(o.fieldDeg, 2 * fov.radius, o.umPerDeg);
  const um = (x: number): number => x / spacingUm; // µm → px
  const side = o.eye === 'OD' ? 1 : -1; // +1: disc to the right of the fovea
  const fovea: Circle = { row: fov.row + um(150), col: fov.col - side * um(FOVEA_OFFSET_UM), radius: um(FAZ_STOP_UM) };
  const disc: Circle = { row: fovea.row - um(300), col: fovea.col + side * um(DISC_FOVEA_UM), radius: um(DISC_DIAMETER_UM / 2) };
  const fovM = fovMask(width, height, fov, spacingUm);

  const temporal = o.eye === 'OD' ? Math.PI : 0;
  const nasal = o.eye === 'OD' ? 0 : Math.PI;
  const up = -Math.PI / 2,
    down = Math.PI / 2;
  const deg = Math.PI / 180;
  const trunks: { kind: VesselKind; heading: number; target: number; scale: number }[] = [];
  const treeRng = rng.fork('trees');
  const occupancy = { artery: new OccupancyGrid(width, height), vein: new OccupancyGrid(width, height) };
  for (const kind of ['artery', 'vein'] as const) {
    const off = (kind === 'artery' ? -6 : 6) * deg;
    for (const [base, vert, a0, a1, scale] of [
      [temporal, up, 80, 12, 1],
      [temporal, down, 80, 12, 1],
      [nasal, up, 55, 30, 0.72],
      [nasal, down, 55, 30, 0.72],
    ] as const) {
      const j = treeRng.normal(0, 4) * deg;
      trunks.push({ kind, heading: toward(base, vert, a0 * deg + off + j), target: toward(base, vert, a1 * deg + off / 2), scale });
    }
  }
  const trees: VesselTree[] = trunks.map((t, i) => {
    const r = treeRng.fork(`tree${i}`);
    const wUm = t.kind === 'artery' ? o.arteryWidthUm : o.veinWidthUm;
    return growVesselTree(r, {
      kind: t.kind,
      start: { row: disc.row + r.normal(0, 0.15) * disc.radius, col: disc.col + r.normal(0, 0.15) * disc.radius },
      headingRad: t.heading,
      trunkTarget: { type: 'heading', headingRad: t.target },
      trunkSteerPerPx: 0.5e-3 * spacingUm,
      childSteerPerPx: 0.15e-3 * spacingUm,
      radiusPx: um(wUm * t.scale) / 2,
      fov,
      spacingUm,
      tortuosityRad: o.tortuosityRad,
      wiggleCorrPx: um(o.wiggleCorrUm),
      courseCurvatureSd: 0.3e-3 * spacingUm,
      courseCorrPx: um(1000),
      branchesPerMm: o.branchesPerMm,
      minRadiusPx: Math.max(0.6, um(14)),
      stepPx: Math.max(1.5, um(50)),
      noBranchWithin: { ...disc, radius: disc.radius * 1.2 },
      avoid: [fovea],
      occupancy: occupancy[t.kind],
    });
  });
  const rendered = renderVessels(trees, width, height, { fov: fovM });
  const image = paintFundus(rng.fork('paint'), o, fov, disc, fovea, spacingUm, rendered.arteryProfile, rendered.veinProfile);
  image.spacingUm = spacingUm;

  const st = treeStats(trees, { fov });
  let fovPx = 0,
    vesPx = 0;
  for (let i = 0; i < fovM.data.length; i++) {
    fovPx += fovM.data[i]!;
    vesPx += rendered.mask[i]!;
  }
  const px2mm2 = (spacingUm / 1000) ** 2;
  const truth: FundusTruth = {
    pixel_spacing_um: spacingUm,
    fov_area_mm2: fovPx * px2mm2,
    vessel_area_fraction: vesPx / fovPx,
    vessel_length_density_mm_per_mm2: (st.lengthPx * spacingUm) / 1000 / (fovPx * px2mm2),
    tortuosity_arc_chord: st.tortuosityArcChord,
    vessel_width_mean_um: st.widthMeanPx * spacingUm,
    artery_width_mean_um: st.arteryWidthMeanPx * spacingUm,
    vein_width_mean_um: st.veinWidthMeanPx * spacingUm,
    bifurcation_count: st.bifurcationCount,
    segment_count: st.segmentCount,
    disc_row: disc.row,
    disc_col: disc.col,
    disc_radius_px: disc.radius,
    fovea_row: fovea.row,
    fovea_col: fovea.col,
  };
  return {
    image,
    vesselMask: { data: rendered.mask, width, height, spacingUm },
    fovMask: fovM,
    avLabel: rendered.label,
    trees,
    fov,
    disc,
    fovea,
    spacingUm,
    truth,
  };
}

/** Heading `base` turned by `angle` towards heading `towards`. */
function toward(base: number, towards: number, angle: number): number {
  return base + Math.sign(wrapAngle(towards - base)) * angle;
}

function paintFundus(
  rng: Rng,
  o: typeof DEFAULT_SYNTH_FUNDUS & SynthFundusOptions,
  fov: Circle,
  disc: Circle,
  fovea: Circle,
  spacingUm: number,
  artery: Float32Array,
  vein: Float32Array,
): Image2D<Uint8Array> {
  const { width, height } = o;
  const n = width * height;
  const tex = fractalNoise(width, height, rng.fork('tex'), { cellPx: 48, octaves: 3, persistence: 0.55 });
  const choroid = fractalNoise(width, height, rng.fork('choroid'), { cellPx: 8, octaves: 1 });
  const pigment = rng.range(0.85, 1.1);
  const base = [0.86 * pigment, 0.4 * pigment, 0.16 * pigment];
  const gAngle = rng.range(0, 2 * Math.PI);
  const g = o.illuminationGradient ?? rng.range(0.05, 0.2);
  const gr = Math.sin(gAngle),
    gc = Math.cos(gAngle);
  const arteryC = [0.14, 0.34, 0.26];
  const veinC = [0.24, 0.5, 0.36];
  const discC = [0.98, 0.74, 0.46];
  const cupC = [1.0, 0.9, 0.7];
  const maculaSigma = MACULA_SIGMA_UM / spacingUm;
  const noise = gaussianNoise(n * 3, o.noiseSd, rng.fork('noise'));
  const out = new Uint8Array(n * 3);
  const [b0, b1, b2] = base as [number, number, number];
  const mac2 = 1 / (2 * maculaSigma * maculaSigma);
  const macReach2 = (4 * maculaSigma) ** 2;
  const discReach = disc.radius + 3;
  const R = fov.radius;
  const put = (o3: number, x: number): void => {
    const v = Math.round(x);
    out[o3] = v < 0 ? 0 : v > 255 ? 255 : v;
  };
  for (let r = 0; r < height; r++) {
    const dr = r - fov.row,
      dr2 = dr * dr;
    const fr2 = (r - fovea.row) ** 2,
      cr2 = (r - disc.row) ** 2;
    for (let c = 0; c < width; c++) {
      const i = r * width + c,
        i3 = 3 * i;
      const dc = c - fov.col;
      const rho = Math.sqrt(dr2 + dc * dc) / R;
      if (rho > 1) {
        for (let k = 0; k < 3; k++) put(i3 + k, 3 + 0.5 * noise[i3 + k]!);
        continue;
      }
      const edge = R * (1 - rho) + 1;
      const illum = 255 * (1 - 0.5 * rho * rho * rho) * (1 + (g * (dr * gr + dc * gc)) / R) * (edge < 4 ? edge / 4 : 1);
      const dm2 = fr2 + (c - fovea.col) ** 2;
      const tm = (1 + 0.07 * tex[i]!) * (dm2 < macReach2 ? 1 - 0.32 * Math.exp(-dm2 * mac2) : 1);
      let x0 = b0 * tm * (1 + 0.04 * choroid[i]!),
        x1 = b1 * tm,
        x2 = b2 * tm;
      const dd2 = cr2 + (c - disc.col) ** 2;
      if (dd2 < discReach * discReach) {
        const dd = Math.sqrt(dd2);
        const wDisc = 0.78 * smoothstep(disc.radius + 3, disc.radius - 5, dd);
        const wCup = smoothstep(0.5 * disc.radius + 2, 0.35 * disc.radius, dd);
        x0 = x0 * (1 - wDisc) + (discC[0]! * (1 - wCup) + cupC[0]! * wCup) * wDisc;
        x1 = x1 * (1 - wDisc) + (discC[1]! * (1 - wCup) + cupC[1]! * wCup) * wDisc;
        x2 = x2 * (1 - wDisc) + (discC[2]! * (1 - wCup) + cupC[2]! * wCup) * wDisc;
      }
      const a = artery[i]!,
        v = vein[i]!;
      if (a > 0 || v > 0) {
        x0 *= 1 - Math.max(arteryC[0]! * a, veinC[0]! * v);
        x1 *= 1 - Math.max(arteryC[1]! * a, veinC[1]! * v);
        x2 *= 1 - Math.max(arteryC[2]! * a, veinC[2]! * v);
      }
      put(i3, x0 * illum + noise[i3]!);
      put(i3 + 1, x1 * illum + noise[i3 + 1]!);
      put(i3 + 2, x2 * illum + noise[i3 + 2]!);
    }
  }
  return { data: out, width, height, channels: 3 };
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}
