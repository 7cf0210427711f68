import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os',
  'path', 'process', 'stream', 'stream/promises', 'timers', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
            { group: ['@main/*', '@preload/*', '@renderer/*', '@test/*', '@build/*', '**/electron/**', '**/renderer/**'], message: 'shared/ stands alone' },
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
