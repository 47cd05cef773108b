// /report-rounds/<id>: one reporting round: who runs it, the period, the due date and the
// completeness summary; a table of the units whose reports the user reads, with each report's
// status in words ("Đã nộp trễ hạn", "Bị trả lại"…) and "Quá hạn" for one past the due date and
// never submitted, each unit a link to its report; then the consolidated documents.

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage } from '../components/form-fields';
import { Link } from '../components/link';
import { takeFlash } from '../flash';
import { formatDateTime } from '../format';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { getRound } from './api';
import { DocumentsPanel } from './documents-panel';
import { ROUNDS_PATH, canCreateRounds, completenessText, isOverdue, kindLabel, periodLabel, reportHref, roundHref, statusBadge, statusLabel, vietnamToday } from './report';

export function RoundPage({ id, session, lang }: { id: string; session: Session; lang: Lang }) {
  const loaded = useApi((signal) => getRound(id, signal), [id]);
  const [flash] = useState(() => takeFlash(roundHref(id)));
  const round = loaded.data;
  usePageTitle(round ? round.name : t('reporting.title'));

  if (loaded.error) return <ErrorNotice error={loaded.error} lang={lang} onRetry={loaded.reload} />;
  if (!round) return <p class="loading">{t('app.loading')}</p>;

  const today = vietnamToday();
  // Those who run the round (its unit's province officers) make the consolidated documents.
  const mayCreate = canCreateRounds(session.user.role) && session.user.unit_code === round.unit;
  return (
    <section class="page page--wide reporting">
      <p class="back-link">
        <Link href={ROUNDS_PATH}>{t('reporting.back')}</Link>
      </p>
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {round.name}
        </h1>
      </div>
      {flash && <FormMessage kind="success">{t(flash)}</FormMessage>}
      <dl class="reporting-facts">
        <div>
          <dt>{t('reporting.facts.unit')}</dt>
          <dd>{round.unit_name || round.unit}</dd>
        </div>
        <div>
          <dt>{t('reporting.facts.period')}</dt>
          <dd>
            {kindLabel(round.kind)} · {periodLabel(round.period)} ({formatDate(round.from, lang)} – {formatDate(round.to, lang)})
          </dd>
        </div>
        <div>
          <dt>{t('reporting.facts.due')}</dt>
          <dd>{formatDate(round.due_on, lang)}</dd>
        </div>
        <div>
          <dt>{t('reporting.facts.progress')}</dt>
          <dd class="reporting-summary">{completenessText(round.counts)}</dd>
        </div>
      </dl>

      <h2 class="reporting-section-title">{t('reporting.completeness')}</h2>
      {round.reports.length === 0 ? (
        <p class="muted">{t('reporting.noUnits')}</p>
      ) : (
        <div class={loaded.isLoading ? 'table-wrap is-busy' : 'table-wrap'}>
          <table class="data-table reporting-table reporting-units">
            <caption class="visually-hidden">{t('reporting.completenessCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reporting.col.unit')}</th>
                <th scope="col">{t('reporting.col.status')}</th>
                <th scope="col">{t('reporting.col.submitted')}</th>
                <th scope="col">{t('reporting.col.approved')}</th>
              </tr>
            </thead>
            <tbody>
              {round.reports.map((report) => (
                <tr key={report.unit} data-unit={report.unit}>
                  <td data-label={t('reporting.col.unit')}>
                    <Link href={reportHref(round.id, report.unit)}>{report.unit_name || report.unit}</Link>
                  </td>
                  <td data-label={t('reporting.col.status')}>
                    <span class="badges">
                      <span class={statusBadge(report.status, report.is_late)}>{statusLabel(report.status, report.is_late)}</span>
                      {isOverdue(report.status, round.due_on, today) && <span class="badge badge--danger">{t('reporting.overdue')}</span>}
                    </span>
                  </td>
                  <td data-label={t('reporting.col.submitted')}>{report.first_submitted_at ? formatDateTime(report.first_submitted_at, lang) : '—'}</td>
                  <td data-label={t('reporting.col.approved')}>{report.approved_at ? formatDateTime(report.approved_at, lang) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <DocumentsPanel roundId={round.id} mayCreate={mayCreate} lang={lang} />
    </section>
  );
}
