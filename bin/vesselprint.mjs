#!/usr/bin/env node
// Entry point of the `vesselprint` command. Runs the compiled JavaScript in dist/ (built by
// `npm ci` through the `prepare` script). When src/ changed since the last build (a developer
// editing the sources), dist/ is rebuilt first (about 2 s; see scripts/build.mjs); when that is not
// possible here (another build is running, no compiler installed), the sources run through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtMain = new URL('../dist/cli/main.js', import.meta.url);
let entry = builtMain.href;
if (existsSync(new URL('../src/cli/main.ts', import.meta.url))) {
  const build = await import('../scripts/build.mjs');
  if (!build.isDistFresh(root)) {
    const r = build.canBuild(root) ? build.buildDist(root) : { built: existsSync(builtMain), typeErrors: false };
    if (r.built && r.typeErrors)
      process.stderr.write('vesselprint: note: src/ has type errors (npm run typecheck); running the build anyway\n');
    if (!r.built) {
      const { register } = await import('tsx/esm/api');
      register();
      entry = new URL('../src/cli/main.ts', import.meta.url).href;
    }
  }
}
const { main } = await import(entry);
process.exitCode = await main(process.argv);
