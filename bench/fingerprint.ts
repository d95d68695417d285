/**
 * Benchmark: full microvascular fingerprint (computeFingerprint) of a 584×565 fundus-like mask
 * and a 2048×2048 mask, against scikit-image's skeletonize + SciPy's exact EDT + box counting
 * in NumPy (same box sizes and 4×4 grid offsets) on the same masks, under Debian's
 * /usr/bin/python3. Prints wall and CPU time (median of the repeats) and the ratio.
 *
 * Usage: npm run bench -- fingerprint [repeats=7]
 */
import { spawnSync } from 'node:child_process';
import { computeFingerprint } from '../src/vascular/fingerprint.js';
import type { Mask2D } from '../src/core/image.js';
import { vesselTree } from '../test/vascular/shapes.js';

const repeats = Number(process.argv[3] ?? 15);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeOurs(mask: Mask2D): { wall: number; cpu: number; wallMin: number; cpuMin: number } {
  for (let i = 0; i < 8; i++) computeFingerprint(mask, { spacingUm: 10 }); // warm-up (JIT tiers)
  const walls: number[] = [],
    cpus: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    computeFingerprint(mask, { spacingUm: 10 });
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus), wallMin: Math.min(...walls), cpuMin: Math.min(...cpus) };
}

const PY = `
import sys, time, numpy as np
from skimage.morphology import skeletonize
from scipy.ndimage import distance_transform_edt
h, w, reps = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
m = np.frombuffer(sys.stdin.buffer.read(), dtype=np.uint8).reshape(h, w) > 0
def boxcount(a):
    sizes = [s for s in (2 ** k for k in range(1, 16)) if s <= min(a.shape) / 4]
    out = []
    for s in sizes:
        k = min(4, s)
        tot = 0
        for jr in range(k):
            for jc in range(k):
                o_r, o_c = (jr * s) // k, (jc * s) // k
                H = -(-(a.shape[0] + o_r) // s) * s
                W = -(-(a.shape[1] + o_c) // s) * s
                p = np.zeros((H, W), bool)
                p[o_r:o_r + a.shape[0], o_c:o_c + a.shape[1]] = a
                tot += p.reshape(H // s, s, W // s, s).any(axis=(1, 3)).sum()
        out.append(tot / (k * k))
    return np.polyfit(np.log(1.0 / np.array(sizes)), np.log(out), 1)[0]
def run():
    sk = skeletonize(m)
    d = distance_transform_edt(m)
    widths = 2 * d[sk]
    return boxcount(m), boxcount(sk), widths.mean()
run(); run()
walls, cpus = [], []
for _ in range(reps):
    t0, c0 = time.perf_counter(), time.process_time()
    run()
    walls.append((time.perf_counter() - t0) * 1000); cpus.append((time.process_time() - c0) * 1000)
print(sorted(walls)[len(walls) // 2], sorted(cpus)[len(cpus) // 2], min(walls), min(cpus))
`;

function timeReference(mask: Mask2D): { wall: number; cpu: number; wallMin: number; cpuMin: number } | string {
  const r = spawnSync('/usr/bin/python3', ['-c', PY, String(mask.height), String(mask.width), String(repeats)], {
    input: Buffer.from(mask.data.buffer, mask.data.byteOffset, mask.data.byteLength),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
  });
  if (r.status !== 0) return `reference unavailable (${(r.stderr || r.error?.message || '').trim().split('\n').pop()})`;
  const [wall, cpu, wallMin, cpuMin] = r.stdout.trim().split(/\s+/).map(Number);
  return { wall: wall!, cpu: cpu!, wallMin: wallMin!, cpuMin: cpuMin! };
}

const cases: [string, Mask2D][] = [
  ['fundus-like 584x565', vesselTree(565, 584, 1, 10)],
  ['2048x2048', vesselTree(2048, 2048, 1, 10, 2048 / 565)],
];
console.log(
  `fingerprint benchmark: ${repeats} repeats after warm-up; median (min) in ms; wall = elapsed, cpu = user+system of the process (the machine may be shared: compare cpu)`,
);
console.log(
  'case'.padEnd(22),
  'vesselprint wall | cpu'.padEnd(30),
  'skimage+scipy+numpy wall | cpu'.padEnd(34),
  'ratio ref/ours: wall, cpu (medians)',
);
const fmt = (t: { wall: number; cpu: number; wallMin: number; cpuMin: number }): string =>
  `${t.wall.toFixed(1)} (${t.wallMin.toFixed(1)}) | ${t.cpu.toFixed(1)} (${t.cpuMin.toFixed(1)})`;
for (const [name, mask] of cases) {
  const ours = timeOurs(mask);
  const ref = timeReference(mask);
  if (typeof ref === 'string') console.log(name.padEnd(22), fmt(ours).padEnd(30), ref);
  else
    console.log(
      name.padEnd(22),
      fmt(ours).padEnd(30),
      fmt(ref).padEnd(34),
      `${(ref.wall / ours.wall).toFixed(2)}x, ${(ref.cpu / ours.cpu).toFixed(2)}x`,
    );
}
console.log('goal: 584x565 full fingerprint under 100 ms on one core, and faster than the reference pipeline');
