// "Nhóm tham gia" on a client's page: the groups the person belongs or belonged to
// (GET /api/clients/{id}/groups), each with the day they joined and left. A group's name comes
// from GET /api/peer-groups/{id} where the user may read the group (its page is then a link);
// otherwise the group shows by a short id.

import { shortId } from '../format';
import { useApi } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { clientGroups, getPeerGroup, type Membership } from '../support/groups-api';
import { groupHref, memberOrder } from '../support/groups';
import { ErrorNotice } from './error-notice';
import { Link } from './link';

export interface ClientGroupsSectionProps {
  clientId: string;
  lang: Lang;
}

interface NamedMembership {
  membership: Membership;
  /** The group's name, or null when the user may not read the group. */
  name: string | null;
}

async function loadGroups(clientId: string, signal: AbortSignal): Promise<NamedMembership[]> {
  const reply = await clientGroups(clientId, signal);
  const items = memberOrder(reply.items);
  const ids = [...new Set(items.map((m) => m.group_id))];
  const found = await Promise.allSettled(ids.map((id) => getPeerGroup(id, signal)));
  const names = new Map<string, string>();
  found.forEach((result, index) => {
    const id = ids[index];
    if (id !== undefined && result.status === 'fulfilled' && typeof result.value.name === 'string') names.set(id, result.value.name);
  });
  return items.map((membership) => ({ membership, name: names.get(membership.group_id) ?? null }));
}


export function ClientGroupsSection({ clientId, lang }: ClientGroupsSectionProps) {
  const groups = useApi((signal) => loadGroups(clientId, signal), [clientId]);
  // A role that may not read the client's groups (the server's 403/404) sees nothing at all.
  if (groups.error && (groups.error.status === 403 || groups.error.status === 404)) return null;
  const items = groups.data ?? [];

  return (
    <section class="support-block" aria-labelledby="client-groups-title">
      <h2 id="client-groups-title" class="support-section-title">
        {t('groups.client.title')}
      </h2>
      {groups.error && <ErrorNotice error={groups.error} lang={lang} onRetry={groups.reload} />}
      {!groups.error && !groups.data && <p class="loading">{t('app.loading')}</p>}
      {groups.data && items.length === 0 && <p class="muted">{t('groups.client.none')}</p>}
      {items.length > 0 && (
        <ul class="support-items">
          {items.map(({ membership: m, name }) => (
            <li key={m.id} class="support-item client-group">
              <div class="support-item__head">
                {name !== null ? (
                  <Link href={groupHref(m.group_id)} class="client-group__name">
                    {name}
                  </Link>
                ) : (
                  <span class="mono-id" title={m.group_id}>
                    {t('groups.client.group', { id: shortId(m.group_id) })}
                  </span>
                )}
                <span class={m.left_on === null ? 'badge badge--ok' : 'badge badge--off'}>
                  {t(m.left_on === null ? 'groups.members.current' : 'groups.members.formerly')}
                </span>
              </div>
              <p class="muted">
                {t('groups.client.since', { date: formatDate(m.joined_on, lang) })}
                {m.left_on ? `, ${t('groups.client.until', { date: formatDate(m.left_on, lang) })}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
