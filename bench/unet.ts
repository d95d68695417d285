/**
 * `npm run bench -- unet [--steps N] [--workers W] [--with-cpu] [--full] [--hrf IMAGE] [--backend NAME]`
 *
 * The same U-Net (3 levels, 16 base filters, batch norm, 2x2 transposed-conv up-sampling,
 * ≈0.48 M parameters) in vesselprint (tfjs, the backend `selectBackend` picks — wasm with
 * vesselprint's gradient kernels here) and in PyTorch on CPU (Debian python3-torch, 2 threads),
 * in the same run:
 *   - one training step: batch 8 of 64x64x1, Adam, BCE + soft Dice (median of N steps after 2 warm-ups);
 *   - inference of one 584x565 image (the whole image in one pass, padded to 592x568), with
 *     batch norm folded into the convolutions (as `segmentUnet` runs it) and without;
 *   - --full: inference of a 3504x2336 image (vesselprint: sliding window, 512 tiles, overlap 32;
 *     PyTorch: one pass);
 *   - per-kernel: the filter and input gradients of one U-Net layer (8x64x64x16 → 16, 3x3) on
 *     wasm (vesselprint's kernels) and on tfjs' pure-JS cpu backend;
 *   - --with-cpu: one whole training step on tfjs' pure-JS cpu backend (minutes).
 *   - --hrf IMAGE: `vesselprint segment IMAGE --method unet --workers W` (the shipped model, a full
 *     3504x2336 HRF photograph) as a child process, wall-clock, also with --workers 1;
 *   - on W worker threads (default: one per core): the data-parallel training step (W shards,
 *     `dataParallelStep`) and the 584x565 inference over 320-px tiles (`predictProbabilityParallel`);
 * Prints wall-clock and CPU time for each side and the ratios (vesselprint / PyTorch). On a
 * shared machine CPU time is the fairer figure; wall-clock is what a user waits.
 *
 * --backend NAME (webgpu, tensorflow-gpu, wasm, …) runs vesselprint on that backend (an error if
 * it is not usable) and prints the GPU adapter: the one-call check for a lab machine's GPU. Every
 * timed step ends with an asynchronous read of its result (`await tensor.data()`), so GPU work
 * is finished inside the timing. On a GPU backend the per-kernel wasm rows are omitted.
 *
 * Ends with one
 * line `RESULT {json}`: train_ms / infer_ms are the W-worker wall-clock medians, the *_pytorch2 /
 * *_pytorch1 fields PyTorch's with 2 / 1 threads in the same run, load1 the 1-minute load average.
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { selectBackend } from '../src/backend/selectBackend.js';
import { buildUnet } from '../src/segment/unet/buildUnet.js';
import { segLoss } from '../src/segment/unet/losses.js';
import { predictProbability } from '../src/segment/unet/infer.js';
import { foldBatchNorm } from '../src/segment/unet/foldBatchNorm.js';
import type { PreparedImage } from '../src/segment/unet/prepare.js';
import { createRng } from '../src/core/rng.js';
import { oneOf } from '../src/core/errors.js';
import { BACKEND_NAMES } from '../src/backend/types.js';
import { formatAdapter } from '../src/backend/webgpuAdapter.js';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { dataParallelStep } from '../src/segment/unet/parallel/dataParallelStep.js';
import { predictProbabilityParallel } from '../src/segment/unet/parallel/predictParallel.js';
import { tfWorkerPool } from '../src/segment/unet/parallel/tfWorkerPool.js';

const args = process.argv.slice(3);
const arg = (name: string, def: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const STEPS = arg('--steps', 5);
const backendArg = args.includes('--backend')
  ? oneOf('--backend', args[args.indexOf('--backend') + 1] ?? '', ['auto', ...BACKEND_NAMES] as const)
  : 'auto';
const withCpu = args.includes('--with-cpu');
const full = args.includes('--full');
const WORKERS = arg('--workers', availableParallelism());
const hrfAt = args.indexOf('--hrf');
const HRF = hrfAt >= 0 ? args[hrfAt + 1] : undefined;

/** Wall-clock ms of `vesselprint segment IMAGE --method unet --workers W` (compiled CLI, output in a temp folder). */
function segmentCli(image: string, workers: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'vp-bench-seg-'));
  try {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      ['bin/vesselprint.mjs', 'segment', image, '--method', 'unet', '--workers', String(workers), '--out', join(dir, 'mask.png')],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`segment failed: ${r.stderr}`);
    return performance.now() - t0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
