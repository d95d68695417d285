/**
 * Helpers of `bench/extract.ts`: the per-stage CPU split of one build of the package (serial, in
 * this thread) and a build of another git ref (`--baseline-ref`) to compare against in the same run.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import type { ExtractStage, StageTimer } from '../src/pipeline/imageProcessor.js';
import type { ExperimentConfig } from '../src/pipeline/config.js';
import type { FeatureRow } from '../src/table/types.js';
import type { ItemProcessorFn, WorkItem } from '../src/pipeline/types.js';

export const STAGES: readonly ExtractStage[] = ['decode', 'segment', 'qc', 'fingerprint', 'retina', 'radiomics'];

/** CPU ms per stage summed over the images of one modality, and the rows produced. */
export interface StageSplit {
  images: Record<string, number>;
  cpuMs: Record<string, Record<string, number>>;
  totalCpuMs: Record<string, number>;
  rows: FeatureRow[];
}

type Module = { createProcessor(settings: unknown, timer?: StageTimer): ItemProcessorFn };

/** The manifest's rows as work items (plain CSV: the synthetic cohort has no quoted fields). */
export function workItems(manifest: string, dir: string): WorkItem[] {
  const [head, ...lines] = readFileSync(manifest, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  return lines.map((l, i) => {
    const v = l.split(',');
    const row: Record<string, string> = {};
    cols.forEach((c, j) => (row[c] = v[j] ?? ''));
    return { imageId: row.image_id ?? String(i), manifestRow: i + 1, row, manifestDir: dir };
  });
}

/**
 * Runs every item through the processor of `distDir` serially, timing each stage (CPU). A first,
 * uncounted pass over all items warms the JIT up (V8 optimises a function called once per image
 * only after several images: the first pass of 18 images costs ≈ 1.5x the second), so builds are
 * compared in the steady state a long cohort runs in. `rows` are those of the counted pass.
 */
export async function stageSplit(distDir: string, cfg: ExperimentConfig, items: readonly WorkItem[]): Promise<StageSplit> {
  const mod = (await import(new URL(`file://${join(distDir, 'pipeline', 'imageProcessor.js')}`).href)) as Module;
  const split: StageSplit = { images: {}, cpuMs: {}, totalCpuMs: {}, rows: [] };
  let modality = '';
  let counted = false;
  const proc = mod.createProcessor(cfg, (stage, ms) => {
    if (!counted) return;
    const m = (split.cpuMs[modality] ??= {});
    m[stage] = (m[stage] ?? 0) + ms;
  });
  for (const item of items) await proc(item); // warm-up pass
  counted = true;
  for (const item of items) {
    modality = item.row.modality ?? 'fundus';
    const t0 = process.cpuUsage();
    split.rows.push(await proc(item));
    const d = process.cpuUsage(t0);
    split.images[modality] = (split.images[modality] ?? 0) + 1;
    split.totalCpuMs[modality] = (split.totalCpuMs[modality] ?? 0) + (d.user + d.system) / 1000;
  }
  return split;
}

/**
 * Compiles the package at git ref `ref` into a temporary folder (its own scripts/build.mjs, this
 * checkout's node_modules) and returns its dist/ folder; cached per commit.
 */
export function buildRef(root: string, ref: string): string {
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: root, encoding: 'utf8' }).trim();
  const dir = join(tmpdir(), `vp-bench-ref-${commit}`);
  if (!existsSync(join(dir, 'dist', 'pipeline', 'imageProcessor.js'))) {
    mkdirSync(dir, { recursive: true });
    const tar = spawnSync(
      'sh',
      ['-c', `git archive ${commit} src scripts package.json tsconfig.json tsconfig.build.json | tar -x -C "${dir}"`],
      { cwd: root, stdio: 'inherit' },
    );
    if (tar.status !== 0) throw new Error(`bench extract: could not export ${ref} into ${dir}`);
    if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: dir, stdio: 'inherit' });
    if (!existsSync(join(dir, 'dist', 'pipeline', 'imageProcessor.js'))) {
      throw new Error(
        `bench extract: ${ref} (${commit}) did not build in ${dir} with this checkout's node_modules; pick a ref with the same toolchain (e.g. the branch point)`,
      );
    }
  }
  return join(dir, 'dist');
}

/** Largest relative difference between two runs' numeric columns, and where. */
export function largestDifference(
  a: readonly FeatureRow[],
  b: readonly FeatureRow[],
): { rel: number; column: string; row: number; differing: number } {
  let worst = { rel: 0, column: '', row: -1, differing: 0 };
  a.forEach((ra, i) => {
    const rb = b[i] ?? {};
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      const x = ra[k],
        y = rb[k];
      if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
      worst.differing++;
      const rel = typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)) : Infinity;
      if (!(rel <= worst.rel)) worst = { ...worst, rel, column: k, row: i };
    }
  });
  return worst;
}
