// Known-answer checks of eslint.config.js (the project's own lint rules), so that a typo in a
// selector or a glob cannot leave a rule silently dead. Type-aware rules are switched off here
// (they need the whole TypeScript program, ~20 s); `npm run lint` runs them on the tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [
    { files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked },
    { languageOptions: { parserOptions: { projectService: false } } },
  ],
});

async function rulesHit(code: string, filePath: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return (r?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

test('`as unknown as` is an error in ordinary files and allowed in the listed boundary files', async () => {
  const code = 'export const a = (1 as unknown as string).length;\n';
  assert.deepEqual(await rulesHit(code, 'src/track/lintProbe.ts'), ['no-restricted-syntax']);
  assert.deepEqual(await rulesHit('export const a = (1 as unknown) as string;\n', 'test/lintProbe.ts'), ['no-restricted-syntax']);
  assert.deepEqual(await rulesHit('export const a = (1 as number).toFixed(1);\n', 'src/track/lintProbe.ts'), []);
  assert.deepEqual(await rulesHit(code, 'src/backend/wasmKernels/lintProbe.ts'), []);
  assert.deepEqual(await rulesHit(code, 'test/report/site.test.ts'), []);
});

test('imports come first, once per module; `any` is refused', async () => {
  assert.deepEqual(
    await rulesHit("export const a = 1;\nimport { join } from 'node:path';\nexport const b = join('x');\n", 'src/core/lintProbe.ts'),
    ['import-x/first'],
  );
  assert.deepEqual(
    await rulesHit(
      "import { join } from 'node:path';\nimport { resolve } from 'node:path';\nexport const b = join(resolve('x'));\n",
      'src/core/lintProbe.ts',
    ),
    ['import-x/no-duplicates', 'import-x/no-duplicates'],
  );
  assert.deepEqual(await rulesHit('export function f(x: any): number {\n  return Number(x);\n}\n', 'src/core/lintProbe.ts'), [
    '@typescript-eslint/no-explicit-any',
  ]);
});
