// /communication/<type>/new and /communication/<type>/<id>/edit: the form of a record, drawn
// from its kind's fields (components/record-field). A new record gets its id here, once per form
// (crypto.randomUUID), so that pressing "Lưu" twice, or again after a lost reply, stores it once.
// A change sends only what changed, with the version read; when someone else changed the record
// meanwhile (409 stale_version) the form loads the new version, keeps what the user typed, and
// says what the other person changed. The server's field errors show under their fields. A file
// field uploads its file as soon as it is picked; saving waits until no upload is under way.
// Duplicates: on a new establishment (DUPLICATES_PATH), leaving its name, address or registration
// number asks the server for likely duplicates (debounced); a create of any type refused as
// `possible_duplicate` shows them too (the records its message names). They are listed with the
// box "Đây là cơ sở khác, vẫn lưu", which sends `confirm_not_duplicate` on the next save.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, isPeriodLocked, networkError } from '../api/client';
import {
  DUPLICATE_FIELDS,
  DUPLICATES_PATH,
  createRecord,
  findDuplicates,
  getRecord,
  recordFileUrl,
  referencedType,
  updateRecord,
  type DuplicateCandidate,
  type RecordType,
  type StoredRecord,
} from '../api/records';
import { getUnit } from '../api/units';
import { DuplicatePanel } from '../components/duplicate-panel';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage, TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { RecordField } from '../components/record-field';
import { UnitPicker } from '../components/unit-picker';
import { setFlash } from '../flash';
import { fieldErrors, type KnownCodes } from '../forms';
import { useApi, useDebounced, usePageTitle } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { referenceKey, rememberUnitName, useCodeLists, useReferencedRecords, useUnitNames, type RecordRef } from '../lookups';
import { listHref, recordHref } from '../records/paths';
import {
  changedFields,
  changesFrom,
  createBody,
  dateLabel,
  draftFromRecord,
  duplicateIds,
  duplicateQuery,
  emptyDraft,
  fieldLabel,
  isPossibleDuplicate,
  labelOf,
  levelsLabel,
  newRecordId,
  rebaseDraft,
  validateDraft,
  type Draft,
  type DraftValue,
} from '../records/values';
import { navigate } from '../router';
import { OUTBOX_PATH } from '../offline/paths';
import { saveOffline } from '../offline/save';

/** Server codes worded better here (the generic ones name the field by its JSON name). */
export const RECORD_FIELD_CODES: KnownCodes = {
  'unit:required': 'records.error.unitMissing',
  'unit:out_of_scope': 'records.error.unitOutOfScope',
  'unit:invalid_level': 'records.error.unitLevel',
  'date:required': 'records.error.dateMissing',
  'date:invalid_date': 'records.error.dateInvalid',
  invalid_type: 'records.error.invalidType',
  possible_duplicate: 'records.error.possibleDuplicate',
};

/** What the outbox shows of a record saved offline: its kind, its date, its fields' names. */
function offlineSummary(type: RecordType, date: string, href: string) {
  return {
    kindVi: type.label_vi,
    kindEn: type.label_en,
    detail: date ? formatDate(date, 'vi') : '',
    href,
    labels: Object.fromEntries([...type.fields.map((f) => [f.name, { vi: f.label_vi, en: f.label_en }]), ['unit', { vi: 'Đơn vị', en: 'Unit' }], ['date', { vi: type.date_label_vi, en: type.date_label_en }]]),
  };
}

/** How long after leaving a compared field the form asks for duplicates. */
const DUPLICATE_DELAY_MS = 400;

export interface RecordFormPageProps {
  base: string;
  type: RecordType;
  /** The record to change; null for a new one. */
  id: string | null;
  /** Every kind of the area, for reference fields. */
  types: readonly RecordType[];
  session: Session;
  lang: Lang;
}

type Notice = { kind: 'unchanged' } | { kind: 'stale'; fields: string[] } | null;

interface EditorProps {
  base: string;
  type: RecordType;
  types: readonly RecordType[];
  initial: StoredRecord | null;
  session: Session;
  lang: Lang;
}

