// /yearly-plans/tasks: the tasks of issued plans assigned to the user's unit and the units below it
// (and, to an issuing unit, its plans' tasks), overdue first; "Chỉ nhiệm vụ quá hạn" narrows to the
// overdue ones. The assignee reports progress with evidence from here.

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ErrorNotice } from '../components/error-notice';
import { CheckboxField, FormMessage } from '../components/form-fields';
import { Link } from '../components/link';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { listTasks } from './api';
import { planHref, sortTasks } from './plan';
import { ProgressFormCard, TaskDetails, TaskState } from './task-parts';

export function MyTasksPage({ lang }: { session: Session; lang: Lang }) {
  usePageTitle(t('yp.myTasks'));
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [reporting, setReporting] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useApi((signal) => listTasks(onlyOverdue ? { overdue: true } : {}, signal), [onlyOverdue]);
  const items = sortTasks(list.data?.items ?? []);
  return (
    <section class="page page--wide yearly-plans">
      <p>
        <Link href="/yearly-plans">{t('yp.title')}</Link>
      </p>
      <h1 class="page__title" tabIndex={-1}>
        {t('yp.myTasks')}
      </h1>
      <p class="muted">{t('yp.myTasksIntro')}</p>
      <CheckboxField id="yp-only-overdue" label={t('yp.onlyOverdue')} checked={onlyOverdue} onChange={setOnlyOverdue} />
      {notice && <FormMessage kind="success">{notice}</FormMessage>}
      {list.error && <ErrorNotice error={list.error} lang={lang} onRetry={list.reload} />}
      {!list.error && !list.data && <p class="loading">{t('app.loading')}</p>}
      {!list.error && list.data && items.length === 0 && <p class="muted">{t('yp.noTasks')}</p>}
      <ul class="yp-task-list">
        {items.map((task) => (
          <li key={task.id} class={task.is_overdue ? 'card yp-task is-overdue' : 'card yp-task'} data-task={task.id}>
            <h2 class="yp-task__title">{task.title}</h2>
            <p>
              <TaskState task={task} /> · {t('yp.col.deadline')}: {formatDate(task.deadline, lang)} · {task.assignee_unit_name || task.assignee_unit}
            </p>
            <p class="muted">
              <Link href={planHref(task.plan)}>{task.plan_number ? t('yp.plan', { number: task.plan_number }) : task.plan_title}</Link>
              {task.plan_unit_name ? ` — ${task.plan_unit_name}` : ''}
              {task.targets.length > 0 ? ` — ${t('yp.col.targets')}: ${task.targets.join(', ')}` : ''}
            </p>
            <TaskDetails task={task} />
            {task.steps.includes('progress') &&
              (reporting === task.id ? (
                <ProgressFormCard
                  task={task}
                  lang={lang}
                  onSaved={() => {
                    setReporting(null);
                    setNotice(t('yp.reported'));
                    list.reload();
                  }}
                />
              ) : (
                <button type="button" class="button" onClick={() => setReporting(task.id)}>
                  {t('yp.report')}
                </button>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
