// The header's sync indicator: how many writes wait, failed or conflict, and the last sync time
// (in its label), linking to /outbox. Shown once the device keeps offline data; amber while
// something waits or the browser is offline, red when something failed or conflicts.

import { Link } from '../components/link';
import { formatDateTime } from '../format';
import { t, type Lang } from '../i18n';
import { OUTBOX_PATH } from './paths';
import { useOffline } from './vault';

export function SyncBadge({ lang }: { lang: Lang }) {
  const offline = useOffline();
  if (offline.status === 'none' || offline.status === 'starting') return null;
  const { waiting, failed, conflict } = offline.counts;
  const total = waiting + failed + conflict;
  const tone = failed + conflict > 0 ? 'sync-badge--bad' : total > 0 || !offline.isOnline ? 'sync-badge--wait' : '';
  const last = offline.lastSyncAt ? t('offline.lastSync', { time: formatDateTime(offline.lastSyncAt, lang) }) : t('offline.neverSynced');
  const label = `${t('offline.badge', { waiting, failed, conflict })}. ${last}${offline.isOnline ? '' : `. ${t('offline.offline')}`}`;
  return (
    <Link href={OUTBOX_PATH} class={`header-button sync-badge ${tone}`} aria-label={label} title={label}>
      <svg class="sync-badge__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 4a8 8 0 0 1 7.4 5H17v2h6V5h-2v2.3A10 10 0 0 0 2 12h2a8 8 0 0 1 8-8Zm8 8a8 8 0 0 1-15.4 3H7v-2H1v6h2v-2.3A10 10 0 0 0 22 12h-2Z" />
      </svg>
      <span class="sync-badge__count">{total}</span>
    </Link>
  );
}
