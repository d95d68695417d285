#!/usr/bin/env node
// Entry point of the `vesselprint` command. Runs the TypeScript sources through tsx so that a
// fresh clone needs no build step; `npm run build` produces dist/ for library use (notebooks).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv);
process.exitCode = code;
