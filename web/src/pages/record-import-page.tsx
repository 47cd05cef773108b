// /communication/<type>/import: a CSV file laid out like the list's export, read here as UTF-8
// text (FileReader) and sent to POST /api/<type>/import with the mode chosen: the whole file
// (nothing stored unless every line is valid) or only the valid lines. While the file goes up a
// bar shows how far; then the report: what was stored, and the problems by line and column.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, isAbortError, networkError } from '../api/client';
import { IMPORT_MAX_BYTES, importRecords, type ImportMode, type ImportReport, type RecordType } from '../api/records';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage } from '../components/form-fields';
import { Link } from '../components/link';
import { formatSize } from '../format';
import { usePageTitle } from '../hooks';
import { formatNumber, t, type Lang } from '../i18n';
import { dataLineCount, looksMisdecoded, problemColumn, problemMessage, sortProblems } from '../records/import';
import { listHref, typeHref } from '../records/paths';
import { labelOf } from '../records/values';

export interface RecordImportPageProps {
  base: string;
  type: RecordType;
  session: Session;
  lang: Lang;
}

interface ChosenFile {
  name: string;
  size: number;
  text: string;
  lines: number;
}

type Phase = { step: 'idle' } | { step: 'reading' } | { step: 'uploading'; fraction: number | null } | { step: 'checking' };

function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file, 'utf-8');
  });
}

