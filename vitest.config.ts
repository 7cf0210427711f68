import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { pathAliases } from './build/path-aliases';

const resolve = { alias: pathAliases() };

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: ['test/unit/renderer/**'],
          environment: 'node',
        },
      },
      {
        plugins: [react()],
        resolve,
        test: {
          name: 'component',
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['test/unit/renderer/support/setup.ts'],
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/backend-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One DynamoDB Local and one s3rver serve all files; each file uses its own table prefix.
          maxWorkers: 2,
          // Vitest runs projects with other worker limits as a later group: after unit and component tests.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
