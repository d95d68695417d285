import { VesselprintError } from '../core/errors.js';
import type { SkinScene } from './skinVideoScene.js';

/** What a capillary holds in one recording: flowing red cells, stopped red cells, or none (invisible). */
export type CapillaryState = 'flowing' | 'stopped' | 'empty';

/** Shares of a scene's capillaries in one perfusion condition. */
export interface PerfusionShares {
  /** Share of capillaries holding red cells (visible), 0–1. */
  visible: number;
  /** Share of the visible ones whose red cells flow (perfused), 0–1. */
  flowing: number;
}

/**
 * State of each capillary of a scene under the given shares: visible when its fixed uniform draw
 * `uVisible` < `visible`, and then flowing when `uFlow` < `flowing`, stopped otherwise. Because the
 * draws are fixed per capillary, raising `visible` only adds capillaries (recruitment is nested, as
 * in the skin: capillaries perfused at rest stay perfused at peak hyperaemia).
 *
 * @throws VesselprintError BAD_ARGUMENT when a share lies outside [0, 1]
 */
export function capillaryStates(scene: SkinScene, shares: PerfusionShares): CapillaryState[] {
  for (const k of ['visible', 'flowing'] as const) {
    if (!(shares[k] >= 0 && shares[k] <= 1))
      throw new VesselprintError('BAD_ARGUMENT', `capillaryStates: share ${k} must be in [0, 1], got ${shares[k]}`, { field: k });
  }
  return scene.capillaries.map((c) => (c.uVisible < shares.visible ? (c.uFlow < shares.flowing ? 'flowing' : 'stopped') : 'empty'));
}

/** One row of a recording's capillary truth table. */
export interface CapillaryTruthRow {
  capillary_id: number;
  row_px: number;
  col_px: number;
  view: 'end-on' | 'side-on';
  diameter_um: number;
  state: CapillaryState;
  /** 1 when the centroid lies inside the frame. */
  in_frame: 0 | 1;
}

/**
 * Truth table of a recording (scene coordinates = frame coordinates at zero motion) and the
 * truth counts for the capillaries whose centroid lies inside `field` (default the whole frame):
 * visible = flowing + stopped; perfused fraction = flowing / visible.
 */
export function recordingTruth(
  scene: SkinScene,
  states: readonly CapillaryState[],
  field = { row0: 0, col0: 0, rows: scene.height, cols: scene.width },
): {
  rows: CapillaryTruthRow[];
  visibleCount: number;
  flowingCount: number;
  densityPerMm2: number;
  perfusedFraction: number;
} {
  const inside = (r: number, c: number, f: typeof field): boolean =>
    r >= f.row0 - 0.5 && r < f.row0 + f.rows - 0.5 && c >= f.col0 - 0.5 && c < f.col0 + f.cols - 0.5;
  const rows = scene.capillaries.map((c, i): CapillaryTruthRow => ({
    capillary_id: c.id,
    row_px: c.row,
    col_px: c.col,
    view: c.view,
    diameter_um: c.diameterUm,
    state: states[i]!,
    in_frame: inside(c.row, c.col, { row0: 0, col0: 0, rows: scene.height, cols: scene.width }) ? 1 : 0,
  }));
  let vis = 0,
    flow = 0;
  rows.forEach((r) => {
    if (!inside(r.row_px, r.col_px, field) || r.state === 'empty') return;
    vis++;
    if (r.state === 'flowing') flow++;
  });
  const areaMm2 = field.rows * field.cols * (scene.spacingUm / 1000) ** 2;
  return { rows, visibleCount: vis, flowingCount: flow, densityPerMm2: vis / areaMm2, perfusedFraction: vis > 0 ? flow / vis : NaN };
}
