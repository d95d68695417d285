/**
 * Definitions side by side (issue 19): vesselprint's fingerprint against the definitions of
 * AutoMorph (Zhou et al., TVST 11(7):12, 2022, doi:10.1167/tvst.11.7.12) and PVBM (Fhima et al.,
 * "PVBM: a Python vasculature biomarker toolbox based on retinal blood vessel segmentation",
 * ECCV Workshops 2022, doi:10.1007/978-3-031-25066-8_15), re-implemented from their papers on
 * vesselprint's own skeleton and graph, so that only the definition differs:
 *
 * - density: AutoMorph divides vessel pixels by the whole image, vesselprint by the FOV;
 * - length: PVBM sums the chain code (1 per axial, √2 per diagonal step), vesselprint smooths the
 *   centre line and adds back the radius that thinning removes at free ends;
 * - arc/chord: chain-code arc (PVBM), pixels taken in raster order instead of along the vessel
 *   (AutoMorph's unordered path), vesselprint's smoothed arc; also on an exact sinusoid;
 * - fractal dimension: one fixed grid with boxes 2ᵏ px (PVBM/AutoMorph style) against grid
 *   offsets averaged and boxes in mm.
 *
 * Usage: npm run bench -- peerDefinitions [IDS=06_h,11_g] [SPACING_UM=4]
 */
import { existsSync } from 'node:fs';
import { readImage } from '../src/io/readImage.js';
import { toMask, type Mask2D } from '../src/core/image.js';
import { analyzeVessels, type VesselAnalysis } from '../src/vascular/fingerprint.js';
import { fractalDimension } from '../src/vascular/fractalDimension.js';
import { drawPolyline, sinusoidPoints, sinusoidArcLength } from '../test/vascular/shapes.js';

const ids = (process.argv[3] ?? '06_h,11_g').split(',');
const spacing = Number(process.argv[4] ?? 4);
const D = '../shared/data/hrf';

/** Length-weighted arc/chord over the segments ≥ 20 px that are no loops (chain arc/chord ≤ 2), with arc from `arc(path)`. */
function arcChord(a: VesselAnalysis, arc: (path: Int32Array, width: number) => number): number {
  let w = 0,
    s = 0;
  for (const seg of a.graph.segments) {
    if (seg.isLoop || seg.path.length < 20) continue;
    const p = seg.path,
      W = a.graph.width;
    const chord = Math.hypot(Math.floor(p[0]! / W) - Math.floor(p[p.length - 1]! / W), (p[0]! % W) - (p[p.length - 1]! % W));
    if (chord === 0) continue;
    if (chainArc(p, W) / chord > 2) continue; // skeleton loops, as in the fingerprint
    const l = arc(p, W);
    w += l;
    s += l * (l / chord);
  }
  return s / w;
}
const stepSum = (order: Int32Array, W: number): number => {
  let l = 0;
  for (let k = 1; k < order.length; k++)
    l += Math.hypot(Math.floor(order[k]! / W) - Math.floor(order[k - 1]! / W), (order[k]! % W) - (order[k - 1]! % W));
  return l;
};
const chainArc = (p: Int32Array, W: number): number => stepSum(p, W);
const rasterArc = (p: Int32Array, W: number): number => stepSum(Int32Array.from(p).sort(), W);

function row(name: string, ours: number, peers: [string, number][]): void {
  console.log(
    `| ${name} | ${ours.toPrecision(5)} | ${peers.map(([n, v]) => `${n}: ${v.toPrecision(5)} (${(((v - ours) / ours) * 100).toFixed(1)} %)`).join('; ')} |`,
  );
}

console.log('| feature | vesselprint | peer definitions (difference) |\n| --- | --- | --- |');
// exact sinusoid: A 20 px, λ 100 px, 400 px long, drawn 5 px wide
const sin: Mask2D = { data: new Uint8Array(480 * 200), width: 480, height: 200 };
drawPolyline(sin, sinusoidPoints(100, 40, 20, 100, 400), 2.5);
const exact = sinusoidArcLength(20, 100, 400) / 400;
const sa = analyzeVessels(sin, { spacingUm: 25, regions: false });
row('sinusoid arc/chord (exact ' + exact.toFixed(4) + ')', sa.fingerprint.tortuosity_arc_chord!, [
  ['exact', exact],
  ['chain code (PVBM)', arcChord(sa, chainArc)],
  ['raster order (AutoMorph)', arcChord(sa, rasterArc)],
]);

for (const id of ids) {
  if (!existsSync(`${D}/manual1/${id}.png`)) {
    console.error(`${D}/manual1/${id}.png not present; skipped`);
    continue;
  }
  const mask = toMask(await readImage(`${D}/manual1/${id}.png`));
  const fov = toMask(await readImage(`${D}/mask/${id}_mask.png`));
  const a = analyzeVessels(mask, { spacingUm: spacing, fov, regions: false });
  const f = a.fingerprint;
  let vessel = 0;
  for (let i = 0; i < mask.data.length; i++) vessel += mask.data[i] ? 1 : 0;
  row(`${id} vessel area fraction`, f.vessel_area_fraction!, [['whole image (AutoMorph)', vessel / (mask.width * mask.height)]]);
  row(`${id} vessel length (mm)`, f.vessel_length_mm!, [['chain code (PVBM)', f.skeleton_chain_length_mm!]]);
  row(`${id} arc/chord`, f.tortuosity_arc_chord!, [
    ['chain code (PVBM)', arcChord(a, chainArc)],
    ['raster order (AutoMorph)', arcChord(a, rasterArc)],
  ]);
  const fixedGrid = fractalDimension(a.mask, { minBoxPx: 2, offsetsPerAxis: 1 }).dimension;
  row(`${id} fractal dimension (mask)`, f.fractal_dimension_box!, [
    ['one grid, boxes 2ᵏ px from 2 px', fixedGrid],
    ['sandbox D0 (PVBM reports D0)', f.fractal_d0!],
  ]);
}
