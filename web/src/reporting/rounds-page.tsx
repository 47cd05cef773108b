// /report-rounds: the reporting rounds the user runs or reports in (newest period first) with
// their kind, period, due date and completeness ("5/8 đã nộp, 2 trễ hạn, 1 chưa nộp"); province
// officers start a new one with "Tạo đợt báo cáo".

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/link';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { listRounds } from './api';
import { RoundNewForm } from './round-new-form';
import { canCreateRounds, completenessParts, completenessText, kindLabel, periodLabel, roundHref } from './report';

export function RoundsPage({ session, lang }: { session: Session; lang: Lang }) {
  usePageTitle(t('reporting.title'));
  const list = useApi((signal) => listRounds(signal), []);
  const [isCreating, setCreating] = useState(false);
  const items = list.data?.items ?? [];
  const mayCreate = canCreateRounds(session.user.role);

  return (
    <section class="page page--wide reporting">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('reporting.title')}
        </h1>
        {mayCreate && !isCreating && (
          <div class="page__actions">
            <button type="button" class="button button--primary" onClick={() => setCreating(true)}>
              {t('reporting.new')}
            </button>
          </div>
        )}
      </div>
      <p class="muted">{t('reporting.intro')}</p>
      {mayCreate && isCreating && <RoundNewForm session={session} lang={lang} onCancel={() => setCreating(false)} />}
      {list.error && <ErrorNotice error={list.error} lang={lang} onRetry={list.reload} />}
      {!list.error && !list.data && <p class="loading">{t('app.loading')}</p>}
      {!list.error && list.data && items.length === 0 && (
        <div class="card">
          <p class="muted">{t('reporting.none')}</p>
        </div>
      )}
      {!list.error && items.length > 0 && (
        <div class={list.isLoading ? 'table-wrap is-busy' : 'table-wrap'}>
          <table class="data-table reporting-table">
            <caption class="visually-hidden">{t('reporting.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reporting.col.name')}</th>
                <th scope="col">{t('reporting.col.kind')}</th>
                <th scope="col">{t('reporting.col.period')}</th>
                <th scope="col">{t('reporting.col.due')}</th>
                <th scope="col">{t('reporting.col.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((round) => {
                const parts = completenessParts(round.counts);
                return (
                  <tr key={round.id}>
                    <td data-label={t('reporting.col.name')}>
                      <Link href={roundHref(round.id)}>{round.name || periodLabel(round.period)}</Link>
                    </td>
                    <td data-label={t('reporting.col.kind')}>{kindLabel(round.kind)}</td>
                    <td data-label={t('reporting.col.period')}>{periodLabel(round.period)}</td>
                    <td data-label={t('reporting.col.due')}>{formatDate(round.due_on, lang)}</td>
                    <td data-label={t('reporting.col.progress')}>
                      <span class={parts.overdue > 0 ? 'reporting-progress reporting-progress--overdue' : 'reporting-progress'}>{completenessText(round.counts)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
