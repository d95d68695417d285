#!/usr/bin/env node
// Strips outputs from notebooks so they are committed clean: clears every code cell's outputs and
// execution_count and drops run-specific metadata (cell `execution`, `collapsed`/`scrolled`).
// Usage: node scripts/strip-notebooks.mjs [--check] [file.ipynb ...]   (default: notebooks/*.ipynb)
// --check changes nothing and exits 1 when some notebook still has outputs (for CI or a git hook).
import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const files = args.filter((a) => a !== '--check');
const targets =
  files.length > 0
    ? files.map((f) => resolve(f))
    : readdirSync(join(root, 'notebooks'))
        .filter((f) => f.endsWith('.ipynb'))
        .sort()
        .map((f) => join(root, 'notebooks', f));

/** Returns the stripped notebook object. */
export function strip(nb) {
  const out = {
    ...nb,
    cells: nb.cells.map((c) => {
      const cell = { ...c, metadata: { ...(c.metadata ?? {}) } };
      delete cell.metadata.execution;
      delete cell.metadata.collapsed;
      delete cell.metadata.scrolled;
      if (cell.cell_type === 'code') {
        cell.outputs = [];
        cell.execution_count = null;
      }
      return cell;
    }),
  };
  return out;
}

let dirty = 0;
for (const f of targets) {
  let nb;
  try {
    nb = JSON.parse(readFileSync(f, 'utf8'));
  } catch (e) {
    console.error(`strip-notebooks: ${f}: not a JSON notebook (${e.message})`);
    process.exit(2);
  }
  if (!Array.isArray(nb.cells)) {
    console.error(`strip-notebooks: ${f}: no "cells" array (expected nbformat 4)`);
    process.exit(2);
  }
  const before = readFileSync(f, 'utf8');
  const after = `${JSON.stringify(strip(nb), null, 1)}\n`;
  if (before === after) continue;
  dirty++;
  if (check) {
    console.error(`strip-notebooks: ${f} has outputs or run metadata; run npm run notebooks:strip`);
    continue;
  }
  const tmp = `${f}.${process.pid}.tmp`;
  writeFileSync(tmp, after);
  renameSync(tmp, f);
  console.log(`strip-notebooks: stripped ${f}`);
}
if (check && dirty > 0) process.exit(1);
if (!check) console.log(`strip-notebooks: ${targets.length} notebooks, ${dirty} changed`);