function Report({ report, mode, type, base, lang }: { report: ImportReport; mode: ImportMode; type: RecordType; base: string; lang: Lang }) {
  const problems = sortProblems(report.problems, type);
  return (
    <section class="card card--section import-report" aria-labelledby="report-title">
      <h2 id="report-title" class="card__title" tabIndex={-1}>
        {t('import.report')}
      </h2>
      {report.stored ? (
        <FormMessage kind="success">
          <p class="notice__title">{t('import.stored')}</p>
        </FormMessage>
      ) : (
        <FormMessage kind="error">
          <p class="notice__title">{t('import.notStored')}</p>
          {problems.length > 0 && <p>{mode === 'all' ? t('import.notStoredAll') : t('import.notStoredValid')}</p>}
        </FormMessage>
      )}
      <dl class="stats">
        <div class="stats__item">
          <dt>{t('import.created')}</dt>
          <dd>{formatNumber(report.created, lang)}</dd>
        </div>
        <div class="stats__item">
          <dt>{t('import.unchanged')}</dt>
          <dd>{formatNumber(report.unchanged, lang)}</dd>
        </div>
        <div class={report.rejected > 0 ? 'stats__item stats__item--bad' : 'stats__item'}>
          <dt>{t('import.rejected')}</dt>
          <dd>{formatNumber(report.rejected, lang)}</dd>
        </div>
      </dl>
      {report.stored && (
        <p class="import-report__next">
          <Link href={typeHref(base, type.path)} class="button">
            {t('import.viewList')}
          </Link>
        </p>
      )}
      {problems.length > 0 && (
        <>
          <h3 class="section-title">{t('import.problems', { n: problems.length })}</h3>
          <div class="table-wrap">
            <table class="data-table problems-table">
              <caption class="visually-hidden">{t('import.problemsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.line')}</th>
                  <th scope="col">{t('import.column')}</th>
                  <th scope="col">{t('import.message')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((problem, index) => (
                  <tr key={`${problem.line}:${problem.field}:${problem.code}:${index}`}>
                    <td data-label={t('import.line')} class="problems-table__line">
                      {formatNumber(problem.line, lang)}
                    </td>
                    <td data-label={t('import.column')}>{problemColumn(type, problem.field, lang) || '—'}</td>
                    <td data-label={t('import.message')}>{problemMessage(problem, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function RecordImportPage({ base, type, lang }: RecordImportPageProps) {
  const title = t('import.title', { type: labelOf(type, lang) });
  usePageTitle(title);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('all');
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [report, setReport] = useState<{ report: ImportReport; mode: ImportMode } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const controller = useRef<AbortController | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  const isBusy = phase.step !== 'idle';

  useEffect(() => () => controller.current?.abort(), []);

  // A new report takes the focus, so that screen readers read it and phones scroll to it.
  useEffect(() => {
    if (report) reportRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [report]);

  async function onChoose(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const chosen = input.files?.[0];
    setReport(null);
    setError(null);
    setFileError(null);
    setFile(null);
    if (!chosen) return;
    if (chosen.size > IMPORT_MAX_BYTES) {
      setFileError(t('import.error.tooBig', { size: formatSize(chosen.size, lang) }));
      return;
    }
    setPhase({ step: 'reading' });
    try {
      const text = await readText(chosen);
      if (text.replace(/^\uFEFF/, '').trim() === '') setFileError(t('import.error.empty'));
      else if (looksMisdecoded(text)) setFileError(t('import.error.encoding'));
      else setFile({ name: chosen.name, size: chosen.size, text, lines: dataLineCount(text) });
    } catch {
      setFileError(t('import.error.read'));
    } finally {
      setPhase({ step: 'idle' });
    }
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isBusy) return;
    if (!file) {
      setFileError(fileError ?? t('import.error.noFile'));
      return;
    }
    setError(null);
    setReport(null);
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setPhase({ step: 'uploading', fraction: 0 });
    try {
      const result = await importRecords(
        type,
        file.text,
        mode,
        (fraction) => {
          if (current.signal.aborted) return;
          setPhase(fraction !== null && fraction >= 1 ? { step: 'checking' } : { step: 'uploading', fraction });
        },
        current.signal,
      );
      setReport({ report: result, mode });
    } catch (caught) {
      if (isAbortError(caught)) return;
      setError(caught instanceof ApiError ? caught : networkError());
    } finally {
      if (!current.signal.aborted) setPhase({ step: 'idle' });
    }
  }

  const percent = phase.step === 'uploading' && phase.fraction !== null ? Math.round(phase.fraction * 100) : null;
  return (
    <section class="page">
      <p class="back-link">
        <Link href={listHref(base, type.path)}>{t('records.backToList')}</Link>
      </p>
      <h1 class="page__title" tabIndex={-1}>
        {title}
      </h1>
      <div class="card">
        <p>{t('import.intro')}</p>
        <p class="muted import__template">{t('import.template')}</p>
        <form class="form import-form" onSubmit={onSubmit} noValidate>
          <div class={fileError ? 'field field--invalid' : 'field'}>
            <label class="field__label" for="import-file">
              {t('import.file')}
            </label>
            <input
              id="import-file"
              name="import-file"
              class="input input--file"
              type="file"
              accept=".csv,text/csv"
              disabled={isBusy}
              aria-invalid={fileError ? true : undefined}
              aria-describedby={['import-file-hint', fileError ? 'import-file-error' : ''].filter(Boolean).join(' ')}
              onChange={onChoose}
            />
            <p id="import-file-hint" class="field__hint">
              {file ? t('import.fileChosen', { name: file.name, size: formatSize(file.size, lang), n: file.lines }) : t('import.fileHint')}
            </p>
            {fileError && (
              <p id="import-file-error" class="field__error">
                {fileError}
              </p>
            )}
          </div>
          <fieldset class="field fieldset">
            <legend class="field__label">{t('import.mode')}</legend>
            <div class="check-group">
              {(['all', 'valid'] as const).map((value) => (
                <div class="field field--check" key={value}>
                  <input
                    id={`import-mode-${value}`}
                    class="checkbox"
                    type="radio"
                    name="import-mode"
                    value={value}
                    checked={mode === value}
                    disabled={isBusy}
                    onChange={() => setMode(value)}
                  />
                  <label class="field__check-label" for={`import-mode-${value}`}>
                    {value === 'all' ? t('import.modeAll') : t('import.modeValid')}
                    <span class="field__hint">{value === 'all' ? t('import.modeAllHint') : t('import.modeValidHint')}</span>
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <div class="form__actions">
            <button type="submit" class="button button--primary" disabled={isBusy}>
              {t('import.submit')}
            </button>
          </div>
          <div class="import-progress" role="status" aria-live="polite">
            {phase.step === 'uploading' && (
              <>
                <span class="spinner" aria-hidden="true" />
                <span>{percent === null ? t('import.uploadingNoPercent') : t('import.uploading', { percent: String(percent) })}</span>
                <progress class="import-progress__bar" max={100} value={percent ?? undefined} aria-label={t('import.progressLabel')} />
              </>
            )}
            {phase.step === 'checking' && (
              <>
                <span class="spinner" aria-hidden="true" />
                <span>{t('import.checking')}</span>
              </>
            )}
          </div>
        </form>
      </div>
      {error && <ErrorNotice error={error} lang={lang} />}
      <div ref={reportRef}>{report && <Report report={report.report} mode={report.mode} type={type} base={base} lang={lang} />}</div>
    </section>
  );
}
