// /yearly-plans/{id}: one yearly plan with the tasks the user sees (all of them to the issuing
// unit, those assigned to the user's units to an assignee): each with its deadline, linked targets,
// progress and an "Quá hạn" label when overdue. The issuing unit adds tasks and issues the draft;
// the assignee unit reports progress with evidence.

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, networkError } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage, TextAreaField, TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { fieldErrors } from '../forms';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { addTask, getPlan, issuePlan, type PlanTask, type YearlyPlanDetail } from './api';
import { countsParts, newTaskBody, sortTasks, type TaskForm } from './plan';
import { ProgressFormCard, TaskDetails, TaskState } from './task-parts';

const EMPTY_TASK: TaskForm = { title: '', description: '', assigneeUnit: '', leadAgency: '', cooperating: '', deadline: '', targets: '' };

function NewTaskForm({ plan, lang, onSaved }: { plan: YearlyPlanDetail; lang: Lang; onSaved: () => void }) {
  const [form, setForm] = useState<TaskForm>(EMPTY_TASK);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);
  const server = fieldErrors(failure, lang);
  for (const [name, message] of Object.entries(server)) if (name.startsWith('targets[')) server.targets ??= message;
  const errors = { ...server, ...local };

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isBusy) return;
    setFailure(null);
    const { body, errors: found } = newTaskBody(form);
    setLocal(Object.fromEntries(Object.entries(found).map(([k, key]) => [k, t(key)])));
    if (!body) return;
    setBusy(true);
    try {
      await addTask(plan.id, body);
      setForm(EMPTY_TASK);
      onSaved();
    } catch (caught) {
      setFailure(caught instanceof ApiError ? caught : networkError());
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="card">
      <h2>{t('yp.addTask')}</h2>
      {failure && failure.fields.length === 0 && <ErrorNotice error={failure} lang={lang} />}
      <form class="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField id="task-title" label={t('yp.field.taskTitle')} value={form.title} onInput={(title) => setForm({ ...form, title })} error={errors.title} />
        <TextAreaField id="task-description" label={t('yp.field.description')} value={form.description} onInput={(description) => setForm({ ...form, description })} rows={2} error={errors.description} />
        <TextField
          id="task-assignee"
          label={t('yp.field.assignee')}
          hint={t('yp.field.assigneeHint')}
          value={form.assigneeUnit}
          onInput={(assigneeUnit) => setForm({ ...form, assigneeUnit })}
          error={errors.assignee_unit}
          inputMode="numeric"
        />
        <TextField id="task-lead" label={t('yp.field.lead')} value={form.leadAgency} onInput={(leadAgency) => setForm({ ...form, leadAgency })} error={errors.lead_agency} />
        <TextAreaField
          id="task-cooperating"
          label={t('yp.field.cooperating')}
          hint={t('yp.field.cooperatingHint')}
          value={form.cooperating}
          onInput={(cooperating) => setForm({ ...form, cooperating })}
          rows={2}
          error={errors.cooperating}
        />
        <TextField id="task-deadline" type="date" label={t('yp.field.deadline')} value={form.deadline} onInput={(deadline) => setForm({ ...form, deadline })} error={errors.deadline} />
        <TextField id="task-targets" label={t('yp.field.targets')} hint={t('yp.field.targetsHint')} value={form.targets} onInput={(targets) => setForm({ ...form, targets })} error={errors.targets} />
        <button type="submit" class="button button--primary" disabled={isBusy}>
          {t('yp.saveTask')}
        </button>
      </form>
    </div>
  );
}

export function YearlyPlanPage({ id, lang }: { id: string; session: Session; lang: Lang }) {
  const plan = useApi((signal) => getPlan(id, signal), [id]);
  const [issueError, setIssueError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reporting, setReporting] = useState<string | null>(null);
  usePageTitle(plan.data?.title ?? t('yp.title'));
  const p = plan.data;

  async function onIssue() {
    if (!p) return;
    setIssueError(null);
    try {
      await issuePlan(p.id, p.version);
      setNotice(t('yp.issued'));
      plan.reload();
    } catch (caught) {
      setIssueError(caught instanceof ApiError ? caught : networkError());
    }
  }

  function onReported(_task: PlanTask) {
    setReporting(null);
    setNotice(t('yp.reported'));
    plan.reload();
  }

  return (
    <section class="page page--wide yearly-plans">
      <p>
        <Link href="/yearly-plans">{t('yp.title')}</Link>
      </p>
      {plan.error && <ErrorNotice error={plan.error} lang={lang} onRetry={plan.reload} />}
      {!plan.error && !p && <p class="loading">{t('app.loading')}</p>}
      {p && (
        <>
          <div class="page__head">
            <h1 class="page__title" tabIndex={-1}>
              {p.title}
            </h1>
            {p.steps.includes('issue') && (
              <div class="page__actions">
                <button type="button" class="button button--primary" onClick={() => void onIssue()}>
                  {t('yp.issue')}
                </button>
              </div>
            )}
          </div>
          <dl class="yp-header">
            <dt>{t('yp.col.number')}</dt>
            <dd>
              {p.document_number ?? '—'}
              {p.document_date ? ` (${formatDate(p.document_date, lang)})` : ''}
            </dd>
            <dt>{t('yp.col.unit')}</dt>
            <dd>{p.unit_name || p.unit}</dd>
            <dt>{t('yp.col.year')}</dt>
            <dd>{p.year}</dd>
            <dt>{t('yp.col.status')}</dt>
            <dd class="yp-status">{t(`yp.status.${p.status}`)}</dd>
            <dt>{t('yp.col.progress')}</dt>
            <dd>{countsParts(p.counts).map((c) => t(c.key, { n: c.n, total: c.total ?? 0 })).join(', ')}</dd>
          </dl>
          {notice && <FormMessage kind="success">{notice}</FormMessage>}
          {issueError && <ErrorNotice error={issueError} lang={lang} />}
          {p.tasks.length === 0 ? (
            <p class="muted">{t('yp.noTasks')}</p>
          ) : (
            <div class="table-wrap">
              <table class="data-table yp-tasks">
                <caption class="visually-hidden">{t('yp.tasksCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('yp.col.task')}</th>
                    <th scope="col">{t('yp.col.assignee')}</th>
                    <th scope="col">{t('yp.col.deadline')}</th>
                    <th scope="col">{t('yp.col.targets')}</th>
                    <th scope="col">{t('yp.col.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sortTasks(p.tasks).map((task) => (
                    <tr key={task.id} class={task.is_overdue ? 'yp-task is-overdue' : 'yp-task'} data-task={task.id}>
                      <td>
                        <strong>{task.title}</strong>
                        <TaskDetails task={task} />
                        {task.steps.includes('progress') &&
                          (reporting === task.id ? (
                            <ProgressFormCard task={task} lang={lang} onSaved={onReported} />
                          ) : (
                            <button type="button" class="button" onClick={() => setReporting(task.id)}>
                              {t('yp.report')}
                            </button>
                          ))}
                      </td>
                      <td>{task.assignee_unit_name || task.assignee_unit}</td>
                      <td>{formatDate(task.deadline, lang)}</td>
                      <td>{task.targets.join(', ')}</td>
                      <td>
                        <TaskState task={task} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {p.steps.includes('add_task') && <NewTaskForm plan={p} lang={lang} onSaved={plan.reload} />}
        </>
      )}
    </section>
  );
}
