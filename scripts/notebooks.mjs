#!/usr/bin/env node
// Executes every notebooks/NN-*.ipynb headless with the tslab TypeScript kernel and Jupyter's
// nbclient (the engine of `jupyter nbconvert --to notebook --execute`), writing the executed copies (with outputs)
// to out/notebooks/. Exits 1 when any cell of any notebook fails (the rest still run), 2 on setup errors.
//
// Usage: node scripts/notebooks.mjs [--no-build] [--setup-only] [--out DIR] [--timeout S] [name-substring ...]
// --setup-only: build, link and register the kernel, then stop (for interactive Jupyter use).
// Setup it does on the way (idempotent): `npm run build` (notebooks import the BUILT package, see
// docs/notebooks.md), a node_modules/vesselprint package linking to dist/, and the tslab kernel spec
// registered under .cache/jupyter (JUPYTER_PATH) with node_modules/.bin on PATH.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const take = (name) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const noBuild = take('--no-build');
const setupOnly = take('--setup-only');
const outDir = resolve(root, flag('--out') ?? 'out/notebooks');
const timeoutS = Number(flag('--timeout') ?? 600);
const filters = args;

const die = (msg) => {
  console.error(`notebooks: ${msg}`);
  process.exit(2);
};
const run = (cmd, argv, opts = {}) => spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', ...opts });

const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const probe = spawnSync(python, ['-c', 'import nbclient, nbconvert, IPython'], { encoding: 'utf8' });
if (probe.status !== 0) {
  die(
    `${python} cannot import nbclient/nbconvert/IPython. Install them: sudo apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client python3-ipython python3-ipykernel`,
  );
}
const tslab = join(root, 'node_modules', '.bin', 'tslab');
if (!existsSync(tslab)) die('node_modules/.bin/tslab is missing: run npm install (tslab is a devDependency)');

// 1. The built package.
if (!noBuild) {
  console.log('notebooks: npm run build');
  // tsc still writes dist/ when it reports type errors; those are caught by `npm run typecheck`
  // (part of `npm test`), so here they are a warning as long as dist/ was written.
  if (run('npm', ['run', '--silent', 'build']).status !== 0)
    console.error('notebooks: WARNING: npm run build reported errors (above); using the dist/ it wrote');
}
if (!existsSync(join(root, 'dist', 'index.js'))) die('dist/index.js is missing: run npm run build');

// 2. node_modules/vesselprint: a small package whose dist/ links to the project's dist/, so
// `import … from 'vesselprint/synth'` works in tslab. tslab type-checks with classic ("node10")
// module resolution, which ignores package.json "exports" subpaths, hence "typesVersions" here.
const pkgDir = join(root, 'node_modules', 'vesselprint');
const shim = {
  name: 'vesselprint',
  private: true,
  type: 'module',
  main: 'dist/index.js',
  types: 'dist/index.d.ts',
  exports: {
    '.': { types: './dist/index.d.ts', default: './dist/index.js' },
    './*': { types: './dist/*/index.d.ts', default: './dist/*/index.js' },
  },
  typesVersions: { '*': { '*': ['dist/*/index.d.ts'] } },
  description: 'written by scripts/notebooks.mjs: the built vesselprint package for tslab notebooks',
};
const shimText = `${JSON.stringify(shim, null, 2)}\n`;
let isLink;
try {
  isLink = lstatSync(pkgDir).isSymbolicLink();
} catch {
  isLink = false;
}
if (isLink) rmSync(pkgDir);
mkdirSync(pkgDir, { recursive: true });
if (!existsSync(join(pkgDir, 'package.json')) || readFileSync(join(pkgDir, 'package.json'), 'utf8') !== shimText)
  writeFileSync(join(pkgDir, 'package.json'), shimText);
if (!existsSync(join(pkgDir, 'dist'))) symlinkSync(join('..', '..', 'dist'), join(pkgDir, 'dist'), 'dir');
// 3. The tslab kernel spec, registered into a project-local Jupyter data folder.
const prefix = join(root, '.cache', 'jupyter');
const jupyterPath = join(prefix, 'share', 'jupyter');
if (!existsSync(join(jupyterPath, 'kernels', 'tslab', 'kernel.json'))) {
  mkdirSync(prefix, { recursive: true });
  const r = run(tslab, ['install', '--python', python, '--prefix', prefix]);
  if (r.status !== 0) die('tslab install failed');
}
const env = {
  ...process.env,
  PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
  JUPYTER_PATH: process.env.JUPYTER_PATH ? `${jupyterPath}:${process.env.JUPYTER_PATH}` : jupyterPath,
  // Notebooks keep their work small; say so to any code that checks.
  VESSELPRINT_NOTEBOOK: '1',
};

if (setupOnly) {
  console.log(`notebooks: for interactive use: PATH=node_modules/.bin:$PATH JUPYTER_PATH=${jupyterPath} jupyter lab notebooks/`);
  process.exit(0);
}

// 4. Execute. nbclient (what `jupyter nbconvert --execute` runs) is driven directly so that a failing
// notebook is still saved with the outputs up to the failure, and the kernel's stderr (where tslab
// writes type errors and stack traces; its error replies carry no message) is printed.
const EXECUTE_PY = `
import sys, os, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
src, dst, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3])
nb = nbformat.read(src, as_version=4)
client = NotebookClient(nb, timeout=timeout, kernel_name='tslab', resources={'metadata': {'path': os.path.dirname(src)}})
rc = 0
try:
    client.execute()
except CellExecutionError as e:
    rc = 1
    failing = None
    for i, c in enumerate(nb.cells):
        if c.cell_type == 'code' and c.get('execution_count') is not None:
            failing = (i, c)
    if failing is not None:
        i, c = failing
        print('--- failing cell %d:' % (i + 1), file=sys.stderr)
        print(c.source, file=sys.stderr)
        for o in c.get('outputs', []):
            if o.get('output_type') == 'stream' and o.get('name') == 'stderr':
                print('--- its stderr:', file=sys.stderr)
                print(o.get('text', ''), file=sys.stderr)
            if o.get('output_type') == 'error':
                print('--- error: %s: %s' % (o.get('ename', ''), o.get('evalue', '')), file=sys.stderr)
                print('\\n'.join(o.get('traceback', [])), file=sys.stderr)
    else:
        print(str(e)[-2000:], file=sys.stderr)
nbformat.write(nb, dst)
sys.exit(rc)
`;

const nbDir = join(root, 'notebooks');
const notebooks = readdirSync(nbDir)
  .filter((f) => /^\d\d-.*\.ipynb$/.test(f))
  .sort()
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (notebooks.length === 0) die('no notebooks matched');
mkdirSync(outDir, { recursive: true });
const failed = [];
for (const nb of notebooks) {
  const t0 = Date.now();
  console.log(`notebooks: executing ${nb}`);
  const r = run(python, ['-c', EXECUTE_PY, join(nbDir, nb), join(outDir, nb), String(timeoutS)], { env });
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    failed.push(nb);
    console.error(`notebooks: FAILED ${nb} after ${s} s`);
  } else {
    const cells = JSON.parse(readFileSync(join(outDir, nb), 'utf8')).cells.filter((c) => c.cell_type === 'code').length;
    console.log(`notebooks: ok ${nb} (${cells} code cells, ${s} s)`);
  }
}
console.log(`notebooks: ${notebooks.length - failed.length}/${notebooks.length} passed; executed copies in ${outDir}`);
if (failed.length > 0) {
  console.error(`notebooks: failed: ${failed.join(', ')}`);
  process.exit(1);
}
