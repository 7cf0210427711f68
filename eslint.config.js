import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os',
  'path', 'process', 'stream', 'stream/promises', 'timers', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];

/** No import climbs more than two levels: across roots, the tsconfig.json aliases (@shared/…, @main/…). */
const CLIMBING = { group: ['../../../*'], message: 'use a path alias (@shared/…, @main/…, @renderer/…) instead of climbing three levels' };
/** Production code never imports test tooling. */
const TESTS = { group: ['@test/*', '**/test/**'], message: 'production code must not import test/' };

/** The renderer's layers, top to bottom: app -> features -> common -> sync -> db -> api; arrows only go down. */
function layers(entries) {
  return entries.map(({ files, banned }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            CLIMBING,
            TESTS,
            ...banned.map((layer) => ({
              group: [`@renderer/${layer}/*`, `@renderer/${layer}`, `../${layer}/*`, `../${layer}`, `./${layer}/*`],
              message: `renderer/src/${layer} is a higher layer (app -> features -> common -> sync -> db -> api): move the shared part down`,
            })),
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules on every source file: each file is linted with the program of the tsconfig that
    // type-checks it (shared/ first, so it sees neither Node nor the DOM); plain JavaScript gets a lint-only one.
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.shared.json', './tsconfig.json', './tsconfig.renderer.json', './tsconfig.lint-js.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A promise nobody handles becomes an unhandled rejection, and in main that ends the process:
      // every promise is awaited, returned, or given a handler; `void` does not count as one.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.ts', 'build/**/*.ts', '*.config.ts', '**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/unit/renderer/**/*.{ts,tsx}', 'test/e2e/browser/**/*.ts', 'test/bench/browser/**/*.{ts,tsx}', 'test/crash/browser/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Layering: each rule below repeats the bans of the layers above it, since a later no-restricted-imports
  // entry replaces an earlier one for the same files.
  ...layers([
    { files: ['electron/**/*.ts', 'build/**/*.ts'], banned: [] },
    { files: ['renderer/src/**/*.{ts,tsx}'], banned: [] },
    { files: ['renderer/src/features/**/*.{ts,tsx}'], banned: ['app'] },
    { files: ['renderer/src/common/**/*.{ts,tsx}'], banned: ['app', 'features'] },
    { files: ['renderer/src/sync/**/*.ts'], banned: ['app', 'features', 'common'] },
    { files: ['renderer/src/db/**/*.ts'], banned: ['app', 'features', 'common', 'sync'] },
    { files: ['renderer/src/api/**/*.ts'], banned: ['app', 'features', 'common', 'sync', 'db'] },
  ]),
  {
    // The project's shared/ is pure TypeScript: main and renderer both import it.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ must not depend on Electron' }],
          patterns: [
            { group: ['node:*'], message: 'shared/ must not use Node built-ins' },
            { group: nodeBuiltins, message: 'shared/ must not use Node built-ins' },
            { group: ['@main/*', '@preload/*', '@renderer/*', '@test/*', '@build/*', '**/electron/**', '**/renderer/**', '**/test/**'], message: 'shared/ stands alone' },
            CLIMBING,
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process', 'Buffer', '__dirname', 'require'].map(
          (name) => ({ name, message: 'shared/ runs in main and renderer alike: no DOM or Node globals' }),
        ),
      ],
    },
  },
);