function RecordEditor({ base, type, types, initial, session, lang }: EditorProps) {
  const isNew = initial === null;
  const [record, setRecord] = useState<StoredRecord | null>(initial);
  const [draft, setDraft] = useState<Draft>(() => (initial ? draftFromRecord(type, initial) : emptyDraft(type)));
  const [id] = useState(() => initial?.id ?? newRecordId());
  const [isBusy, setBusy] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [isUnitTouched, setUnitTouched] = useState(!isNew);
  const [focusTick, setFocusTick] = useState(0);
  // The file fields whose upload is under way.
  const [uploading, setUploading] = useState<Record<string, boolean>>({});
  const form = useRef<HTMLFormElement>(null);
  // Set at once (state waits for the next render), so that a double click sends one request.
  const sending = useRef(false);
  const latest = useRef(draft);
  latest.current = draft;
  const codes = useCodeLists(type);

  // Likely duplicates: asked for (new establishments) once the user leaves a compared field, and
  // named by a refused create (any type).
  const asksDuplicates = isNew && type.path === DUPLICATES_PATH;
  const [duplicateAsk, setDuplicateAsk] = useState('');
  const duplicateKey = useDebounced(duplicateAsk, DUPLICATE_DELAY_MS);
  const asked = useApi(
    (signal) => (asksDuplicates && duplicateKey ? findDuplicates(type.path, JSON.parse(duplicateKey) as Record<string, string>, signal) : null),
    [asksDuplicates, duplicateKey],
  );
  const refusedIds = isNew && isPossibleDuplicate(error) ? duplicateIds(error) : [];
  const refusedRecords = useReferencedRecords(refusedIds.map((refused) => ({ type, id: refused })));
  const candidates: DuplicateCandidate[] = [...(duplicateKey ? asked.data ?? [] : [])];
  for (const refused of refusedIds) {
    const found = refusedRecords[referenceKey(type, refused)];
    if (found && !candidates.some((c) => c.id === refused)) candidates.push(found);
  }
  const [isNotDuplicate, setNotDuplicate] = useState(false);
  const [duplicateFocus, setDuplicateFocus] = useState(0);
  const isConfirmedNew = isNotDuplicate && candidates.length > 0;

  function askDuplicates(next: Draft) {
    if (!asksDuplicates) return;
    const query = duplicateQuery(type, next);
    setDuplicateAsk(query ? JSON.stringify(query) : '');
  }

  const unitCodes = [
    draft.unit,
    ...type.fields.filter((f) => f.kind === 'unit').map((f) => draft.values[f.name]).filter((v): v is string => typeof v === 'string' && v !== ''),
    ...candidates.map((c) => c.unit),
  ];
  const names = useUnitNames(unitCodes.filter(Boolean));
  const refs: RecordRef[] = [];
  for (const field of type.fields) {
    const refType = field.kind === 'reference' ? referencedType(types, field.reference_type) : undefined;
    const value = draft.values[field.name];
    if (refType && typeof value === 'string' && value) refs.push({ type: refType, id: value });
  }
  const referenced = useReferencedRecords(refs);

  // A new record starts at the user's own unit when this kind is kept at its level.
  const own = useApi((signal) => (isNew ? getUnit(session.user.unit_code, signal) : null), [isNew, session.user.unit_code]);
  useEffect(() => {
    const unit = own.data;
    if (!unit || isUnitTouched || !type.unit_levels.includes(unit.level)) return;
    rememberUnitName(unit.code, unit.name);
    setDraft((d) => (d.unit ? d : { ...d, unit: unit.code }));
  }, [own.data, isUnitTouched]);

  // After a refused save, the first marked field takes the focus.
  useEffect(() => {
    if (focusTick === 0) return;
    const invalid = form.current?.querySelector<HTMLElement>('.field--invalid input, .field--invalid select, .field--invalid textarea, .field--invalid button');
    invalid?.focus();
  }, [focusTick]);

  const server = fieldErrors(error, lang, RECORD_FIELD_CODES);
  const errors = { ...server, ...local };
  const shown = ['unit', 'date', ...type.fields.map((f) => f.name)];
  const hasShownErrors = Object.keys(errors).some((name) => shown.includes(name));
  const isDuplicateRefusal = isPossibleDuplicate(error) && Object.keys(local).length === 0;
  const otherError = error && !isDuplicateRefusal && !error.fields.some((f) => shown.includes(f.field)) ? error : null;
  // The period of the record is locked by an approved report: no field to fix, say why (issue 8).
  const isLocked = isPeriodLocked(error);
  // The panel goes after the last compared field, near what the user is typing; else at the end.
  const panelAfter = [...type.fields].reverse().find((f) => DUPLICATE_FIELDS.includes(f.name))?.name ?? null;

  function forget(name: string) {
    if (local[name]) setLocal(({ [name]: _gone, ...rest }) => rest);
    if (error?.fields.some((f) => f.field === name)) setError(null);
  }

  function setValue(name: string, value: DraftValue) {
    setDraft((d) => ({ ...d, values: { ...d.values, [name]: value } }));
    forget(name);
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (sending.current) return;
    setNotice(null);
    setError(null);
    const found = validateDraft(type, draft, lang, record?.hidden_fields ?? []);
    for (const field of type.fields) {
      if (uploading[field.name]) found[field.name] = t('records.error.fileUploading', { label: labelOf(field, lang) }, lang);
    }
    setLocal(found);
    if (Object.keys(found).length > 0) {
      setFocusTick((n) => n + 1);
      return;
    }
    sending.current = true;
    try {
      if (isNew) await create();
      else await change();
    } finally {
      sending.current = false;
    }
  }

  async function create() {
    setBusy(true);
    const body = createBody(type, draft, id, { confirmNotDuplicate: isConfirmedNew });
    try {
      const saved = await createRecord(type, body);
      const path = recordHref(base, type.path, saved.id);
      setFlash(path, 'records.created');
      navigate(path);
    } catch (caught) {
      // No network: kept in the outbox with the id made here (offline/save.ts).
      if (await saveOffline(caught, { method: 'POST', path: `/api/${encodeURIComponent(type.path)}`, body, summary: offlineSummary(type, draft.date, recordHref(base, type.path, id)) })) {
        setFlash(OUTBOX_PATH, 'offline.savedOnDevice');
        navigate(OUTBOX_PATH);
        return;
      }
      const failure = caught instanceof ApiError ? caught : networkError();
      setError(failure);
      if (isPossibleDuplicate(failure)) {
        setNotDuplicate(false);
        askDuplicates(draft);
        setDuplicateFocus((n) => n + 1);
      } else if (failure.fields.length > 0) {
        setFocusTick((n) => n + 1);
      }
      setBusy(false);
    }
  }

  async function change() {
    if (!record) return;
    const changes = changesFrom(type, record, draft);
    if (!changes) {
      setNotice({ kind: 'unchanged' });
      return;
    }
    setBusy(true);
    try {
      const saved = await updateRecord(type, record.id, changes);
      const path = recordHref(base, type.path, saved.id);
      setFlash(path, 'records.saved');
      navigate(path);
    } catch (caught) {
      // No network: the change (with the version read) waits in the outbox; a conflict is shown there.
      const summary = offlineSummary(type, draft.date, recordHref(base, type.path, record.id));
      if (await saveOffline(caught, { method: 'PATCH', path: `/api/${encodeURIComponent(type.path)}/${encodeURIComponent(record.id)}`, body: changes, summary })) {
        setFlash(OUTBOX_PATH, 'offline.savedOnDevice');
        navigate(OUTBOX_PATH);
        return;
      }
      const failure = caught instanceof ApiError ? caught : networkError();
      if (failure.status === 409 && failure.code === 'stale_version') {
        try {
          const fresh = await getRecord(type, record.id);
          setDraft(rebaseDraft(type, record, fresh, draft));
          setNotice({ kind: 'stale', fields: changedFields(type, record, fresh) });
          setRecord(fresh);
        } catch (again) {
          setError(again instanceof ApiError ? again : networkError());
        }
      } else {
        setError(failure);
        if (failure.fields.length > 0) setFocusTick((n) => n + 1);
      }
      setBusy(false);
    }
  }

  const isChecking = asksDuplicates && asked.isLoading && duplicateKey !== '' && candidates.length === 0;
  const duplicates = (
    <div key="duplicates" class="duplicates-slot">
      <p class="field__hint" role="status" hidden={!isChecking}>
        {isChecking ? t('records.duplicates.checking') : ''}
      </p>
      {candidates.length > 0 && (
        <DuplicatePanel
          base={base}
          type={type}
          candidates={candidates}
          names={names}
          isConfirmed={isNotDuplicate}
          onConfirm={setNotDuplicate}
          focusTick={duplicateFocus}
          lang={lang}
        />
      )}
    </div>
  );
  const cancelHref = record ? recordHref(base, type.path, record.id) : listHref(base, type.path);
  return (
    <div class="card">
      {notice?.kind === 'unchanged' && <FormMessage kind="info">{t('records.unchanged')}</FormMessage>}
      {notice?.kind === 'stale' && (
        <FormMessage kind="error">
          <p>{t('records.stale')}</p>
          {notice.fields.length > 0 && <p>{t('records.staleFields', { fields: notice.fields.map((name) => fieldLabel(type, name, lang)).join(', ') })}</p>}
        </FormMessage>
      )}
      {isDuplicateRefusal && !notice && <FormMessage kind="error">{t('records.duplicates.refused')}</FormMessage>}
      {isLocked && <FormMessage kind="error">{t('error.periodLocked')}</FormMessage>}
      {hasShownErrors && !notice && !isDuplicateRefusal && !isLocked && <FormMessage kind="error">{t('records.fixBelow')}</FormMessage>}
      {otherError && <ErrorNotice error={otherError} lang={lang} />}
      <form
        class="form"
        ref={form}
        onSubmit={onSubmit}
        noValidate
        onFocusOut={(event) => {
          const left = event.target instanceof HTMLElement ? event.target.id : '';
          if (DUPLICATE_FIELDS.some((name) => left === `rec-${name}`)) askDuplicates(latest.current);
        }}
      >
        <UnitPicker
          id="rec-unit"
          label={t('records.unit')}
          hint={t('records.unitHint', { levels: levelsLabel(type.unit_levels, lang) })}
          value={draft.unit ? { code: draft.unit, name: names[draft.unit] ?? draft.unit } : null}
          onChange={(unit) => {
            setUnitTouched(true);
            setDraft((d) => ({ ...d, unit: unit?.code ?? '' }));
            forget('unit');
            if (duplicateAsk) askDuplicates({ ...latest.current, unit: unit?.code ?? '' });
          }}
          lang={lang}
          levels={type.unit_levels}
          error={errors.unit}
        />
        <TextField
          id="rec-date"
          type="date"
          label={dateLabel(type, lang)}
          value={draft.date}
          onInput={(value) => {
            setDraft((d) => ({ ...d, date: value }));
            forget('date');
          }}
          error={errors.date}
          class="input--date"
        />
        {type.fields.map((field) => {
          if (record?.hidden_fields?.includes(field.name)) {
            return (
              <p class="field field--hidden" key={field.name}>
                <strong>{labelOf(field, lang)}</strong>: <span class="muted">{t('records.hiddenField')}</span>
              </p>
            );
          }
          const value = draft.values[field.name] ?? '';
          const refType = field.kind === 'reference' ? referencedType(types, field.reference_type) : undefined;
          const storedFile = field.kind === 'file' ? record?.[field.name] : null;
          const control = (
            <RecordField
              key={field.name}
              field={field}
              id={`rec-${field.name}`}
              value={value}
              onChange={(next) => setValue(field.name, next)}
              codes={field.code_list ? codes[field.code_list] : undefined}
              lang={lang}
              error={errors[field.name]}
              unitNames={names}
              refType={refType}
              refRecord={refType && typeof value === 'string' && value ? referenced[referenceKey(refType, value)] : undefined}
              typePath={type.path}
              storedFile={record && typeof storedFile === 'string' && storedFile ? { id: storedFile, href: recordFileUrl(type.path, record.id, field.name) } : undefined}
              onBusy={(isBusy) => setUploading((u) => ({ ...u, [field.name]: isBusy }))}
              formUnit={draft.unit}
            />
          );
          return field.name === panelAfter ? [control, duplicates] : control;
        })}
        {panelAfter === null && duplicates}
        <div class="form__actions">
          <button type="submit" class="button button--primary" disabled={isBusy}>
            {isBusy ? t('form.saving') : isNew ? t('records.save') : t('records.saveChanges')}
          </button>
          <Link href={cancelHref} class="button">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}

export function RecordFormPage({ base, type, id, types, session, lang }: RecordFormPageProps) {
  const typeLabel = labelOf(type, lang);
  const title = id === null ? t('records.newTitle', { type: typeLabel }) : t('records.editTitle', { type: typeLabel });
  usePageTitle(title);
  const loaded = useApi((signal) => (id === null ? null : getRecord(type, id, signal)), [type.path, id]);
  const back = id === null ? listHref(base, type.path) : recordHref(base, type.path, id);
  return (
    <section class="page page--narrow">
      <p class="back-link">
        <Link href={back}>{id === null ? t('records.backToList') : t('records.backToRecord')}</Link>
      </p>
      <h1 class="page__title" tabIndex={-1}>
        {title}
      </h1>
      {id === null ? (
        <RecordEditor base={base} type={type} types={types} initial={null} session={session} lang={lang} />
      ) : loaded.error ? (
        <ErrorNotice error={loaded.error} lang={lang} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <p class="loading">{t('app.loading')}</p>
      ) : (
        <RecordEditor key={loaded.data.id} base={base} type={type} types={types} initial={loaded.data} session={session} lang={lang} />
      )}
    </section>
  );
}
