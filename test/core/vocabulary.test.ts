import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every .ts file under src/ with its text. */
function sources(dir = 'src'): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts')) out.push({ path: p, text: readFileSync(p, 'utf8') });
  }
  return out;
}
const files = sources();
const where = (re: RegExp): string[] =>
  files
    .filter((f) => re.test(f.text))
    .map((f) => f.path)
    .sort();

test('one vocabulary: Modality is defined once (core/modality.ts) and no module knows a "capillary" modality', () => {
  assert.deepEqual(where(/type Modality\s*=/), [join('src', 'core', 'modality.ts')]);
  assert.deepEqual(where(/modality[^\n]*'capillary'|'capillary'[^\n]*modality|capillary: \{/), []);
});

test('one implementation each: rocAuc, averagePrecision, the type-7 quantile, the channel selector, the thinning', () => {
  assert.deepEqual(where(/export function rocAuc\(/), [join('src', 'learn', 'metrics', 'ranking.ts')]);
  assert.deepEqual(where(/export function averagePrecision\(/), [join('src', 'learn', 'metrics', 'ranking.ts')]);
  assert.deepEqual(where(/\(n - 1\) \* q/), [join('src', 'core', 'quantile.ts')]);
  assert.deepEqual(where(/export function selectChannel\(/), [join('src', 'core', 'channel.ts')]);
  assert.deepEqual(where(/export function (skeletonize|\w*[tT]hinning|zhangSuen\w*|guoHall\w*)\(/), [
    join('src', 'vascular', 'skeletonize.ts'),
  ]);
});

test('no stale comment names Zhang–Suen as the skeleton in use (Guo–Hall A1 is the default of skeletonize)', () => {
  const allowed = new Set([join('src', 'vascular', 'skeletonize.ts'), join('src', 'vascular', 'neighbourhood.ts')]);
  assert.deepEqual(
    where(/Zhang[–-]Suen (skeleton|thinning)|Zhang & Suen-type/).filter((p) => !allowed.has(p)),
    [],
  );
});

test('one config loader: extract, train-seg, model/associate and explain read configs through core/config.ts', () => {
  for (const p of [
    ['pipeline', 'config.ts'],
    ['segment', 'unet', 'experimentConfig.ts'],
    ['cli', 'commands', 'analyze.ts'],
    ['cli', 'commands', 'explain.ts'],
  ]) {
    const f = files.find((x) => x.path === join('src', ...p))!;
    assert.match(f.text, /core\/config\.js/, f.path);
    assert.doesNotMatch(f.text, /\.safeParse\(/, `${f.path} parses a config itself`);
  }
});

test('one spelling: American English in identifiers and config keys (discretization, summarize), as the CLI and tfjs', () => {
  assert.deepEqual(where(/[Dd]iscretis|DISCRETIS|summaris/), []);
});
