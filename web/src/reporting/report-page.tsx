// /report-rounds/<id>/reports/<unit>: a unit's report in a round. The targets' values (live while
// the report is being written, frozen from submission on), the three narrative sections (kết quả,
// khó khăn, kiến nghị), editable while the server offers "save", and a button for each step the
// server lists in `steps`: Lưu, Nộp báo cáo, Trả lại and Mở khóa (each with a required comment),
// Duyệt. Every step sends the version read; a 409 stale_version (someone else acted meanwhile)
// or invalid_transition says so and offers to reload. Then the history with its comments.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, networkError } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage, TextAreaField } from '../components/form-fields';
import { Link } from '../components/link';
import { fieldErrors } from '../forms';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang, type MessageKey } from '../i18n';
import { getReport, reportStep, saveReport, type Report, type Sections } from './api';
import { History, ValuesTable } from './report-parts';
import { periodLabel, roundHref, statusBadge, statusLabel } from './report';

type Step = 'save' | 'submit' | 'return' | 'approve' | 'unlock';
type Notice = { kind: 'done'; step: Step } | { kind: 'stale' } | { kind: 'transition' } | null;

const SECTIONS: readonly { name: keyof Sections; label: MessageKey }[] = [
  { name: 'results', label: 'reporting.section.results' },
  { name: 'difficulties', label: 'reporting.section.difficulties' },
  { name: 'proposals', label: 'reporting.section.proposals' },
];

const MAX_SECTION = 20000;
const MAX_COMMENT = 2000;

function sectionsOf(report: Report): Sections {
  return { results: report.results, difficulties: report.difficulties, proposals: report.proposals };
}

