// Registers the service worker (/sw.js, made by offline/sw-plugin.ts at build time) in a built
// app; the dev server (npm run dev) has none, so that its modules are never served stale.

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => console.warn('service worker not registered', error));
  });
}
