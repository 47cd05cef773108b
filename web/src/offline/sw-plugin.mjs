// A Vite plugin that writes dist/sw.js from offline/sw.js (hand-written: no Workbox, whose
// runtime would weigh more than the whole offline mode). It fills in
//   __PCMD_SHELL__    the files kept at install: index.html, the entry chunk and the chunks it
//                     imports statically, every stylesheet, the manifest and the icons (not the
//                     lazy chunks: the dashboard and ECharts are fetched, and kept, when used)
//   __PCMD_VERSION__  a hash of that list and of sw.js, so that each build gets its own cache
//                     name and the old caches are deleted on activation.
// Used by vite.config.ts; checked by e2e/offline.test.mjs (a reload with no network).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TEMPLATE = fileURLToPath(new URL('./sw.js', import.meta.url));
const STATIC_SHELL = ['/index.html', '/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];

export function offlineServiceWorker() {
  return {
    name: 'pcmd-offline-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = new Set();
      const add = (name) => {
        if (files.has(`/${name}`)) return;
        files.add(`/${name}`);
        const chunk = bundle[name];
        if (chunk && chunk.type === 'chunk') for (const imported of chunk.imports) add(imported);
      };
      for (const [name, item] of Object.entries(bundle)) {
        if (item.type === 'chunk' && item.isEntry) add(name);
        if (item.type === 'asset' && name.endsWith('.css')) add(name);
      }
      const shell = [...STATIC_SHELL, ...[...files].sort()];
      const template = readFileSync(TEMPLATE, 'utf8');
      const version = createHash('sha256').update(template).update(shell.join('\n')).digest('hex').slice(0, 12);
      const source = template.replace('__PCMD_VERSION__', version).replace('__PCMD_SHELL__', JSON.stringify(shell));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