export function ReportPage({ id, unit, lang }: { id: string; unit: string; session: Session; lang: Lang }) {
  const loaded = useApi((signal) => getReport(id, unit, signal), [id, unit]);
  const [override, setOverride] = useState<Report | null>(null);
  const report = override && (!loaded.data || override.version >= loaded.data.version) ? override : loaded.data;
  const [draft, setDraft] = useState<Sections>({ results: '', difficulties: '', proposals: '' });
  const [isDirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<Step | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<'return' | 'unlock' | null>(null);
  const [comment, setComment] = useState('');
  const sending = useRef(false);
  const shownVersion = useRef(-1);
  usePageTitle(report ? t('reporting.reportTitle', { unit: report.unit_name || report.unit }) : t('reporting.title'));

  // A newer version from the server replaces the sections, unless the user is typing over them.
  useEffect(() => {
    if (!report || report.version === shownVersion.current) return;
    shownVersion.current = report.version;
    if (!isDirty) setDraft(sectionsOf(report));
  }, [report?.version]);

  if (loaded.error && !report) return <ErrorNotice error={loaded.error} lang={lang} onRetry={loaded.reload} />;
  if (!report) return <p class="loading">{t('app.loading')}</p>;

  const steps = report.steps;
  const mayEdit = steps.includes('save');
  const errors = { ...fieldErrors(failure, lang), ...local };

  function reload() {
    setOverride(null);
    setDirty(false);
    shownVersion.current = -1;
    setNotice(null);
    setFailure(null);
    loaded.reload();
  }

  async function run(step: Step, action: (current: Report) => Promise<Report>) {
    if (sending.current || !report) return;
    sending.current = true;
    setBusy(step);
    setNotice(null);
    setFailure(null);
    try {
      const next = await action(report);
      setOverride(next);
      setDirty(false);
      shownVersion.current = next.version;
      setDraft(sectionsOf(next));
      setAsking(null);
      setComment('');
      setNotice({ kind: 'done', step });
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : networkError();
      if (error.status === 409 && error.code === 'stale_version') setNotice({ kind: 'stale' });
      else if (error.status === 409 && error.code === 'invalid_transition') setNotice({ kind: 'transition' });
      else setFailure(error);
    } finally {
      sending.current = false;
      setBusy(null);
    }
  }

  function onSave(event: Event) {
    event.preventDefault();
    setLocal({});
    void run('save', (current) => saveReport(id, unit, current.version, draft));
  }

  function onSubmitReport() {
    setLocal({});
    if (mayEdit && draft.results.trim() === '') {
      setLocal({ results: t('reporting.error.resultsRequired') });
      document.getElementById('report-results')?.focus();
      return;
    }
    // What is typed goes with the report: saved first when it changed.
    void run('submit', async (current) => {
      const saved = isDirty ? await saveReport(id, unit, current.version, draft) : current;
      return reportStep(id, unit, 'submit', saved.version);
    });
  }

  function onConfirmComment(event: Event) {
    event.preventDefault();
    if (!asking) return;
    const text = comment.trim();
    if (!text) {
      setLocal({ comment: t('reporting.error.commentRequired') });
      document.getElementById('report-comment')?.focus();
      return;
    }
    setLocal({});
    const step = asking;
    void run(step, (current) => reportStep(id, unit, step, current.version, text));
  }

  const isFrozen = report.values_source === 'snapshot';
  const busyLabel = (step: Step, idle: MessageKey, working: MessageKey) => (busy === step ? t(working) : t(idle));
  return (
    <section class="page page--wide reporting reporting-report">
      <p class="back-link">
        <Link href={roundHref(id)}>{t('reporting.backToRound')}</Link>
      </p>
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('reporting.reportTitle', { unit: report.unit_name || report.unit })}
        </h1>
      </div>
      <dl class="reporting-facts">
        <div>
          <dt>{t('reporting.col.name')}</dt>
          <dd>{report.round_name}</dd>
        </div>
        <div>
          <dt>{t('reporting.facts.period')}</dt>
          <dd>{periodLabel(report.period)}</dd>
        </div>
        <div>
          <dt>{t('reporting.facts.due')}</dt>
          <dd>{formatDate(report.due_on, lang)}</dd>
        </div>
        <div>
          <dt>{t('reporting.col.status')}</dt>
          <dd>
            <span class={`${statusBadge(report.status, report.is_late)} reporting-status`}>{statusLabel(report.status, report.is_late)}</span>
          </dd>
        </div>
      </dl>

      {notice?.kind === 'done' && <FormMessage kind="success">{t(`reporting.done.${notice.step}`)}</FormMessage>}
      {(notice?.kind === 'stale' || notice?.kind === 'transition') && (
        <div class="notice notice--error reporting-conflict" role="alert">
          <p>{t(notice.kind === 'stale' ? 'reporting.stale' : 'reporting.invalidTransition')}</p>
          <button type="button" class="button" onClick={reload}>
            {t('reporting.reload')}
          </button>
        </div>
      )}
      {failure && !(failure.fields.length > 0 && failure.fields.every((f) => f.field in errors && ['results', 'difficulties', 'proposals', 'comment'].includes(f.field))) && (
        <ErrorNotice error={failure} lang={lang} />
      )}
      {report.status === 'returned' && report.return_comment && (
        <div class="notice notice--info reporting-returned" role="note">
          <p>{t('reporting.returnComment', { comment: report.return_comment })}</p>
        </div>
      )}

      <ValuesTable values={report.values} source={isFrozen ? 'snapshot' : 'live'} lang={lang} />

      <section class="reporting-sections" aria-labelledby="reporting-sections-title">
        <h2 id="reporting-sections-title" class="reporting-section-title">
          {t('reporting.sections')}
        </h2>
        {mayEdit ? (
          <form class="form" onSubmit={onSave} noValidate>
            {SECTIONS.map(({ name, label }) => (
              <TextAreaField
                key={name}
                id={`report-${name}`}
                label={t(label)}
                value={draft[name]}
                rows={name === 'results' ? 8 : 5}
                maxLength={MAX_SECTION}
                error={errors[name]}
                onInput={(value) => {
                  setDraft((d) => ({ ...d, [name]: value }));
                  setDirty(true);
                  if (local[name]) setLocal({});
                }}
              />
            ))}
            {isDirty && <p class="field__hint">{t('reporting.unsaved')}</p>}
            <div class="form__actions">
              <button type="submit" class="button" disabled={busy !== null}>
                {busyLabel('save', 'reporting.step.save', 'reporting.step.saving')}
              </button>
              {steps.includes('submit') && (
                <button type="button" class="button button--primary" disabled={busy !== null} onClick={onSubmitReport}>
                  {busyLabel('submit', 'reporting.step.submit', 'reporting.step.submitting')}
                </button>
              )}
            </div>
          </form>
        ) : (
          <div class="reporting-sections__read">
            {SECTIONS.map(({ name, label }) => (
              <div key={name} class="reporting-sections__item">
                <h3 class="reporting-subtitle">{t(label)}</h3>
                <p class={report[name] ? 'reporting-text' : 'reporting-text muted'}>{report[name] || t('reporting.section.empty')}</p>
              </div>
            ))}
          </div>
        )}
        {!mayEdit && steps.includes('submit') && (
          <div class="reporting-actions">
            <button type="button" class="button button--primary" disabled={busy !== null} onClick={onSubmitReport}>
              {busyLabel('submit', 'reporting.step.submit', 'reporting.step.submitting')}
            </button>
          </div>
        )}
      </section>

      {(steps.includes('approve') || steps.includes('return') || steps.includes('unlock')) && (
        <div class="reporting-decide">
          {asking === null && (
            <div class="reporting-actions">
              {steps.includes('approve') && (
                <button type="button" class="button button--primary" disabled={busy !== null} onClick={() => void run('approve', (current) => reportStep(id, unit, 'approve', current.version))}>
                  {busyLabel('approve', 'reporting.step.approve', 'reporting.step.approving')}
                </button>
              )}
              {steps.includes('return') && (
                <button type="button" class="button" disabled={busy !== null} onClick={() => setAsking('return')}>
                  {t('reporting.step.return')}
                </button>
              )}
              {steps.includes('unlock') && (
                <button type="button" class="button" disabled={busy !== null} onClick={() => setAsking('unlock')}>
                  {t('reporting.step.unlock')}
                </button>
              )}
            </div>
          )}
          {asking !== null && (
            <form class="form card reporting-comment" onSubmit={onConfirmComment} noValidate>
              <TextAreaField
                id="report-comment"
                label={t(`reporting.commentLabel.${asking}`)}
                value={comment}
                rows={3}
                maxLength={MAX_COMMENT}
                required
                error={errors.comment}
                onInput={(value) => {
                  setComment(value);
                  if (local.comment) setLocal({});
                }}
              />
              <div class="form__actions">
                <button type="submit" class={asking === 'return' ? 'button button--danger' : 'button button--primary'} disabled={busy !== null}>
                  {busy === asking ? t('reporting.step.working') : t(`reporting.confirm.${asking}`)}
                </button>
                <button
                  type="button"
                  class="button"
                  onClick={() => {
                    setAsking(null);
                    setComment('');
                    setLocal({});
                  }}
                >
                  {t('reporting.cancel')}
                </button>
              </div>
            </form>
          )}
        </div>
      )}

      <History events={report.history} lang={lang} />
    </section>
  );
}
