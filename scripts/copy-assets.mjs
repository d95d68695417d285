#!/usr/bin/env node
// Copies non-TypeScript assets that the library needs at run time from src/ into dist/ after
// `tsc` (the shipped U-Net weights, the worker bootstrap).
import { cpSync, existsSync } from 'node:fs';
const assets = ['segment/unet/pretrained', 'pipeline/tsWorkerBootstrap.mjs'];
for (const a of assets) {
  if (existsSync(`src/${a}`)) cpSync(`src/${a}`, `dist/${a}`, { recursive: true });
}
