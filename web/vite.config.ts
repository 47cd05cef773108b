// Vite builds src/ into dist/, which `pcmd serve --web dist` serves. No React plugin: esbuild
// compiles the JSX for Preact directly. `npm run dev` proxies /api to a running pcmd
// (PCMD_URL, default http://127.0.0.1:8080).
//
// The dashboard's map layers stay in ../data/maps (one copy, with their licence note): imported
// with `?url`, each becomes an asset of the build, fetched only when a map is shown. A `.geojson`
// is written as `.json`, a type pcmd serves as JSON and gzips.
import { defineConfig } from 'vitest/config';
import { offlineServiceWorker } from './src/offline/sw-plugin.mjs';

export default defineConfig({
  // dist/sw.js, the service worker of the offline mode (src/offline/sw-plugin.mjs).
  plugins: [offlineServiceWorker()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // One entry and four lazy chunks: the QR encoder, the dashboard's pages, ECharts (the
    // dashboard's charts, ~530 kB minified, ~183 kB gzipped: loaded only once a chart is due) and
    // its map chart (~51 kB, ~18 kB gzipped: only where a map is drawn). No preload polyfill:
    // modern browsers only.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 560,
    rollupOptions: {
      output: {
        assetFileNames: (asset) => (asset.name?.endsWith('.geojson') ? 'assets/[name]-[hash].json' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
  server: {
    proxy: { '/api': process.env.PCMD_URL ?? 'http://127.0.0.1:8080' },
    fs: { allow: ['.', '../data/maps'] },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
