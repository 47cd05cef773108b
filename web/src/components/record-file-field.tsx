// The control of a record field of kind "file": a file input that checks the picked file here
// first (size, kind; records/values fileProblem), uploads it at once (POST /api/<type>/files) with
// a progress bar, then names the file and its size and puts the stored file's id in the draft.
// The server's refusal (not really a PDF, too large, empty) shows under the field. "Bỏ tệp" empties
// the field (and stops an upload under way). When the record being changed already has a file, a
// link downloads it, and picking another file replaces it on save.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, isAbortError, networkError } from '../api/client';
import { FILE_TYPES, uploadRecordFile, type FieldSpec } from '../api/records';
import { formatSize } from '../format';
import { t, type Lang } from '../i18n';
import { fileProblem, labelOf } from '../records/values';

export interface RecordFileFieldProps {
  field: FieldSpec;
  id: string;
  /** The draft: the id of the file the record is to name, "" for none. */
  value: string;
  onChange: (value: string) => void;
  lang: Lang;
  /** The path of the record type the file is uploaded for ("communication-materials"). */
  typePath: string;
  /** The file id the saved record holds ("" for a new record or none), and where it downloads. */
  storedId?: string | undefined;
  storedHref?: string | undefined;
  hint?: string | undefined;
  /** The form's or the server's message for the field (on save). */
  error?: string | undefined;
  /** Told when an upload starts and ends, so that the form does not save half-way. */
  onBusy?: ((isBusy: boolean) => void) | undefined;
}

type Phase = { step: 'idle' } | { step: 'uploading'; fraction: number | null } | { step: 'checking' };

/** The files the picker offers: the kinds the server takes. */
export const FILE_ACCEPT = FILE_TYPES.join(',');

export function RecordFileField({ field, id, value, onChange, lang, typePath, storedId = '', storedHref, hint, error, onBusy }: RecordFileFieldProps) {
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [uploaded, setUploaded] = useState<{ id: string; name: string; size: number } | null>(null);
  // A function of the language, so that switching it also translates a message already shown.
  const [problem, setProblem] = useState<((lang: Lang) => string) | null>(null);
  const controller = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const isBusy = phase.step !== 'idle';

  useEffect(() => () => controller.current?.abort(), []);

  function stop() {
    const current = controller.current;
    controller.current = null;
    current?.abort();
    if (current) {
      setPhase({ step: 'idle' });
      onBusy?.(false);
    }
  }

  function clearInput() {
    if (input.current) input.current.value = '';
  }

  async function onChoose(event: Event) {
    const picker = event.currentTarget as HTMLInputElement;
    const chosen = picker.files?.[0];
    if (!chosen) return; // the dialog was cancelled: the field keeps what it had
    stop();
    setProblem(null);
    const found = fileProblem(field, chosen, lang);
    if (found) {
      setProblem(() => (l: Lang) => fileProblem(field, chosen, l) ?? found);
      clearInput();
      return;
    }
    const current = new AbortController();
    controller.current = current;
    setPhase({ step: 'uploading', fraction: 0 });
    onBusy?.(true);
    try {
      const stored = await uploadRecordFile(typePath, chosen, chosen.name, {
        signal: current.signal,
        onProgress: (fraction) => {
          if (current.signal.aborted) return;
          setPhase(fraction !== null && fraction >= 1 ? { step: 'checking' } : { step: 'uploading', fraction });
        },
      });
      if (current.signal.aborted) return;
      setUploaded({ id: stored.id, name: stored.name || chosen.name, size: stored.size });
      onChange(stored.id);
    } catch (caught) {
      if (isAbortError(caught) || current.signal.aborted) return;
      const failure = caught instanceof ApiError ? caught : networkError();
      setProblem(() => (l: Lang) => failure.fieldMessage('file', l) ?? failure.localized(l));
      clearInput();
    } finally {
      if (controller.current === current) {
        controller.current = null;
        setPhase({ step: 'idle' });
        onBusy?.(false);
      }
    }
  }

  function remove() {
    stop();
    setProblem(null);
    setUploaded(null);
    clearInput();
    onChange('');
  }

  const label = labelOf(field, lang);
  const shownError = problem ? problem(lang) : error;
  const hasStored = storedId !== '';
  const isStored = hasStored && value === storedId;
  const isNew = value !== '' && value !== storedId;
  const percent = phase.step === 'uploading' && phase.fraction !== null ? Math.round(phase.fraction * 100) : null;
  const describedBy = [hint ? `${id}-hint` : '', shownError ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={shownError ? 'field file-field field--invalid' : 'field file-field'}>
      <label class="field__label" for={id}>
        {label}
      </label>
      {isStored && storedHref && (
        <p class="file-field__current">
          {t('records.file.current', undefined, lang)}{' '}
          <a href={storedHref} download="">
            {t('records.file.download', undefined, lang)}
          </a>
        </p>
      )}
      {isNew && !isBusy && (
        <p class="file-field__current break">
          {uploaded?.id === value
            ? t('records.file.uploaded', { name: uploaded.name, size: formatSize(uploaded.size, lang) }, lang)
            : t('records.file.uploadedUnnamed', undefined, lang)}
        </p>
      )}
      {hasStored && value === '' && !isBusy && (
        <p class="file-field__current">
          {t('records.file.removed', undefined, lang)}{' '}
          <button type="button" class="link-button" onClick={() => onChange(storedId)}>
            {t('records.file.keep', undefined, lang)}
          </button>
        </p>
      )}
      <div class="file-field__row">
        <input
          ref={input}
          id={id}
          name={id}
          class="input input--file"
          type="file"
          accept={FILE_ACCEPT}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={describedBy}
          onChange={onChoose}
        />
        {(value !== '' || isBusy) && (
          <button type="button" class="button button--small" onClick={remove}>
            {t('records.file.remove', undefined, lang)}
          </button>
        )}
      </div>
      <div class="import-progress" role="status" aria-live="polite">
        {phase.step === 'uploading' && (
          <>
            <span class="spinner" aria-hidden="true" />
            <span>
              {percent === null ? t('records.file.uploadingNoPercent', undefined, lang) : t('records.file.uploading', { percent: String(percent) }, lang)}
            </span>
            <progress class="import-progress__bar" max={100} value={percent ?? undefined} aria-label={t('records.file.progressLabel', undefined, lang)} />
          </>
        )}
        {phase.step === 'checking' && (
          <>
            <span class="spinner" aria-hidden="true" />
            <span>{t('records.file.checking', undefined, lang)}</span>
          </>
        )}
      </div>
      {hint && (
        <p id={`${id}-hint`} class="field__hint">
          {hint}
        </p>
      )}
      {shownError && (
        <p id={`${id}-error`} class="field__error">
          {shownError}
        </p>
      )}
    </div>
  );
}
