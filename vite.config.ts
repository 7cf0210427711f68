import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { pathAliases } from './build/path-aliases';

/** Builds the renderer; the same bundle is served by Electron's custom scheme and by the loopback server. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  resolve: { alias: pathAliases() },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
  },
});
