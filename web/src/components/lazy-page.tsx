// A page whose code is loaded in a chunk of its own the first time it is opened, so that the other
// pages do not carry it (the dashboard's pages, the periodic reports). While the chunk loads it
// says so; an old page after an upgrade may ask for a chunk that is gone: it says so and offers to
// reload. Once loaded, focus moves on to the page's heading if the frame had put it on the main
// area. Exercised by web/e2e/dashboard.test.mjs and web/e2e/reporting.test.mjs.

import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyPage(props: P) {
    const [Page, setPage] = useState<ComponentType<P> | null>(() => loaded);
    const [hasFailed, setFailed] = useState(false);

    useEffect(() => {
      if (Page) return undefined;
      let isCurrent = true;
      load().then(
        (component) => {
          loaded = component;
          if (isCurrent) setPage(() => component);
        },
        (failure: unknown) => {
          console.error(failure);
          if (isCurrent) setFailed(true);
        },
      );
      return () => {
        isCurrent = false;
      };
    }, []);

    // The frame moved focus to the main area while the chunk loaded: on to the page's heading.
    useEffect(() => {
      if (!Page || document.activeElement?.id !== 'main') return;
      document.querySelector<HTMLElement>('#main h1')?.focus({ preventScroll: true });
    }, [Page]);

    if (Page) return <Page {...props} />;
    if (hasFailed) {
      return (
        <div class="notice notice--error" role="alert">
          <p>{t('error.network')}</p>
          <button type="button" class="button" onClick={() => window.location.reload()}>
            {t('app.retry')}
          </button>
        </div>
      );
    }
    return <p class="loading">{t('app.loading')}</p>;
  };
}
