// The header's notifications indicator for the roles that read tips: how many open tips are
// assigned to the caller (GET /api/notifications, once per page load), red when any is overdue,
// linking to the list of the caller's tips. Nothing shows while there are none or the call fails.

import type { Session } from '../api/auth';
import { canUseArea } from '../auth/guards';
import { useApi } from '../hooks';
import { t } from '../i18n';
import { listNotifications } from '../tips/api';
import { TIPS_PATH, notificationBadge } from '../tips/tip';
import { Link } from './link';

export function TipsIndicator({ session }: { session: Session }) {
  const reads = canUseArea(session.user.role, 'tips');
  const state = useApi((signal) => (reads ? listNotifications(signal) : null), [reads, session.user.id]);
  if (!reads || !state.data) return null;
  const badge = notificationBadge(state.data.items);
  if (badge.count === 0) return null;
  const label = badge.overdue > 0 ? t('tips.notificationsOverdue', { n: badge.count, overdue: badge.overdue }) : t('tips.notifications', { n: badge.count });
  return (
    <Link
      href={`${TIPS_PATH}?assignee=${encodeURIComponent(session.user.id)}`}
      class={badge.overdue > 0 ? 'header-button tips-bell tips-bell--overdue' : 'header-button tips-bell'}
      aria-label={label}
      title={label}
    >
      <svg class="tips-bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      <span class="tips-bell__count">{badge.count}</span>
    </Link>
  );
}
