import type { Command } from 'commander';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { findChromium } from '../../plot/export.js';
import { isVesselprintError } from '../../core/errors.js';

/** Result of one doctor check. */
export interface DoctorResult {
  /** Short name, e.g. `node`, `tfjs-node`. */
  name: string;
  status: 'ok' | 'missing' | 'broken';
  /** Version or what was found. */
  detail: string;
  /** How to install or fix it, when not ok. */
  fix?: string;
  /** A required component makes `doctor` exit 1 when not ok; optional ones only inform. */
  required: boolean;
}

/** A check: small, independent, never throws (a failure is a result). */
export type DoctorCheck = () => DoctorResult | DoctorResult[] | Promise<DoctorResult | DoctorResult[]>;

const requireFromHere = createRequire(import.meta.url);

/** Installed version of an npm package (resolved as vesselprint resolves it), or undefined. */
export function packageVersion(name: string): { version: string; dir: string } | undefined {
  try {
    const main = requireFromHere.resolve(`${name}/package.json`);
    return { version: (JSON.parse(readFileSync(main, 'utf8')) as { version: string }).version, dir: dirname(main) };
  } catch {
    // packages whose "exports" hide package.json: walk up from the resolved entry point
    try {
      let d = dirname(requireFromHere.resolve(name));
      while (d !== dirname(d)) {
        const p = join(d, 'package.json');
        if (existsSync(p)) {
          const pj = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version: string };
          if (pj.name === name) return { version: pj.version, dir: d };
        }
        d = dirname(d);
      }
    } catch {
      /* not installed */
    }
    return undefined;
  }
}

export function checkNode(): DoctorResult {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= 20
    ? { name: 'node', status: 'ok', detail: process.versions.node, required: true }
    : {
        name: 'node',
        status: 'broken',
        detail: `${process.versions.node} (vesselprint needs >= 20)`,
        fix: 'install Node.js 20 or newer (https://nodejs.org or your package manager)',
        required: true,
      };
}

function checkSharp(): DoctorResult {
  const v = packageVersion('sharp');
  if (v === undefined)
    return {
      name: 'sharp',
      status: 'missing',
      detail: 'not installed (image I/O needs it)',
      fix: 'npm ci (sharp ships prebuilt libvips)',
      required: true,
    };
  try {
    requireFromHere('sharp');
    return { name: 'sharp', status: 'ok', detail: v.version, required: true };
  } catch (e) {
    return {
      name: 'sharp',
      status: 'broken',
      detail: `${v.version} installed but does not load: ${(e as Error).message.split('\n')[0]}`,
      fix: 'npm rebuild sharp (or npm ci) on this platform',
      required: true,
    };
  }
}

/** tfjs backends, fastest first: native GPU, native CPU, WebAssembly, pure-JS CPU. */
export function checkTfjsBackends(): DoctorResult[] {
  const native = (pkg: string, name: string, fix: string): DoctorResult => {
    const v = packageVersion(pkg);
    if (v === undefined) return { name, status: 'missing', detail: `${pkg} not installed`, fix, required: false };
    // the install script downloads libtensorflow; without it the native binding is absent
    const libDir = join(v.dir, 'lib');
    const hasBinding =
      existsSync(libDir) && readdirSync(libDir).some((d) => d.startsWith('napi-v') && existsSync(join(libDir, d, 'tfjs_binding.node')));
    return hasBinding
      ? { name, status: 'ok', detail: `${pkg} ${v.version}`, required: false }
      : {
          name,
          status: 'broken',
          detail: `${pkg} ${v.version} installed but its native binding (lib/napi-v*/tfjs_binding.node) is missing`,
          fix: `npm rebuild ${pkg} with access to storage.googleapis.com (it downloads libtensorflow 2.9.1)`,
          required: false,
        };
  };
  const plain = (pkg: string, name: string, fix: string): DoctorResult => {
    const v = packageVersion(pkg);
    return v === undefined
      ? { name, status: 'missing', detail: `${pkg} not installed`, fix, required: false }
      : { name, status: 'ok', detail: `${pkg} ${v.version}`, required: false };
  };
  return [
    native(
      '@tensorflow/tfjs-node-gpu',
      'tfjs-node-gpu',
      'npm install @tensorflow/tfjs-node-gpu (Linux x64 + CUDA 11.2/cuDNN 8.1; downloads libtensorflow from storage.googleapis.com)',
    ),
    native('@tensorflow/tfjs-node', 'tfjs-node', 'npm install @tensorflow/tfjs-node (downloads libtensorflow from storage.googleapis.com)'),
    plain('@tensorflow/tfjs-backend-wasm', 'tfjs-wasm', 'npm install @tensorflow/tfjs-backend-wasm'),
    plain('@tensorflow/tfjs', 'tfjs-cpu', 'npm install @tensorflow/tfjs (includes the pure-JS cpu backend)'),
  ];
}

