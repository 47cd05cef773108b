// "Gộp vào cơ sở khác" on an establishment's page: the user finds the establishment to keep among
// those of the same commune (GET /api/<path>?unit=<commune>&q=), reads what merging does and
// confirms; POST /api/<path>/{id}/merge {"into", "version"} re-points every record tied to this one
// and deletes it, and the page goes to the kept record with a message. A stale version (someone
// changed this record meanwhile) merges nothing: the page reloads the record and says so.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, networkError } from '../api/client';
import { mergeRecord, type RecordType, type StoredRecord } from '../api/records';
import { setFlash } from '../flash';
import { t, type Lang } from '../i18n';
import { referenceKey, useReferencedRecords } from '../lookups';
import { recordHref } from '../records/paths';
import { recordTitle } from '../records/values';
import { navigate } from '../router';
import { FormMessage } from './form-fields';
import { RecordPicker } from './record-picker';

export interface MergePanelProps {
  base: string;
  type: RecordType;
  /** The record to merge into another (as read: its version is sent). */
  record: StoredRecord;
  /** The name of the record's unit, for the explanation. */
  unitName: string;
  onClose: () => void;
  /** Told when the record turned out to be stale, so that the page reloads it. */
  onStale: () => void;
  lang: Lang;
}

export function MergePanel({ base, type, record, unitName, onClose, onStale, lang }: MergePanelProps) {
  const [into, setInto] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [isStale, setStale] = useState(false);
  const kept = useReferencedRecords(into ? [{ type, id: into }] : [])[referenceKey(type, into)];
  const merged = recordTitle(type, record, lang);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function onMerge() {
    if (!into || isBusy) return;
    setBusy(true);
    setError(null);
    setStale(false);
    try {
      const reply = await mergeRecord(type, record.id, into, record.version);
      const path = recordHref(base, type.path, reply.id || into);
      setFlash(path, 'records.merged');
      navigate(path);
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : networkError();
      if (failure.status === 409 && failure.code === 'stale_version') {
        setStale(true);
        onStale();
      } else {
        setError(failure);
      }
      setBusy(false);
    }
  }

  return (
    <section class="merge" aria-labelledby="merge-title">
      <h2 id="merge-title" class="merge__title" tabIndex={-1} ref={heading}>
        {t('records.merge.title', undefined, lang)}
      </h2>
      <p class="merge__intro">{t('records.merge.intro', { unit: unitName }, lang)}</p>
      {isStale && <FormMessage kind="error">{t('records.merge.stale', undefined, lang)}</FormMessage>}
      {error && <FormMessage kind="error">{error.fieldMessage('into', lang) ?? error.localized(lang)}</FormMessage>}
      <RecordPicker
        id="merge-into"
        label={t('records.merge.target', undefined, lang)}
        type={type}
        value={into}
        record={kept}
        onChange={(id) => {
          setInto(id);
          setError(null);
        }}
        lang={lang}
        filters={{ unit: record.unit }}
        exclude={record.id}
      />
      {into && (
        <div class="confirm" role="group" aria-labelledby="merge-confirm">
          <p id="merge-confirm" class="confirm__text">
            {t('records.merge.confirm', { merged, kept: kept ? recordTitle(type, kept, lang) : into }, lang)}
          </p>
          <div class="actions">
            <button type="button" class="button button--danger" disabled={isBusy} onClick={onMerge}>
              {isBusy ? t('records.merge.busy', undefined, lang) : t('records.merge.yes', undefined, lang)}
            </button>
            <button type="button" class="button" disabled={isBusy} onClick={onClose}>
              {t('form.cancel', undefined, lang)}
            </button>
          </div>
        </div>
      )}
      {!into && (
        <div class="actions">
          <button type="button" class="button" onClick={onClose}>
            {t('form.cancel', undefined, lang)}
          </button>
        </div>
      )}
    </section>
  );
}
