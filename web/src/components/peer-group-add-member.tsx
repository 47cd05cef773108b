// "Thêm thành viên" on a group's page: the caller's clients (GET /api/clients, those assigned to
// them) are fetched once and searched here by the first characters of their code, so the code
// typed never travels in an address; one is chosen, with the day they joined (default today),
// and POST /api/peer-groups/{id}/members adds them (with an id of the page's own, so that a
// re-sent add adds nothing more). The server's field errors (client_id: not found, already a
// member, erased; joined_on: before the group was founded, in the future) show under the field;
// others (the group was dissolved) above the buttons.

import { useState } from 'preact/hooks';
import { ApiError, networkError } from '../api/client';
import type { StoredRecord } from '../api/records';
import { useApi } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { newRecordId } from '../records/values';
import { listClients, type Client } from '../support/api';
import { addMember, type Membership } from '../support/groups-api';
import { matchClients, openMemberClients, splitFieldErrors } from '../support/groups';
import { isoDay } from '../support/support';
import { FormMessage, SaveCancel, TextField } from './form-fields';

/** The most clients one call returns (the server's limit): a worker's own list fits. */
const CLIENT_LIMIT = 1000;
/** How many matches are listed at once (more letters narrow them). */
const MATCH_LIMIT = 8;

export interface AddMemberFormProps {
  group: StoredRecord;
  members: readonly Membership[];
  lang: Lang;
  onSaved: (member: Membership) => void;
  onCancel: () => void;
}

export function AddMemberForm({ group, members, lang, onSaved, onCancel }: AddMemberFormProps) {
  const clients = useApi((signal) => listClients({ limit: CLIENT_LIMIT }, signal), []);
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState<Client | null>(null);
  const [joinedOn, setJoinedOn] = useState(() => isoDay(new Date()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [other, setOther] = useState<string[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isSaving, setSaving] = useState(false);
  // Kept while an add may have been stored unseen (no reply, a server failure); a refusal stored
  // nothing, so the next try gets a new id (the same id with other content would be a conflict).
  const [addId, setAddId] = useState(() => newRecordId());

  const all = clients.data?.items ?? [];
  const matches = matchClients(all, typed, openMemberClients(members), MATCH_LIMIT);

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isSaving) return;
    setFailure(null);
    setOther([]);
    if (!chosen) {
      setErrors({ client_id: t('groups.members.pick', undefined, lang) });
      return;
    }
    const found: Record<string, string> = {};
    if (!joinedOn) found.joined_on = t('support.err.required', undefined, lang);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      onSaved(await addMember(group.id, { id: addId, client_id: chosen.id, joined_on: joinedOn }));
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : networkError();
      if (error.status >= 400 && error.status < 500) setAddId(newRecordId());
      const split = splitFieldErrors(error, ['client_id', 'joined_on'], lang);
      setErrors(split.fields);
      setOther(split.other);
      if (error.fields.length === 0) setFailure(error);
      setSaving(false);
    }
  }

  let status = '';
  if (clients.data) {
    if (all.length === 0) status = t('groups.members.noClients');
    else if (matches.total === 0) status = t('groups.members.noMatch', { prefix: typed.trim() });
    else if (matches.total > matches.items.length) status = t('groups.members.matchesCut', { shown: matches.items.length, n: matches.total });
    else status = t('groups.members.matches', { n: matches.total });
  }
  const isPartial = clients.data !== null && clients.data.total > all.length;

  return (
    <form class="form support-form card group-add" onSubmit={(event) => void onSubmit(event)} noValidate autoComplete="off">
      {chosen ? (
        <div class={errors.client_id ? 'field field--invalid' : 'field'}>
          <span class="field__label" id="member-chosen-label">
            {t('groups.members.chosen')}
          </span>
          <div class="unit-picked" aria-labelledby="member-chosen-label" aria-describedby={errors.client_id ? 'member-chosen-error' : undefined}>
            <span class="support-code">{chosen.uic}</span>
            <button
              type="button"
              class="button button--small"
              onClick={() => {
                setChosen(null);
                setErrors({});
              }}
            >
              {t('groups.members.change')}
            </button>
          </div>
          {errors.client_id && (
            <p id="member-chosen-error" class="field__error">
              {errors.client_id}
            </p>
          )}
        </div>
      ) : (
        <>
          <TextField
            id="member-search"
            type="search"
            label={t('groups.members.search')}
            value={typed}
            onInput={setTyped}
            hint={t('groups.members.searchHint')}
            error={errors.client_id}
            maxLength={40}
            autoComplete="off"
            isVerbatim
          />
          {clients.error && <p class="field__error">{clients.error.localized(lang)}</p>}
          {!clients.error && !clients.data && <p class="loading">{t('app.loading')}</p>}
          <p class="field__hint" role="status">
            {status}
            {isPartial ? ` ${t('groups.members.partial', { n: all.length })}` : ''}
          </p>
          {matches.items.length > 0 && (
            <ul class="group-matches">
              {matches.items.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    class="group-match"
                    aria-label={t('groups.members.choose', { code: c.uic })}
                    onClick={() => {
                      setChosen(c);
                      setErrors({});
                    }}
                  >
                    <span class="support-code">{c.uic}</span>
                    <span class="muted">
                      {t('support.col.registered')} {formatDate(c.registered_on, lang)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <TextField
        id="member-joined"
        type="date"
        label={t('groups.members.joinedOn')}
        value={joinedOn}
        onInput={setJoinedOn}
        hint={t('groups.members.joinedHint')}
        error={errors.joined_on}
      />
      {other.length > 0 && (
        <FormMessage kind="error">
          {other.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </FormMessage>
      )}
      {failure && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}
      <SaveCancel isSaving={isSaving} label={t('groups.members.save')} onCancel={onCancel} />
    </form>
  );
}