/** First line of `cmd --version`, or undefined when it cannot run (5 s limit). */
function versionOf(cmd: string, args = ['--version']): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 5000 });
  if (r.error !== undefined || r.status !== 0) return undefined;
  return `${r.stdout}${r.stderr}`
    .split('\n')
    .map((s) => s.trim())
    .find((s) => s.length > 0);
}

/**
 * Chromium for static figure export, found exactly as the exporter finds it ({@link findChromium}:
 * VESSELPRINT_CHROMIUM, then the usual install paths), then asked for its version.
 */
export function checkChromium(find: () => string = findChromium): DoctorResult {
  let path: string;
  try {
    path = find();
  } catch (e) {
    if (!isVesselprintError(e)) throw e;
    return {
      name: 'chromium',
      status: 'missing',
      detail: `${e.message} (static figure export needs it)`,
      fix: 'apt-get install -y chromium (Debian) and npm install playwright-core, or set VESSELPRINT_CHROMIUM',
      required: false,
    };
  }
  const v = versionOf(path);
  return v === undefined
    ? {
        name: 'chromium',
        status: 'broken',
        detail: `${path} exists but \`--version\` failed`,
        fix: 'apt-get install --reinstall chromium',
        required: false,
      }
    : { name: 'chromium', status: 'ok', detail: `${v} (${path})`, required: false };
}

/**
 * The Debian `ffmpeg` programs that `vesselprint capillaroscopy` uses to read AVI/MP4/MOV recordings
 * (`ffprobe` for size and frame rate, `ffmpeg` to decode). Both must run; `bin` names them (tests point
 * it at doubles). Multi-page TIFFs and frame folders work without them, so the row is optional.
 */
export function checkFfmpeg(bin: { ffmpeg: string; ffprobe: string } = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' }): DoctorResult {
  const fix = 'apt-get install -y ffmpeg (Debian/Ubuntu); or convert recordings to multi-page TIFF / a folder of numbered frames';
  const v = versionOf(bin.ffmpeg, ['-version']);
  const p = versionOf(bin.ffprobe, ['-version']);
  if (v === undefined && p === undefined) {
    return {
      name: 'ffmpeg',
      status: 'missing',
      detail: 'ffmpeg and ffprobe not on PATH (capillaroscopy videos in AVI/MP4 need them)',
      fix,
      required: false,
    };
  }
  if (v === undefined || p === undefined) {
    return {
      name: 'ffmpeg',
      status: 'broken',
      detail: `${v === undefined ? bin.ffmpeg : bin.ffprobe} does not run while ${v === undefined ? bin.ffprobe : bin.ffmpeg} does; capillaroscopy needs both`,
      fix: 'apt-get install --reinstall ffmpeg',
      required: false,
    };
  }
  return {
    name: 'ffmpeg',
    status: 'ok',
    detail: `${v.replace(/ Copyright.*$/, '')}; ${p.replace(/ Copyright.*$/, '')} (AVI/MP4 capillaroscopy recordings)`,
    required: false,
  };
}

