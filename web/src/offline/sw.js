// pcmd's service worker (issue 9), written by hand; offline/sw-plugin.mjs fills in the version
// and the list of files at build time and writes it to dist/sw.js.
//
// - Install: keeps the app shell (index.html, the entry script and its imports, the styles, the
//   manifest and icons) in a cache named after the build, so that the app starts with no network.
// - Activate: deletes the caches of older builds (the names differ), takes over open pages.
// - Pages (navigations): network first, so that a new build is picked up at once online; the kept
//   index.html when the network fails.
// - /assets/*: the kept copy first (their names carry their content's hash); a lazy chunk not
//   kept yet is fetched and kept.
// - /api/*: never touched here. The page keeps what it needs, encrypted, in IndexedDB
//   (offline/get-cache.ts): a service worker cannot hold the key.

const VERSION = '__PCMD_VERSION__';
const SHELL = __PCMD_SHELL__;
const CACHE = `pcmd-app-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('pcmd-app-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CACHE).then((cache) => cache.match('/index.html')).then((kept) => kept || Response.error()),
      ),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname)) {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        const kept = await cache.match(request, { ignoreSearch: true });
        if (kept) return kept;
        const response = await fetch(request);
        if (response.ok && url.pathname.startsWith('/assets/')) await cache.put(request, response.clone());
        return response;
      }),
    );
  }
});
