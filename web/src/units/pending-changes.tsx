// "Thay đổi cần xác nhận": the change rows no source settles (GET /api/unit-changes?status=
// to_confirm), each with its old unit, the proposed receiving unit and the source, and a form that
// confirms it with the receiving unit chosen among the units valid on the row's day (a select; a
// code field when the day has more units than one list holds, which the server then checks).

import { useMemo, useState } from 'preact/hooks';
import { ApiError, networkError } from '../api/client';
import { listUnits, type Unit } from '../api/units';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage, SelectField, TextField } from '../components/form-fields';
import { useApi } from '../hooks';
import { formatDate, t, type Lang, type MessageKey } from '../i18n';
import { confirmUnitChange, listUnitChanges, type UnitChange } from './api';
import { parseSource, receivingOptions } from './changes';

/** The most units one list request returns (the server's limit). */
const UNIT_LIST_MAX = 1000;

interface UnitsOfDay {
  units: Unit[];
  isComplete: boolean;
}

/** One request per day for every row of that day; kept until the lists reload. */
type UnitsCache = Map<string, Promise<UnitsOfDay>>;

function unitsOn(cache: UnitsCache, date: string, signal: AbortSignal): Promise<UnitsOfDay> {
  let found = cache.get(date);
  if (!found) {
    found = listUnits({ date, limit: UNIT_LIST_MAX }).then((reply) => ({ units: reply.items, isComplete: reply.total <= reply.items.length }));
    found.catch(() => cache.delete(date));
    cache.set(date, found);
  }
  // A row that goes away stops waiting; the shared request itself goes on for the others.
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    found.then(resolve, reject);
  });
}

function unitLabel(code: string | null, name: string): string {
  if (!code) return name;
  return name ? `${name} (${code})` : code;
}

interface RowProps {
  change: UnitChange;
  cache: UnitsCache;
  version: number;
  lang: Lang;
  onConfirmed: (change: UnitChange) => void;
}

function PendingRow({ change, cache, version, lang, onConfirmed }: RowProps) {
  const day = formatDate(change.effective, lang);
  const [code, setCode] = useState(change.new_code ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);
  const units = useApi((signal) => unitsOn(cache, change.effective, signal), [change.effective, version]);
  const source = parseSource(change.source);
  const id = `change-${change.id}`;

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isBusy) return;
    const chosen = code.trim();
    if (!chosen) {
      setProblem(t('unitChanges.pending.chooseFirst'));
      return;
    }
    setBusy(true);
    setProblem(null);
    setError(null);
    try {
      onConfirmed(await confirmUnitChange(change.id, chosen));
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : networkError();
      const message = failure.fieldMessage('new_code', lang);
      if (message) setProblem(message);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  }

  // While the day's units load, the proposal alone; a day with more units than a list holds (or
  // a failed load) gets a code field instead, which the server checks.
  const proposal = change.new_code ? [{ value: change.new_code, label: unitLabel(change.new_code, change.new_name) }] : [];
  const options = units.data ? (units.data.isComplete ? receivingOptions(units.data.units, lang) : null) : units.error ? null : proposal;
  const hint = t(options ? 'unitChanges.pending.receivingHint' : 'unitChanges.pending.codeHint', { date: day });
  return (
    <li class="card pending-change">
      <p class="pending-change__head">
        <span class="chip">{t(`unitChanges.kind.${change.kind}` as MessageKey)}</span>
        <span class="muted">{t('unitChanges.pending.effective', { date: day })}</span>
      </p>
      <dl class="pending-change__facts">
        <div>
          <dt>{t('unitChanges.pending.oldUnit')}</dt>
          <dd>{unitLabel(change.old_code, change.old_name)}</dd>
        </div>
        <div>
          <dt>{t('unitChanges.pending.proposed')}</dt>
          <dd>{change.new_code ? unitLabel(change.new_code, change.new_name) : <em>{t('unitChanges.pending.noProposal')}</em>}</dd>
        </div>
        <div>
          <dt>{t('unitChanges.pending.source')}</dt>
          <dd>
            {source.kind && <span class="badge badge--warn">{t(`unitChanges.source.${source.kind}` as MessageKey)}</span>} {source.detail}
          </dd>
        </div>
      </dl>
      <form class="form pending-change__form" onSubmit={onSubmit} noValidate aria-label={unitLabel(change.old_code, change.old_name)}>
        {options ? (
          <SelectField
            id={`${id}-to`}
            label={t('unitChanges.pending.receiving')}
            hint={hint}
            value={code}
            onChange={(value) => {
              setCode(value);
              setProblem(null);
            }}
            options={[{ value: '', label: t('unitChanges.pending.choose') }, ...options]}
            error={problem ?? undefined}
            disabled={isBusy}
          />
        ) : (
          <TextField
            id={`${id}-to`}
            label={t('unitChanges.pending.receiving')}
            hint={hint}
            value={code}
            onInput={(value) => {
              setCode(value);
              setProblem(null);
            }}
            inputMode="numeric"
            maxLength={20}
            isVerbatim
            error={problem ?? undefined}
            disabled={isBusy}
          />
        )}
        {error && <ErrorNotice error={error} lang={lang} />}
        <div class="form__actions">
          <button type="submit" class="button button--primary" disabled={isBusy}>
            {isBusy ? t('unitChanges.pending.confirming') : t('unitChanges.pending.confirm')}
          </button>
        </div>
      </form>
    </li>
  );
}

export interface PendingChangesProps {
  lang: Lang;
  /** Changes after an import or a confirmation: the list reloads. */
  version: number;
  onConfirmed: () => void;
}

export function PendingChanges({ lang, version, onConfirmed }: PendingChangesProps) {
  const list = useApi((signal) => listUnitChanges('to_confirm', signal), [version]);
  const cache = useMemo<UnitsCache>(() => new Map(), [version]);
  const [done, setDone] = useState<string | null>(null);
  const items = list.data?.items ?? [];

  function confirmed(change: UnitChange) {
    setDone(t('unitChanges.pending.confirmed', { from: unitLabel(change.old_code, change.old_name), to: unitLabel(change.new_code, change.new_name) }));
    onConfirmed();
  }

  return (
    <section class="card card--section pending-changes" aria-labelledby="pending-title">
      <h2 id="pending-title" class="card__title">
        {t('unitChanges.pending.title')}
      </h2>
      <p class="muted">{t('unitChanges.pending.intro')}</p>
      {done && (
        <FormMessage kind="success">
          <p>{done}</p>
        </FormMessage>
      )}
      {list.error && <ErrorNotice error={list.error} lang={lang} onRetry={list.reload} />}
      {!list.error && !list.data && <p class="loading">{t('app.loading')}</p>}
      {list.data && (
        <>
          <p class="list-status muted" role="status">
            {items.length === 0 ? t('unitChanges.pending.none') : t('unitChanges.pending.count', { n: items.length })}
          </p>
          <ul class={list.isLoading ? 'pending-changes__list is-busy' : 'pending-changes__list'}>
            {items.map((change) => (
              <PendingRow key={change.id} change={change} cache={cache} version={version} lang={lang} onConfirmed={confirmed} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
