// ESLint flat config (`npm run lint`; docs/code-style.md explains what is checked and how to fix it).
// Type-aware typescript-eslint rules run on the TypeScript program of tsconfig.json, compiled by the
// `typescript` 5.9 package (TypeScript 7, used for typecheck and build, has no compiler API).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Files where `as unknown as` is allowed: boundaries to APIs whose TypeScript types do not describe
 * what the code really receives. Anywhere else a double cast hides a type error: fix the types.
 */
export const DOUBLE_CAST_BOUNDARIES = [
  // tfjs kernel registry: kernelFunc receives `{}`-typed backend/attrs; the concrete attrs interface
  // (Conv2DBackpropFilterAttrs, …) and the wasm backend class are only known by kernel name.
  'src/backend/wasmKernels/**',
  'bench/unet.ts',
  // tfjs-layers symbolic tensors and inbound nodes are not part of the public typings.
  'src/explain/cnn/forward.ts',
  // Code evaluated inside the Chromium page (page.evaluate / $$eval): the DOM and the Plotly global
  // exist there, but tsconfig has no DOM lib, so globalThis/Element are narrowed by a cast.
  'src/plot/export.ts',
  'test/report/site.test.ts',
];

const noDoubleCast = {
  selector: "TSAsExpression[expression.type='TSAsExpression'][expression.typeAnnotation.type='TSUnknownKeyword']",
  message: '`as unknown as` hides a type error; fix the types (allowed only in the boundary files listed in eslint.config.js).',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist.tmp-*/**',
      'node_modules/**',
      'mlruns/**',
      'out/**',
      'notebooks/**',
      'test/fixtures/**',
      'data-manifests/generated/**',
      'docs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Imports at the top of the module, none after code.
      'import-x/first': 'error',
      'import-x/no-duplicates': 'error',
      'no-restricted-syntax': ['error', noDoubleCast],
      // No `any` (public signatures included); `unknown` plus a check is the way in.
      '@typescript-eslint/no-explicit-any': 'error',
      // `_`-prefixed names mark a deliberately unused argument (callbacks with a fixed signature).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      // TUNED OFF: the house style writes `a[i]!` on indexed reads (numeric code kept ready for
      // noUncheckedIndexedAccess); without that flag the rule calls all 2,300 of them unnecessary, and
      // removing them would churn ~320 files. The redundant `as` casts it found were removed once;
      // revisit together with noUncheckedIndexedAccess.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // TUNED OFF: async methods without await are deliberate: they implement an async interface
      // (TrackingStore: file store vs MLflow REST) so that a synchronous throw becomes a rejection.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests and benchmarks build assertion messages from arrays and nullable values on purpose.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowArray: true, allowNullish: true, allowNumber: true, allowBoolean: true },
      ],
    },
  },
  {
    // Callbacks of page.$$eval/page.evaluate run in Chromium on DOM elements; tsconfig has no DOM
    // lib, so their element types are unresolved here (the browser-side values are checked by the test).
    files: ['test/report/site.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: DOUBLE_CAST_BOUNDARIES,
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Plain JavaScript (scripts/*.mjs, bin/, this file) is outside the TypeScript program.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  // Last: turns off every stylistic rule that Prettier (`prettier --check`) owns.
  prettier,
);
