// A strip under the header on demo stores (GET /api/health says "demo": true), so that
// nobody takes the demo's figures for real ones.

import { useEffect, useState } from 'preact/hooks';

import { api } from '../api/client';
import { t } from '../i18n';

let demoCheck: Promise<boolean> | null = null;

/** Asks the server once per page load whether its store is a demo store. */
export function isDemoStore(): Promise<boolean> {
  demoCheck ??= api
    .get<{ demo?: boolean }>('/api/health')
    .then((health) => health.demo === true)
    .catch(() => false);
  return demoCheck;
}

export function DemoBanner() {
  const [isDemo, setDemo] = useState(false);
  useEffect(() => {
    let live = true;
    void isDemoStore().then((demo) => live && setDemo(demo));
    return () => {
      live = false;
    };
  }, []);
  if (!isDemo) return null;
  return (
    <div class="demo-banner" role="note">
      {t('app.demo')}
    </div>
  );
}