async function timeIt(f: () => void | Promise<void>): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const c = process.cpuUsage(c0);
  return { wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

async function tfjsTrainStep(backend: string, steps: number): Promise<Timing> {
  const model = buildUnet({ depth: 3, baseFilters: 16, seed: 1 });
  const opt = tf.train.adam(1e-3);
  const rng = createRng(1);
  const xd = new Float32Array(8 * 64 * 64).map(() => rng.normal());
  const yd = new Float32Array(8 * 64 * 64).map(() => (rng.uniform() < 0.15 ? 1 : 0));
  const x = tf.tensor4d(xd, [8, 64, 64, 1]);
  const y = tf.tensor4d(yd, [8, 64, 64, 1]);
  const step = async (): Promise<void> => {
    const l = tf.tidy(() => opt.minimize(() => segLoss(y, model.apply(x, { training: true }) as tf.Tensor4D), true)!);
    await l.data();
    l.dispose();
  };
  const warm = backend === 'cpu' ? 0 : 2;
  for (let i = 0; i < warm; i++) await step();
  const ts: Timing[] = [];
  for (let i = 0; i < steps; i++) ts.push(await timeIt(step));
  x.dispose();
  y.dispose();
  opt.dispose();
  console.error(`  ${backend} train steps (ms wall): ${ts.map((t) => t.wallMs.toFixed(0)).join(' ')}`);
  model.dispose();
  return { wallMs: median(ts.map((t) => t.wallMs)), cpuMs: median(ts.map((t) => t.cpuMs)) };
}

async function timeAsync(f: () => Promise<unknown>): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const c = process.cpuUsage(c0);
  return { wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

/** Data-parallel training step on `workers` threads (shards = workers). CPU time includes the worker threads. */
async function parallelTrainStep(workers: number, steps: number): Promise<Timing> {
  const model = buildUnet({ depth: 3, baseFilters: 16, seed: 1 });
  const opt = tf.train.adam(1e-3);
  const rng = createRng(1);
  const x = new Float32Array(8 * 64 * 64).map(() => rng.normal());
  const y = new Float32Array(8 * 64 * 64).map(() => (rng.uniform() < 0.15 ? 1 : 0));
  const step = (k: number) => (): Promise<number> =>
    dataParallelStep(
      model,
      opt,
      { x: x.slice(), xShape: [8, 64, 64, 1], y: y.slice(), yShape: [8, 64, 64, 1] },
      { workers, shards: workers },
      {},
      k * workers,
    );
  for (let i = 0; i < 2; i++) await step(i)();
  const ts: Timing[] = [];
  for (let i = 0; i < steps; i++) ts.push(await timeAsync(step(i + 2)));
  console.error(`  ${workers}-worker train steps (ms wall): ${ts.map((t) => t.wallMs.toFixed(0)).join(' ')}`);
  opt.dispose();
  model.dispose();
  return { wallMs: median(ts.map((t) => t.wallMs)), cpuMs: median(ts.map((t) => t.cpuMs)) };
}

/** 584x565 inference over 320-px tiles (4 tiles) on `workers` threads, BN folded. */
async function parallelInfer(workers: number, reps: number): Promise<Timing> {
  const built = buildUnet({ depth: 3, baseFilters: 16, seed: 1 });
  const model = foldBatchNorm(built, { depth: 3, baseFilters: 16, seed: 1 });
  const rng = createRng(2);
  const unit = new Float32Array(584 * 565).map(() => rng.uniform());
  const img: PreparedImage = {
    width: 584,
    height: 565,
    unit,
    fov: { data: new Uint8Array(584 * 565).fill(1), width: 584, height: 565 },
    mean: 0.5,
    sd: 0.3,
  };
  const run = (): Promise<unknown> => predictProbabilityParallel(model, img, { tileSize: 320, overlap: 32, batchSize: 1, workers });
  await run();
  const ts: Timing[] = [];
  for (let i = 0; i < reps; i++) ts.push(await timeAsync(run));
  model.dispose();
  built.dispose();
  return { wallMs: median(ts.map((t) => t.wallMs)), cpuMs: median(ts.map((t) => t.cpuMs)) };
}

async function tfjsInfer(width: number, height: number, tileSize: number, reps: number, folded = true): Promise<Timing> {
  const built = buildUnet({ depth: 3, baseFilters: 16, seed: 1 });
  const model = folded ? foldBatchNorm(built, { depth: 3, baseFilters: 16, seed: 1 }) : built;
  const rng = createRng(2);
  const unit = new Float32Array(width * height).map(() => rng.uniform());
  const img: PreparedImage = {
    width,
    height,
    unit,
    fov: { data: new Uint8Array(width * height).fill(1), width, height },
    mean: 0.5,
    sd: 0.3,
  };
  const run = async (): Promise<void> => void (await predictProbability(model, img, { tileSize, overlap: 32, batchSize: 1 }));
  await run();
  const ts: Timing[] = [];
  for (let i = 0; i < reps; i++) ts.push(await timeIt(run));
  model.dispose();
  if (folded) built.dispose();
  return { wallMs: median(ts.map((t) => t.wallMs)), cpuMs: median(ts.map((t) => t.cpuMs)) };
}

const PY = String.raw`
import json, sys, time, torch, torch.nn as nn
torch.set_num_threads(int(sys.argv[3])); torch.manual_seed(0)
def block(i, o):
    return nn.Sequential(nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True),
                         nn.Conv2d(o, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True))
class UNet(nn.Module):
    def __init__(s, depth=3, f=16):
        super().__init__()
        s.enc = nn.ModuleList(); c = 1
        for l in range(depth): s.enc.append(block(c, f * 2**l)); c = f * 2**l
        s.bott = block(c, f * 2**depth); c = f * 2**depth
        s.up = nn.ModuleList(); s.dec = nn.ModuleList()
        for l in reversed(range(depth)):
            o = f * 2**l; s.up.append(nn.ConvTranspose2d(c, o, 2, stride=2)); s.dec.append(block(2 * o, o)); c = o
        s.head = nn.Conv2d(c, 1, 1); s.pool = nn.MaxPool2d(2)
    def forward(s, x):
        skips = []
        for e in s.enc: x = e(x); skips.append(x); x = s.pool(x)
        x = s.bott(x)
        for u, d, k in zip(s.up, s.dec, reversed(skips)): x = d(torch.cat([k, u(x)], 1))
        return torch.sigmoid(s.head(x))
def t(f, reps):
    out = []
    for _ in range(reps):
        c0 = time.process_time(); w0 = time.perf_counter(); f(); out.append((1000 * (time.perf_counter() - w0), 1000 * (time.process_time() - c0)))
    out.sort(); return out[len(out) // 2]
m = UNet(); opt = torch.optim.Adam(m.parameters(), 1e-3)
x = torch.randn(8, 1, 64, 64); y = (torch.rand(8, 1, 64, 64) < 0.15).float()
def step():
    opt.zero_grad(); p = m(x).clamp(1e-7, 1 - 1e-7)
    bce = -(y * p.log() + (1 - y) * (1 - p).log()).mean()
    dice = 1 - (2 * (p * y).sum() + 1) / (p.sum() + y.sum() + 1)
    (bce + dice).backward(); opt.step()
for _ in range(2): step()
steps = int(sys.argv[1]); res = {'params': sum(p.numel() for p in m.parameters()), 'train': t(step, steps)}
m.eval()
img = torch.randn(1, 1, 568, 592)
with torch.no_grad():
    m(img); res['infer584'] = t(lambda: m(img), 3)
    if sys.argv[2] == '1':
        big = torch.randn(1, 1, 2336, 3504); m(big[:, :, :512, :512]); res['inferFull'] = t(lambda: m(big), 1)
print(json.dumps(res))
`;

type PyResult = { params: number; train: [number, number]; infer584: [number, number]; inferFull?: [number, number] };
function pytorch(threads: number): PyResult | string {
  const r = spawnSync('/usr/bin/python3', ['-c', PY, String(STEPS), full ? '1' : '0', String(threads)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) return (r.stderr || r.error?.message || 'failed').split('\n').filter(Boolean).slice(-1)[0] ?? 'failed';
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as PyResult;
}

function torchVersion(): string {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '?';
}
const fmt = (t: Timing): string => `${t.wallMs.toFixed(0).padStart(7)} ms wall ${t.cpuMs.toFixed(0).padStart(7)} ms CPU`;
const ratio = (a: Timing, b: [number, number] | undefined): string =>
  b ? `x${(a.wallMs / b[0]).toFixed(2)} wall, x${(a.cpuMs / b[1]).toFixed(2)} CPU` : 'n/a';

const report = await selectBackend({ backend: backendArg });
const onGpu = report.probes.some((p) => p.name === report.activeName && p.gpu);
const adapter = report.probes.find((p) => p.adapter !== undefined)?.adapter;
if (adapter !== undefined) console.log(`WebGPU adapter: ${formatAdapter(adapter)}`);
console.log(
  `vesselprint backend: ${report.activeName} (tfjs ${report.tfjsVersion}); U-Net depth 3, 16 filters, BN; ${buildUnet({ seed: 1 }).countParams()} parameters`,
);
const py = pytorch(2);
if (typeof py === 'string') console.log(`PyTorch reference unavailable (${py}); install Debian python3-torch. Ratios omitted.`);
else
  console.log(
    `PyTorch ${torchVersion()} CPU: ${py.params} parameters; rows "PyTorch" = 2 threads (the anchor), "PyTorch-1t" = 1 thread (same parallelism as tfjs wasm in Node)`,
  );
const pyr = typeof py === 'string' ? undefined : py;
const py1 = pyr ? pytorch(1) : 'skipped';
const pyr1 = typeof py1 === 'string' ? undefined : py1;
const train = await tfjsTrainStep(report.active, STEPS);
const inf = await tfjsInfer(584, 565, 592, 3);
const infBn = await tfjsInfer(584, 565, 592, 3, false);
const inf256 = await tfjsInfer(584, 565, 256, 3);
const row = (label: string, a: Timing, b: [number, number] | undefined): void => {
  console.log(
    `${label.padEnd(34)} vesselprint ${fmt(a)} | PyTorch ${b ? `${b[0].toFixed(0).padStart(6)} ms wall ${b[1].toFixed(0).padStart(6)} ms CPU` : 'n/a'} | ratio ${ratio(a, b)}`,
  );
};
row('train step (batch 8, 64x64)', train, pyr?.train);
row('  vs PyTorch-1t', train, pyr1?.train);
row('inference 584x565 (one pass, BN folded)', inf, pyr?.infer584);
row('  same, BN layers kept', infBn, pyr?.infer584);
row('  vs PyTorch-1t', inf, pyr1?.infer584);
row('inference 584x565 (256 tiles, folded)', inf256, pyr?.infer584);
const trainPar = await parallelTrainStep(WORKERS, STEPS);
const infPar = await parallelInfer(WORKERS, 3);
await (await tfWorkerPool(WORKERS)).close();
row(`train step, ${WORKERS} workers (${WORKERS} shards)`, trainPar, pyr?.train);
row(`inference 584x565, ${WORKERS} workers (320 tiles)`, infPar, pyr?.infer584);
if (full) row('inference 3504x2336 (512 tiles)', await tfjsInfer(3504, 2336, 512, 1), pyr?.inferFull);
const layerGrad = async (backend: string): Promise<[Timing, Timing]> => {
  await selectBackend({ backend: backend as 'wasm' | 'cpu' });
  const rng = createRng(4);
  const x = tf.tensor4d(
    new Float32Array(8 * 64 * 64 * 16).map(() => rng.normal()),
    [8, 64, 64, 16],
  );
  const dy = tf.tensor4d(
    new Float32Array(8 * 64 * 64 * 16).map(() => rng.normal()),
    [8, 64, 64, 16],
  );
  const w = tf.tensor4d(
    new Float32Array(3 * 3 * 16 * 16).map(() => rng.normal()),
    [3, 3, 16, 16],
  );
  const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC' };
  const run = (name: string, inputs: tf.NamedTensorMap, extra: Record<string, unknown>): Promise<Timing> =>
    timeIt(() => (tf.engine().runKernel(name, inputs, { ...attrs, ...extra }) as tf.Tensor).dispose());
  if (backend !== 'cpu') await run('Conv2DBackpropFilter', { x, dy }, { filterShape: [3, 3, 16, 16] });
  const f = await run('Conv2DBackpropFilter', { x, dy }, { filterShape: [3, 3, 16, 16] });
  const i = await run('Conv2DBackpropInput', { dy, filter: w }, { inputShape: [8, 64, 64, 16] });
  for (const t of [x, dy, w]) t.dispose();
  return [f, i];
};
if (!onGpu) {
  const [wf, wi] = await layerGrad(report.active);
  const [cf, ci] = await layerGrad('cpu');
  await selectBackend({ backend: report.activeName });
  const krow = (label: string, a: Timing, b: Timing): void =>
    console.log(
      `${label.padEnd(34)} ${report.active} ${fmt(a)} | tfjs cpu ${fmt(b)} | speed-up x${(b.cpuMs / a.cpuMs).toFixed(0)} (CPU time)`,
    );
  krow('filter gradient, 1 layer 8x64x64x16', wf, cf);
  krow('input gradient, 1 layer 8x64x64x16', wi, ci);
}
if (withCpu) {
  await selectBackend({ backend: 'cpu' });
  row('train step on tfjs cpu backend', await tfjsTrainStep('cpu', 1), pyr?.train);
}
let segHrf: { workers: number; one: number } | undefined;
if (HRF !== undefined) {
  spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', '--quiet'], { stdio: 'inherit' });
  segHrf = { workers: segmentCli(HRF, WORKERS), one: segmentCli(HRF, 1) };
  console.log(
    `segment --method unet ${HRF}: ${WORKERS} workers ${segHrf.workers.toFixed(0)} ms wall, 1 worker ${segHrf.one.toFixed(0)} ms wall (goal ≤ 5000 ms on an idle machine)`,
  );
}
console.log(
  'goals (idle machine): train step ≤ x2 PyTorch 2 threads; 584x565 inference ≤ PyTorch 2 threads (ratio ≤ 1); CPU time includes worker threads',
);
const r0 = (v: number | undefined): number | null => (v === undefined ? null : Math.round(v));
const result = {
  train_ms: r0(trainPar.wallMs),
  train_ms_pytorch2: r0(pyr?.train[0]),
  train_ms_pytorch1: r0(pyr1?.train[0]),
  infer_ms: r0(infPar.wallMs),
  infer_ms_pytorch2: r0(pyr?.infer584[0]),
  infer_ms_pytorch1: r0(pyr1?.infer584[0]),
  backend: `${report.activeName} x${WORKERS} workers`,
  workers: WORKERS,
  train_ms_1worker: r0(train.wallMs),
  infer_ms_1worker: r0(inf.wallMs),
  train_cpu_ms: r0(trainPar.cpuMs),
  infer_cpu_ms: r0(infPar.cpuMs),
  ...(segHrf ? { segment_hrf_ms: r0(segHrf.workers), segment_hrf_ms_1worker: r0(segHrf.one) } : {}),
  load1: Number(loadavg()[0]!.toFixed(2)),
};
console.log(`RESULT ${JSON.stringify(result)}`);
