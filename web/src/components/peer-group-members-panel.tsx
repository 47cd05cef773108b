// "Thành viên" on a peer group's page (GET /api/peer-groups/{id}/members): how many members it
// has now and has ever had; to those who run the group (its peer educators, the social workers
// and province officers of its unit: `shows_codes`) the members by code with the day they
// joined and left, a way to end a membership (POST …/members/{member}/end with the version read;
// a 409 stale_version loads the list again) and to add one (peer-group-add-member.tsx). Those
// who only read the group (district officers) see the counts as the server allows them ("<5")
// and a word on why there are no codes.

import { useState } from 'preact/hooks';
import { ApiError, networkError } from '../api/client';
import type { StoredRecord } from '../api/records';
import { useApi } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { endMembership, listMembers, type Membership } from '../support/groups-api';
import { currentCountText, everCountText, memberOrder, splitFieldErrors } from '../support/groups';
import { isoDay } from '../support/support';
import { ErrorNotice } from './error-notice';
import { FormMessage, SaveCancel, TextField } from './form-fields';
import { AddMemberForm } from './peer-group-add-member';

export interface PeerGroupMembersPanelProps {
  group: StoredRecord;
  lang: Lang;
}

export function PeerGroupMembersPanel({ group, lang }: PeerGroupMembersPanelProps) {
  const [tick, setTick] = useState(0);
  const members = useApi((signal) => listMembers(group.id, signal), [group.id, group.version, tick]);
  const [notice, setNotice] = useState<{ kind: 'success' | 'info'; text: string } | null>(null);
  const [isAdding, setAdding] = useState(false);
  const list = members.data;
  const isDissolved = group.status === 'dissolved';
  const reload = (next: { kind: 'success' | 'info'; text: string }) => {
    setNotice(next);
    setTick((n) => n + 1);
  };

  return (
    <section class="card card--section group-members" aria-labelledby="members-title" aria-busy={members.isLoading}>
      <h2 id="members-title" class="card__title">
        {t('groups.members.title')}
      </h2>
      {notice && <FormMessage kind={notice.kind}>{notice.text}</FormMessage>}
      {members.error && <ErrorNotice error={members.error} lang={lang} onRetry={members.reload} />}
      {!members.error && !list && <p class="loading">{t('app.loading')}</p>}
      {list && (
        <>
          <p class="group-members__count">
            <strong>{currentCountText(list, lang)}</strong>
            <span class="muted"> · {everCountText(list, lang)}</span>
          </p>
          {!list.shows_codes && <p class="muted">{t('groups.members.codesHidden')}</p>}
          {list.shows_codes && list.items.length === 0 && <p class="muted">{t('groups.members.none')}</p>}
          {list.shows_codes && list.items.length > 0 && (
            <ul class="support-items" aria-label={t('groups.members.caption')}>
              {memberOrder(list.items).map((m) => (
                <MemberItem
                  key={m.id}
                  groupId={group.id}
                  member={m}
                  lang={lang}
                  onEnded={(ended) => reload({ kind: 'success', text: t('groups.members.ended', { code: ended.uic }) })}
                  onStale={() => reload({ kind: 'info', text: t('groups.members.stale') })}
                />
              ))}
            </ul>
          )}
          {list.shows_codes && isDissolved && <p class="muted">{t('groups.members.dissolved')}</p>}
          {list.shows_codes && !isDissolved && !isAdding && (
            <button
              type="button"
              class="button support-big"
              onClick={() => {
                setAdding(true);
                setNotice(null);
              }}
            >
              {t('groups.members.add')}
            </button>
          )}
          {list.shows_codes && !isDissolved && isAdding && (
            <AddMemberForm
              group={group}
              members={list.items}
              lang={lang}
              onSaved={(added) => {
                setAdding(false);
                reload({ kind: 'success', text: t('groups.members.saved', { code: added.uic }) });
              }}
              onCancel={() => setAdding(false)}
            />
          )}
        </>
      )}
    </section>
  );
}

interface MemberItemProps {
  groupId: string;
  member: Membership;
  lang: Lang;
  onEnded: (member: Membership) => void;
  onStale: () => void;
}

function MemberItem({ groupId, member, lang, onEnded, onStale }: MemberItemProps) {
  const [isEnding, setEnding] = useState(false);
  const [leftOn, setLeftOn] = useState(() => isoDay(new Date()));
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const isCurrent = member.left_on === null;
  const idp = `end-${member.id}`;

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isSaving) return;
    setFailure(null);
    if (!leftOn) {
      setError(t('support.err.required', undefined, lang));
      return;
    }
    setError(undefined);
    setSaving(true);
    try {
      onEnded(await endMembership(groupId, member.id, { version: member.version, left_on: leftOn }));
    } catch (caught) {
      const e = caught instanceof ApiError ? caught : networkError();
      setSaving(false);
      if (e.status === 409 && e.code === 'stale_version') {
        setEnding(false);
        onStale();
        return;
      }
      const split = splitFieldErrors(e, ['left_on'], lang);
      setError(split.fields.left_on);
      setFailure(split.other.join(' ') || (e.fields.length === 0 ? e.localized(lang) : null));
    }
  }

  return (
    <li class="support-item group-member" data-member={member.id}>
      <div class="support-item__head">
        <span class="support-code">{member.uic}</span>
        <span class={isCurrent ? 'badge badge--ok' : 'badge badge--off'}>{t(isCurrent ? 'groups.members.current' : 'groups.members.formerly')}</span>
      </div>
      <p class="muted">
        {t('groups.members.joined')} {formatDate(member.joined_on, lang)}
        {member.left_on ? ` · ${t('groups.members.left')} ${formatDate(member.left_on, lang)}` : ''}
      </p>
      {isCurrent && !isEnding && (
        <button type="button" class="button" onClick={() => setEnding(true)}>
          {t('groups.members.end')}
        </button>
      )}
      {isEnding && (
        <form class="form support-form" onSubmit={(event) => void onSubmit(event)} noValidate>
          <TextField id={`${idp}-on`} type="date" label={t('groups.members.leftOn')} value={leftOn} onInput={setLeftOn} error={error} />
          {failure && <FormMessage kind="error">{failure}</FormMessage>}
          <SaveCancel isSaving={isSaving} label={t('groups.members.endSave')} onCancel={() => setEnding(false)} />
        </form>
      )}
    </li>
  );
}