function checkJupyter(): DoctorResult {
  if (versionOf('jupyter', ['--version']) === undefined) {
    return {
      name: 'jupyter',
      status: 'missing',
      detail: 'jupyter not on PATH (notebooks need it)',
      fix: 'apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client python3-ipython; then npx tslab install --python /usr/bin/python3',
      required: false,
    };
  }
  const v = versionOf('jupyter-nbconvert', ['--version']);
  const tslab = packageVersion('tslab');
  return {
    name: 'jupyter',
    status: 'ok',
    detail: `nbconvert ${v ?? 'not installed'}; tslab kernel package ${tslab?.version ?? 'not installed'}`,
    required: false,
    ...(v === undefined || tslab === undefined
      ? { fix: 'apt-get install jupyter-nbconvert; npm install tslab && npx tslab install --python /usr/bin/python3' }
      : {}),
  };
}

const PY_MODULES = [
  { module: 'skimage', apt: 'python3-skimage' },
  { module: 'sklearn', apt: 'python3-sklearn' },
  { module: 'statsmodels', apt: 'python3-statsmodels' },
  { module: 'torch', apt: 'python3-torch' },
] as const;

/** Debian's /usr/bin/python3 and the reference libraries tests compare against. */
function checkPython(): DoctorResult[] {
  const py = '/usr/bin/python3';
  if (!existsSync(py)) {
    return [
      {
        name: 'python3',
        status: 'missing',
        detail: `${py} not found (reference implementations for tests)`,
        fix: 'apt-get install -y python3',
        required: false,
      },
    ];
  }
  const code = `import json, importlib
out = {}
for m in ${JSON.stringify(PY_MODULES.map((m) => m.module))}:
    try:
        out[m] = getattr(importlib.import_module(m), '__version__', 'installed')
    except Exception as e:
        out[m] = None
print(json.dumps(out))`;
  const r = spawnSync(py, ['-c', code], { encoding: 'utf8', timeout: 60000 });
  const pyVersion = versionOf(py) ?? 'unknown version';
  const results: DoctorResult[] = [{ name: 'python3', status: 'ok', detail: `${pyVersion} (${py})`, required: false }];
  let versions: Record<string, string | null> = {};
  try {
    versions = JSON.parse(r.stdout) as Record<string, string | null>;
  } catch {
    /* python failed: every module reported missing */
  }
  for (const m of PY_MODULES) {
    const v = versions[m.module];
    results.push(
      v
        ? { name: `py:${m.module}`, status: 'ok', detail: String(v), required: false }
        : {
            name: `py:${m.module}`,
            status: 'missing',
            detail: `not importable by ${py}`,
            fix: `apt-get install -y ${m.apt}`,
            required: false,
          },
    );
  }
  return results;
}

/**
 * The WebGPU route: the optional packages (`webgpu` = Dawn, `@tensorflow/tfjs-backend-webgpu`)
 * and the adapter Dawn offers (vendor, architecture, device, hardware or software), or why none.
 */
async function checkWebgpu(): Promise<DoctorResult[]> {
  const dawn = packageVersion('webgpu');
  const tfw = packageVersion('@tensorflow/tfjs-backend-webgpu');
  const install =
    'npm install webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0 (optional dependencies of vesselprint; prebuilt, no download)';
  if (dawn === undefined || tfw === undefined) {
    const missing = [dawn === undefined ? 'webgpu' : '', tfw === undefined ? '@tensorflow/tfjs-backend-webgpu' : '']
      .filter(Boolean)
      .join(' + ');
    return [
      { name: 'webgpu', status: 'missing', detail: `${missing} not installed (GPU route through Dawn)`, fix: install, required: false },
    ];
  }
  const pkgs: DoctorResult = {
    name: 'webgpu',
    status: 'ok',
    detail: `webgpu ${dawn.version} (Dawn) + @tensorflow/tfjs-backend-webgpu ${tfw.version}`,
    required: false,
  };
  const { probeWebgpuAdapter, formatAdapter } = await import('../../backend/webgpuAdapter.js');
  const a = await probeWebgpuAdapter();
  if (!a.ok) {
    return [
      pkgs,
      {
        name: 'gpu-adapter',
        status: 'missing',
        detail: a.reason,
        fix: 'a Vulkan driver: the GPU vendor driver with its Vulkan ICD (NVIDIA driver; AMD/Intel: Mesa RADV/ANV), no CUDA needed; check with `vulkaninfo --summary`',
        required: false,
      },
    ];
  }
  const adapter: DoctorResult = { name: 'gpu-adapter', status: 'ok', detail: formatAdapter(a.adapter), required: false };
  if (a.adapter.software)
    adapter.fix =
      'software adapter: auto selection skips it (wasm is faster); VESSELPRINT_BACKEND=webgpu forces it for testing the GPU code path';
  return [pkgs, adapter];
}

