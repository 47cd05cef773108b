// "Nạp cây đơn vị mới": the unit file, the change file (optional) and the effective day, read as
// UTF-8 text in the browser and sent to POST /api/units/import; then the report. A refused import
// stores nothing; its problems show under the file or the date they concern, by line and column.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, networkError } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage, TextField } from '../components/form-fields';
import { formatSize } from '../format';
import { formatDate, formatNumber, t, type Lang } from '../i18n';
import { dataLineCount, looksMisdecoded } from '../records/import';
import { importUnitTree, TREE_FILE_MAX_BYTES, type TreeImportReport } from './api';
import { capProblems, isAboutTheFields, isIsoDate, isNothingChanged, problemsOf, type TreeFileField } from './changes';

const SHOWN_PROBLEMS = 20;

interface ChosenFile {
  name: string;
  size: number;
  text: string;
  lines: number;
}

function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file, 'utf-8');
  });
}

interface FileFieldProps {
  id: string;
  label: string;
  hint: string;
  file: ChosenFile | null;
  /** A problem found in the browser (no file, too large), or the server's, by line. */
  problems: readonly string[];
  disabled: boolean;
  onChoose: (file: File | null) => void;
  lang: Lang;
}

function FileField({ id, label, hint, file, problems, disabled, onChoose, lang }: FileFieldProps) {
  const invalid = problems.length > 0;
  return (
    <div class={invalid ? 'field field--invalid' : 'field'}>
      <label class="field__label" for={id}>
        {label}
      </label>
      <input
        id={id}
        name={id}
        class="input input--file"
        type="file"
        accept=".csv,text/csv"
        disabled={disabled}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[`${id}-hint`, invalid ? `${id}-error` : ''].filter(Boolean).join(' ')}
        onChange={(event) => onChoose(event.currentTarget.files?.[0] ?? null)}
      />
      <p id={`${id}-hint`} class="field__hint">
        {file ? t('unitChanges.import.fileChosen', { name: file.name, size: formatSize(file.size, lang), n: file.lines }) : hint}
      </p>
      {invalid && (
        <ul id={`${id}-error`} class="field__error tree-import__problems">
          {capProblems(problems, SHOWN_PROBLEMS, lang).map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Stat({ label, value, lang, isBad = false }: { label: string; value: number; lang: Lang; isBad?: boolean }) {
  return (
    <div class={isBad && value > 0 ? 'stats__item stats__item--bad' : 'stats__item'}>
      <dt>{label}</dt>
      <dd>{formatNumber(value, lang)}</dd>
    </div>
  );
}

function Report({ report, lang }: { report: TreeImportReport; lang: Lang }) {
  const date = formatDate(report.effective, lang);
  const { units, changes } = report;
  return (
    <section class="card card--section import-report tree-import__report" aria-labelledby="tree-report-title">
      <h3 id="tree-report-title" class="card__title" tabIndex={-1}>
        {t('unitChanges.report.title', { date })}
      </h3>
      <FormMessage kind="success">
        <p>{isNothingChanged(report) ? t('unitChanges.report.nothingChanged') : t('unitChanges.report.done')}</p>
      </FormMessage>
      <h4 class="section-title">{t('unitChanges.report.units')}</h4>
      <dl class="stats tree-import__stats">
        <Stat label={t('unitChanges.report.added')} value={units.added} lang={lang} />
        <Stat label={t('unitChanges.report.changed')} value={units.changed} lang={lang} />
        <Stat label={t('unitChanges.report.closed')} value={units.closed} lang={lang} />
        <Stat label={t('unitChanges.report.unchanged')} value={units.unchanged} lang={lang} />
      </dl>
      <h4 class="section-title">{t('unitChanges.report.changes', { date })}</h4>
      {changes ? (
        <dl class="stats">
          <Stat label={t('unitChanges.report.changesAdded')} value={changes.added} lang={lang} />
          <Stat label={t('unitChanges.report.changesUnchanged')} value={changes.unchanged} lang={lang} />
          <Stat label={t('unitChanges.report.toConfirm')} value={changes.to_confirm} lang={lang} isBad />
        </dl>
      ) : (
        <p class="muted">{t('unitChanges.report.noChangeFile')}</p>
      )}
    </section>
  );
}

export interface TreeImportFormProps {
  lang: Lang;
  /** Called after a tree was loaded (the lists below change). */
  onImported: () => void;
}

export function TreeImportForm({ lang, onImported }: TreeImportFormProps) {
  const [files, setFiles] = useState<Record<TreeFileField, ChosenFile | null>>({ units_csv: null, changes_csv: null });
  const [fileProblems, setFileProblems] = useState<Record<TreeFileField, string | null>>({ units_csv: null, changes_csv: null });
  const [effective, setEffective] = useState('');
  const [effectiveProblem, setEffectiveProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<TreeImportReport | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);

  // A new report takes the focus, so that screen readers read it and phones scroll to it.
  useEffect(() => {
    if (report) reportRef.current?.querySelector<HTMLElement>('h3')?.focus();
  }, [report]);

  async function choose(field: TreeFileField, chosen: File | null) {
    setReport(null);
    setError(null);
    setFiles((prev) => ({ ...prev, [field]: null }));
    setFileProblems((prev) => ({ ...prev, [field]: null }));
    if (!chosen) return;
    const problem = (text: string) => setFileProblems((prev) => ({ ...prev, [field]: text }));
    if (chosen.size > TREE_FILE_MAX_BYTES) {
      problem(t('unitChanges.import.tooBig', { size: formatSize(chosen.size, lang) }));
      return;
    }
    try {
      const text = await readText(chosen);
      if (text.replace(/^\uFEFF/, '').trim() === '') problem(t('unitChanges.import.empty'));
      else if (looksMisdecoded(text)) problem(t('unitChanges.import.encoding'));
      else setFiles((prev) => ({ ...prev, [field]: { name: chosen.name, size: chosen.size, text, lines: dataLineCount(text) } }));
    } catch {
      problem(t('unitChanges.import.read'));
    }
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isBusy) return;
    const units = files.units_csv;
    const missingFile = !units && !fileProblems.units_csv;
    const badDate = !isIsoDate(effective);
    if (missingFile) setFileProblems((prev) => ({ ...prev, units_csv: t('unitChanges.import.noUnitsFile') }));
    setEffectiveProblem(badDate ? t('unitChanges.import.noEffective') : null);
    if (!units || badDate || fileProblems.changes_csv) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const changes = files.changes_csv;
      const result = await importUnitTree({ effective, units_csv: units.text, ...(changes ? { changes_csv: changes.text } : {}) });
      setReport(result);
      onImported();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : networkError());
    } finally {
      setBusy(false);
    }
  }

  const problemsFor = (field: TreeFileField) => {
    const local = fileProblems[field];
    return local ? [local] : problemsOf(error, field, lang);
  };
  const serverDate = problemsOf(error, 'effective', lang);
  return (
    <section class="card card--section tree-import" aria-labelledby="tree-import-title">
      <h2 id="tree-import-title" class="card__title">
        {t('unitChanges.import.title')}
      </h2>
      <p class="muted">{t('unitChanges.import.intro')}</p>
      <form class="form" onSubmit={onSubmit} noValidate>
        <FileField
          id="tree-units-file"
          label={t('unitChanges.import.unitsFile')}
          hint={t('unitChanges.import.unitsFileHint')}
          file={files.units_csv}
          problems={problemsFor('units_csv')}
          disabled={isBusy}
          onChoose={(file) => void choose('units_csv', file)}
          lang={lang}
        />
        <FileField
          id="tree-changes-file"
          label={t('unitChanges.import.changesFile')}
          hint={t('unitChanges.import.changesFileHint')}
          file={files.changes_csv}
          problems={problemsFor('changes_csv')}
          disabled={isBusy}
          onChoose={(file) => void choose('changes_csv', file)}
          lang={lang}
        />
        <TextField
          id="tree-effective"
          type="date"
          label={t('unitChanges.import.effective')}
          hint={t('unitChanges.import.effectiveHint')}
          value={effective}
          onInput={(value) => {
            setEffective(value);
            setEffectiveProblem(null);
          }}
          error={effectiveProblem ?? (serverDate.length > 0 ? serverDate.join(' ') : undefined)}
          required
          disabled={isBusy}
        />
        {error && isAboutTheFields(error) && (
          <FormMessage kind="error">
            <p>{t('unitChanges.import.notStored')}</p>
          </FormMessage>
        )}
        {error && !isAboutTheFields(error) && <ErrorNotice error={error} lang={lang} />}
        <div class="form__actions">
          <button type="submit" class="button button--primary" disabled={isBusy}>
            {isBusy ? t('unitChanges.import.sending') : t('unitChanges.import.submit')}
          </button>
        </div>
      </form>
      <div ref={reportRef}>{report && <Report report={report} lang={lang} />}</div>
    </section>
  );
}
