import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FileStore } from '../../src/track/fileStore.js';
import { requirePython, runPython } from './fixtures/python.js';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
const worker = join(repoRoot, 'test', 'track', 'fixtures', 'worker.ts');

function startWorker(args: string[]): { child: ReturnType<typeof spawn>; out: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out: () => out, exited };
}

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const c = spawn(process.execPath, [join(repoRoot, 'bin', 'vesselprint.mjs'), ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '',
      stderr = '';
    c.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    c.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    c.on('exit', (code) => res({ code, stdout, stderr }));
  });
}

test('three processes logging runs into one new experiment at once leave one experiment, four complete runs and no corrupt file', async (t) => {
  const root = join(mkdtempSync(join(tmpdir(), 'vp-conc-')), 'mlruns');
  const workers = Array.from({ length: 3 }, () => startWorker([root, 'shared-exp', 'finish', '100']));
  const codes = await Promise.all(workers.map((w) => w.exited));
  assert.deepEqual(codes, [0, 0, 0], workers.map((w) => w.out()).join('\n'));
  const store = new FileStore(root);
  const exps = (await store.listExperiments()).filter((e) => e.name === 'shared-exp');
  assert.equal(exps.length, 1);
  const runs = await store.searchRuns({ experimentIds: [exps[0]!.experimentId] });
  assert.equal(runs.length, 3);
  for (const r of runs) {
    assert.equal(r.info.status, 'FINISHED');
    const h = await store.getMetricHistory(r.info.runId, 'loss');
    assert.deepEqual(
      h.map((m) => m.step),
      Array.from({ length: 100 }, (_, i) => i),
    );
    assert.equal(r.params.pid, r.info.runName.replace('worker-', ''));
    assert.equal(new TextDecoder().decode(await store.readArtifact(r.info.runId, 'out/pid.txt')), `pid ${r.params.pid}\n`);
  }
  if (requirePython(t, 'yaml')) {
    const py = JSON.parse(runPython([join(repoRoot, 'test', 'track', 'fixtures', 'read_mlruns.py'), root])) as {
      problems: string[];
      runs: unknown[];
    };
    assert.deepEqual(py.problems, []);
    assert.equal(py.runs.length, 3);
  }
});

test('kill -9 of a process in the middle of a run leaves a RUNNING run that the reader reads and `vesselprint runs` marks KILLED with the reason', async (t) => {
  const root = join(mkdtempSync(join(tmpdir(), 'vp-kill-')), 'mlruns');
  const w = startWorker([root, 'killed-exp', 'hang', '60']);
  const runId = await new Promise<string>((res, rej) => {
    const timer = setInterval(() => {
      const m = /ready ([0-9a-f]{32})/.exec(w.out());
      if (m) {
        clearInterval(timer);
        res(m[1]!);
      }
    }, 20);
    void w.exited.then(() => {
      clearInterval(timer);
      rej(new Error(`worker exited early: ${w.out()}`));
    });
  });
  await new Promise((r) => setTimeout(r, 150)); // let it keep writing, then kill mid-write
  w.child.kill('SIGKILL');
  await w.exited;
  const store = new FileStore(root);
  const r = await store.getRun(runId);
  assert.equal(r.info.status, 'RUNNING');
  assert.equal(r.info.endTime, undefined);
  const h = await store.getMetricHistory(runId, 'loss');
  assert.ok(h.length > 60, `history ${h.length}`);
  assert.deepEqual(
    h.map((m) => m.step),
    Array.from({ length: h.length }, (_, i) => i),
  );
  assert.ok(Number(r.tags.progress) >= 60);
  const ck = JSON.parse(new TextDecoder().decode(await store.readArtifact(runId, 'state/checkpoint.json'))) as { i: number };
  assert.equal(ck.i % 10, 0);
  // no half-written file is visible: temp files are hidden from listings
  assert.deepEqual(
    (await store.listArtifacts(runId, 'state')).map((a) => a.path),
    ['state/checkpoint.json'],
  );
  if (requirePython(t, 'yaml')) {
    const py = JSON.parse(runPython([join(repoRoot, 'test', 'track', 'fixtures', 'read_mlruns.py'), root])) as { problems: string[] };
    assert.deepEqual(py.problems, []);
  }
  const list = await cli(['runs', '--tracking-uri', root, '--json']);
  assert.equal(list.code, 0, list.stderr);
  const rows = JSON.parse(list.stdout) as { runId: string; status: string; experiment: string; metrics: Record<string, number> }[];
  const row = rows.find((x) => x.runId === runId)!;
  assert.equal(row.status, 'KILLED');
  assert.match(list.stderr, /marked 1 run\(s\) KILLED whose process is gone/);
  assert.equal(row.experiment, 'killed-exp');
  assert.ok(row.metrics.loss! > 0);
  const show = await cli(['runs', 'show', runId, '--tracking-uri', root]);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /status\s+KILLED/);
  assert.match(show.stdout, /vesselprint\.end_reason\s+process \d+ on host \S+ is gone/);
  assert.match(show.stdout, /loss\s+\S+\s+\(step \d+, \d+ values\)/);
  const stray = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? stray(join(d, n)) : [n]));
  assert.ok(stray(root).filter((n) => n.endsWith('.tmp')).length <= 1, 'at most the one temp file of the interrupted write');
});