/** Which tfjs backend vesselprint would use now, and why each other route was skipped (one row per backend). */
async function checkActiveBackend(): Promise<DoctorResult[]> {
  try {
    const { describeBackends } = await import('../../backend/describeBackends.js');
    const d = await describeBackends();
    const rows: DoctorResult[] = d.probes.map((p, i) => ({
      name: `tfjs:${p.name}`,
      status: !p.installed || p.working || p.skipped ? 'ok' : p.gpu ? 'missing' : 'broken',
      detail: d.lines[i]!.slice(p.name.padEnd(15).length + 1),
      required: false,
    }));
    return [...rows, { name: 'tfjs-active', status: 'ok', detail: d.lines[d.lines.length - 1]!, required: false }];
  } catch (e) {
    return [
      {
        name: 'tfjs-active',
        status: 'broken',
        detail: `no working tfjs backend: ${e instanceof Error ? e.message : String(e)}`,
        fix: 'npm ci (installs @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm)',
        required: false,
      },
    ];
  }
}

/**
 * The checks `vesselprint doctor` runs, in order. Another section is added by appending a
 * {@link DoctorCheck} here.
 */
const DOCTOR_CHECKS: DoctorCheck[] = [
  checkNode,
  checkSharp,
  checkTfjsBackends,
  checkWebgpu,
  checkActiveBackend,
  checkChromium,
  checkFfmpeg,
  checkJupyter,
  checkPython,
];

/** Runs every check; a check that throws is reported as broken instead of stopping the others. */
export async function runDoctor(checks: DoctorCheck[] = DOCTOR_CHECKS): Promise<DoctorResult[]> {
  const out: DoctorResult[] = [];
  for (const c of checks) {
    try {
      const r = await c();
      out.push(...(Array.isArray(r) ? r : [r]));
    } catch (e) {
      out.push({ name: c.name || 'check', status: 'broken', detail: `check failed: ${(e as Error).message}`, required: false });
    }
  }
  return out;
}

/**
 * `vesselprint doctor [--json]`: what is installed (Node, sharp, tfjs backends, the WebGPU adapter, chromium,
 * jupyter, /usr/bin/python3 with scikit-image / scikit-learn / statsmodels / torch) and how to
 * install what is missing. Exit 1 when a required component is missing or broken.
 */
export function register(program: Command): void {
  program
    .command('doctor')
    .description(
      'check the installation: Node, sharp, tfjs backends, WebGPU adapter, chromium, ffmpeg, jupyter, python references; says how to fix what is missing',
    )
    .option('--json', 'print the results as JSON')
    .action(async (opts: { json?: boolean }) => {
      const results = await runDoctor();
      if (opts.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else {
        const w = Math.max(...results.map((r) => r.name.length));
        for (const r of results) {
          process.stdout.write(`${`[${r.status}]`.padEnd(10)} ${r.name.padEnd(w)}  ${r.detail}\n`);
          if (r.fix !== undefined && r.status !== 'ok') process.stdout.write(`${' '.repeat(11 + w)}  fix: ${r.fix}\n`);
          else if (r.fix !== undefined) process.stdout.write(`${' '.repeat(11 + w)}  hint: ${r.fix}\n`);
        }
      }
      if (results.some((r) => r.required && r.status !== 'ok')) process.exitCode = 1;
    });
}
