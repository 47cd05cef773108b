// Vite builds src/ into dist/, which `pcmd serve --web dist` serves. No React plugin: esbuild
// compiles the JSX for Preact directly. `npm run dev` proxies /api to a running pcmd
// (PCMD_URL, default http://127.0.0.1:8080).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // One entry and three lazy chunks: the QR encoder, the dashboard's pages and ECharts (the
    // dashboard's charts, ~530 kB minified, ~180 kB gzipped: loaded only once a chart is due).
    // No preload polyfill: modern browsers only.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 560,
  },
  server: {
    proxy: { '/api': process.env.PCMD_URL ?? 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
