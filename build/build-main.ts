import { type BuildOptions, build } from 'esbuild';

/**
 * Bundles Electron's main process and preload into `dist/electron` (electron-builder packages `dist/`
 * only). Main is CJS (package.json `main`), with its dependencies inside; the preload is CJS because a
 * sandboxed preload cannot load ES modules.
 */
const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  // Sources are ES modules that locate files through import.meta.url; CJS has __filename instead.
  define: { 'import.meta.url': '__pilotforceModuleUrl' },
  banner: { js: "const __pilotforceModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

export async function buildMain(): Promise<void> {
  await Promise.all([
    build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' }),
    build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs' }),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildMain();
}
