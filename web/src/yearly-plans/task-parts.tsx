// What the yearly plan pages share: a task's state (its progress and an "Quá hạn" label, never a
// colour alone), its details, and the assignee's progress form.

import { useState } from 'preact/hooks';
import { ApiError, networkError } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { SelectField, TextAreaField, TextField } from '../components/form-fields';
import { fieldErrors } from '../forms';
import { formatDate, t, type Lang } from '../i18n';
import { reportProgress, type PlanTask, type Progress } from './api';
import { PROGRESS_VALUES, progressBody, progressKey, vietnamDay, type ProgressForm } from './plan';

export function TaskState({ task }: { task: Pick<PlanTask, 'progress' | 'is_overdue'> }) {
  return (
    <span class="yp-state">
      <span class={`yp-progress yp-progress--${task.progress}`}>{t(progressKey(task.progress))}</span>
      {task.is_overdue && <strong class="yp-overdue"> · {t('yp.overdue')}</strong>}
    </span>
  );
}

export function TaskDetails({ task }: { task: PlanTask }) {
  return (
    <div class="yp-task__details">
      {task.description && <p>{task.description}</p>}
      {task.lead_agency && <p class="muted">{t('yp.lead', { name: task.lead_agency })}</p>}
      {task.cooperating.length > 0 && <p class="muted">{t('yp.cooperating', { names: task.cooperating.join(', ') })}</p>}
      {task.reports.length > 0 && (
        <details>
          <summary>{t('yp.history')}</summary>
          <ul>
            {task.reports.map((r) => (
              <li key={r.version}>
                {formatDate(vietnamDay(r.at))}: {t(progressKey(r.status))}
                {r.note ? ` — ${r.note}` : ''}
                {r.evidence ? ` — ${r.evidence}` : ''}
                {r.evidence_link && (
                  <>
                    {' '}
                    <a href={r.evidence_link} rel="noopener noreferrer" target="_blank">
                      {r.evidence_link}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** The assignee's progress form for one task; `onSaved` gets the task as stored. */
export function ProgressFormCard({ task, lang, onSaved }: { task: PlanTask; lang: Lang; onSaved: (task: PlanTask) => void }) {
  const [form, setForm] = useState<ProgressForm>({ status: task.progress === 'not_started' ? 'in_progress' : task.progress, note: '', evidence: '', evidenceLink: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);
  const errors = { ...fieldErrors(failure, lang), ...local };
  const id = (name: string) => `progress-${task.id}-${name}`;

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isBusy) return;
    setFailure(null);
    const { body, errors: found } = progressBody(form, task.version);
    setLocal(Object.fromEntries(Object.entries(found).map(([k, key]) => [k, t(key)])));
    if (!body) return;
    setBusy(true);
    try {
      onSaved(await reportProgress(task.plan, task.id, body));
      setForm({ ...form, note: '', evidence: '', evidenceLink: '' });
    } catch (caught) {
      setFailure(caught instanceof ApiError ? caught : networkError());
    } finally {
      setBusy(false);
    }
  }

  const other = failure && failure.fields.length === 0 ? failure : null;
  return (
    <form class="form yp-progress-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('yp.report')}>
      {other && <ErrorNotice error={other} lang={lang} />}
      <SelectField
        id={id('status')}
        label={t('yp.field.status')}
        value={form.status}
        onChange={(value) => setForm({ ...form, status: value as Progress })}
        options={PROGRESS_VALUES.map((p) => ({ value: p, label: t(progressKey(p)) }))}
        error={errors.status}
      />
      <TextAreaField id={id('note')} label={t('yp.field.note')} value={form.note} onInput={(note) => setForm({ ...form, note })} rows={2} error={errors.note} />
      <TextAreaField
        id={id('evidence')}
        label={t('yp.field.evidence')}
        value={form.evidence}
        onInput={(evidence) => setForm({ ...form, evidence })}
        hint={t('yp.field.evidenceHint')}
        rows={2}
        error={errors.evidence}
      />
      <TextField id={id('link')} type="url" label={t('yp.field.link')} value={form.evidenceLink} onInput={(evidenceLink) => setForm({ ...form, evidenceLink })} error={errors.evidence_link} />
      <button type="submit" class="button button--primary" disabled={isBusy}>
        {t('yp.sendReport')}
      </button>
    </form>
  );
}
