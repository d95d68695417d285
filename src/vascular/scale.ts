/**
 * Physical scale of the fingerprint (issue 19): every length-type parameter is given in µm
 * (box sizes in mm) and converted to pixels with the image's spacing, so that the same eye
 * imaged at another resolution gets the same parameters in physical units. An image without
 * spacing gets the pixel defaults, and the analysis says so in its notes.
 */
import type { Modality } from '../core/modality.js';
import { VesselprintError } from '../core/errors.js';

/** Length-type parameters of the fingerprint, in physical units. */
export interface ScaleOptions {
  /** σ (µm) of the Gaussian smoothing of centre lines before lengths and arc/chord are measured (removes the pixel staircase; never below 1 px). */
  smoothingSigmaUm?: number;
  /** σ (µm) of the smoothing for the angle-based measures (sum of angles, inflections, tortuosity density; never below 2 px). */
  angleSmoothingSigmaUm?: number;
  /** Arc-length step (µm) at which smoothed centre lines are resampled for the angle-based measures. */
  angleStepUm?: number;
  /** Segments shorter than this arc length (µm) do not enter the tortuosity aggregates. */
  tortuosityMinLengthUm?: number;
  /** Terminal branches shorter than this (µm) are pruned as spurs (beside the width criterion). */
  minSpurLengthUm?: number;
  /** Smallest box side (mm) of the fractal analyses. */
  fractalBoxMinMm?: number;
  /** Largest box side (mm); default a quarter of the shorter image side. */
  fractalBoxMaxMm?: number;
}

/**
 * Fundus defaults: the pixel defaults of vesselprint ≤ 0.3 at 25 µm/px (a 45° fundus camera at
 * ≈ 600 px across the field, e.g. DRIVE 584 × 565), so results at that spacing are unchanged;
 * at finer spacing the same physical lengths are used.
 */
export const DEFAULT_SCALE_FUNDUS: Readonly<Required<Omit<ScaleOptions, 'fractalBoxMaxMm'>>> = {
  smoothingSigmaUm: 25,
  angleSmoothingSigmaUm: 50,
  angleStepUm: 75,
  tortuosityMinLengthUm: 500,
  minSpurLengthUm: 0,
  fractalBoxMinMm: 0.05,
};

/** Skin defaults: the pixel defaults at 2.5 µm/px (capillaroscopy at ×200, limbs 8–15 µm wide). */
export const DEFAULT_SCALE_SKIN: Readonly<Required<Omit<ScaleOptions, 'fractalBoxMaxMm'>>> = {
  smoothingSigmaUm: 2.5,
  angleSmoothingSigmaUm: 5,
  angleStepUm: 7.5,
  tortuosityMinLengthUm: 50,
  minSpurLengthUm: 0,
  fractalBoxMinMm: 0.005,
};

/** The parameters used when the image has no spacing (px). */
export const PIXEL_SCALE_DEFAULTS = {
  smoothingSigmaPx: 1,
  angleSmoothingSigmaPx: 2,
  angleStepPx: 3,
  tortuosityMinLengthPx: 20,
  minSpurLengthPx: 0,
  fractalMinBoxPx: 2,
} as const;

/** Floors (px) below which a parameter is not lowered: digitisation sets them. */
export const SCALE_FLOORS_PX = { smoothingSigmaPx: 1, angleSmoothingSigmaPx: 2, angleStepPx: 2, fractalMinBoxPx: 2 } as const;

/** Parameters converted to pixels, with a note when they are not physical. */
export interface ResolvedScale {
  smoothingSigmaPx: number;
  angleSmoothingSigmaPx: number;
  angleStepPx: number;
  tortuosityMinLengthPx: number;
  minSpurLengthPx: number;
  fractalMinBoxPx: number;
  /** Undefined: a quarter of the shorter image side. */
  fractalMaxBoxPx: number | undefined;
  /** Notes for the output (no spacing, a floor reached). */
  notes: string[];
}

/**
 * Converts the µm parameters to pixels: px = max(floor, µm / spacing). Without a spacing the
 * pixel defaults are used and a note says that the fingerprint is then not comparable across
 * cameras.
 *
 * @param spacingUm µm per px, or undefined
 * @param modality selects the defaults ({@link DEFAULT_SCALE_FUNDUS}, {@link DEFAULT_SCALE_SKIN})
 * @example resolveScale(5, 'fundus').angleSmoothingSigmaPx // 10
 * @throws VesselprintError BAD_ARGUMENT for a negative or non-finite parameter
 */
export function resolveScale(spacingUm: number | undefined, modality: Modality, options: ScaleOptions = {}): ResolvedScale {
  for (const [k, v] of Object.entries(options)) {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0))
      throw new VesselprintError('BAD_ARGUMENT', `fingerprint scale: ${k} must be a non-negative number, got ${String(v)}`, { field: k });
  }
  if (spacingUm === undefined) {
    return {
      ...PIXEL_SCALE_DEFAULTS,
      fractalMaxBoxPx: undefined,
      notes: [
        `no pixel spacing: length parameters at their pixel defaults (smoothing σ ${PIXEL_SCALE_DEFAULTS.smoothingSigmaPx}/${PIXEL_SCALE_DEFAULTS.angleSmoothingSigmaPx} px, step ${PIXEL_SCALE_DEFAULTS.angleStepPx} px, minimum tortuosity segment ${PIXEL_SCALE_DEFAULTS.tortuosityMinLengthPx} px, boxes from ${PIXEL_SCALE_DEFAULTS.fractalMinBoxPx} px); features with a length unit are null and the dimensionless ones depend on the resolution`,
      ],
    };
  }
  const d = modality === 'skin' ? DEFAULT_SCALE_SKIN : DEFAULT_SCALE_FUNDUS;
  const notes: string[] = [];
  const px = (name: string, um: number, floor: number): number => {
    const v = um / spacingUm;
    if (v < floor) {
      notes.push(
        `${name} ${um} µm is ${v.toFixed(2)} px at ${spacingUm} µm/px; raised to ${floor} px (the image is too coarse for this scale)`,
      );
      return floor;
    }
    return v;
  };
  const maxMm = options.fractalBoxMaxMm;
  return {
    smoothingSigmaPx: px('smoothingSigmaUm', options.smoothingSigmaUm ?? d.smoothingSigmaUm, SCALE_FLOORS_PX.smoothingSigmaPx),
    angleSmoothingSigmaPx: px(
      'angleSmoothingSigmaUm',
      options.angleSmoothingSigmaUm ?? d.angleSmoothingSigmaUm,
      SCALE_FLOORS_PX.angleSmoothingSigmaPx,
    ),
    angleStepPx: px('angleStepUm', options.angleStepUm ?? d.angleStepUm, SCALE_FLOORS_PX.angleStepPx),
    tortuosityMinLengthPx: (options.tortuosityMinLengthUm ?? d.tortuosityMinLengthUm) / spacingUm,
    minSpurLengthPx: (options.minSpurLengthUm ?? d.minSpurLengthUm) / spacingUm,
    fractalMinBoxPx: px('fractalBoxMinMm', 1000 * (options.fractalBoxMinMm ?? d.fractalBoxMinMm), SCALE_FLOORS_PX.fractalMinBoxPx),
    fractalMaxBoxPx: maxMm === undefined ? undefined : (1000 * maxMm) / spacingUm,
    notes,
  };
}
