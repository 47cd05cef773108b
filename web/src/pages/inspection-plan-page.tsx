// /inspection-plans/<id>: one plan, its establishments by month with their progress ("Đã kiểm
// tra", "Quá hạn", "Chưa đến hạn") and the totals; "Phê duyệt" for a draft (province officers,
// with the version read; a 409 reloads the plan), downloads as XLSX or CSV, and a layout for print.

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, networkError } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage } from '../components/form-fields';
import { Link } from '../components/link';
import { takeFlash } from '../flash';
import { formatDateTime } from '../format';
import { useApi, usePageTitle } from '../hooks';
import { t, type Lang, type MessageKey } from '../i18n';
import { useUnitNames } from '../lookups';
import { approvePlan, exportHref, getPlan, type StoredPlan } from '../plans/api';
import { PLANS_PATH, canWritePlans, groupByMonth, planHref, progressLabel, progressTone, progressTotals, reasonLabel, reasonTone } from '../plans/plan';

export interface InspectionPlanPageProps {
  id: string;
  session: Session;
  lang: Lang;
}

export function InspectionPlanPage({ id, session, lang }: InspectionPlanPageProps) {
  const loaded = useApi((signal) => getPlan(id, signal), [id]);
  const [override, setOverride] = useState<StoredPlan | null>(null);
  const [flash, setFlashState] = useState<MessageKey | null>(() => takeFlash(planHref(id)));
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isApproving, setApproving] = useState(false);
  const plan = override && loaded.data && override.version >= loaded.data.version ? override : loaded.data;
  const names = useUnitNames(plan ? [plan.unit] : []);
  usePageTitle(plan ? t('plans.planTitle', { year: String(plan.year) }) : t('plans.title'));

  async function onApprove() {
    if (!plan || isApproving) return;
    setApproving(true);
    setFailure(null);
    setFlashState(null);
    try {
      const approved = await approvePlan(plan.id, plan.version);
      setOverride(approved);
      setFlashState('plans.approved');
      loaded.reload();
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : networkError();
      if (error.status === 409) {
        setFlashState('plans.approveStale');
        loaded.reload();
      } else setFailure(error);
    } finally {
      setApproving(false);
    }
  }

  if (loaded.error) return <ErrorNotice error={loaded.error} lang={lang} onRetry={loaded.reload} />;
  if (!plan) return <p class="loading">{t('app.loading')}</p>;

  const totals = plan.progress ?? progressTotals(plan.items);
  const isDraft = plan.status === 'draft';

  return (
    <section class="page page--wide plans plan-sheet">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('plans.planTitle', { year: String(plan.year) })}
        </h1>
        <div class="page__actions no-print">
          <Link href={`${PLANS_PATH}?year=${plan.year}`} class="button">
            {t('plans.back')}
          </Link>
          <a class="button" href={exportHref(plan.id, 'xlsx')} download>
            {t('plans.downloadXlsx')}
          </a>
          <a class="button" href={exportHref(plan.id, 'csv')} download>
            {t('plans.downloadCsv')}
          </a>
          <button type="button" class="button" onClick={() => window.print()}>
            {t('plans.print')}
          </button>
          {isDraft && canWritePlans(session.user.role) && (
            <button type="button" class="button button--primary" disabled={isApproving} onClick={() => void onApprove()}>
              {isApproving ? t('plans.approving') : t('plans.approve')}
            </button>
          )}
        </div>
      </div>
      {flash && (
        <div class="no-print">
          <FormMessage kind={flash === 'plans.approveStale' ? 'info' : 'success'}>{t(flash)}</FormMessage>
        </div>
      )}
      {failure && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}

      <dl class="plans-facts">
        <div>
          <dt>{t('plans.unit')}</dt>
          <dd>{names[plan.unit] ?? plan.unit}</dd>
        </div>
        <div>
          <dt>{t('plans.status')}</dt>
          <dd>
            <span class={isDraft ? 'badge badge--warn' : 'badge badge--ok'}>{t(`plans.status.${plan.status}`)}</span>
            {plan.approved_at ? <span class="muted"> {t('plans.approvedBy', { at: formatDateTime(plan.approved_at, lang) })}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('plans.teams')}</dt>
          <dd>{plan.teams.map((team) => team.id).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('plans.version')}</dt>
          <dd>{plan.version}</dd>
        </div>
      </dl>
      <p class="plans-totals" role="status">
        {t('plans.totals', { n: plan.items.length, done: totals.done, overdue: totals.overdue, planned: totals.planned })}
      </p>

      {plan.items.length === 0 && <p class="muted">{t('plans.noItems')}</p>}
      {groupByMonth(plan.items).map((group) => (
        <div class="plans-month" key={group.month}>
          <h2 class="plans-month__title">{t('plans.monthGroup', { m: group.month, n: group.items.length })}</h2>
          <div class="table-wrap">
            <table class="data-table plans-table">
              <thead>
                <tr>
                  <th scope="col">{t('plans.col.establishment')}</th>
                  <th scope="col">{t('plans.col.district')}</th>
                  <th scope="col">{t('plans.col.team')}</th>
                  <th scope="col">{t('plans.col.reasons')}</th>
                  <th scope="col">{t('plans.col.progress')}</th>
                </tr>
              </thead>
              <tbody>
                {group.items.map((item) => (
                  <tr key={item.establishment_id}>
                    <td data-label={t('plans.col.establishment')}>{item.establishment_name || item.establishment_id}</td>
                    <td data-label={t('plans.col.district')}>{item.district_name || item.district}</td>
                    <td data-label={t('plans.col.team')}>{item.team_id}</td>
                    <td data-label={t('plans.col.reasons')}>
                      <span class="badges">
                        {(item.reasons ?? []).map((code) => (
                          <span key={code} class={`badge badge--${reasonTone(code)}`}>
                            {reasonLabel(code, lang)}
                          </span>
                        ))}
                      </span>
                    </td>
                    <td data-label={t('plans.col.progress')}>
                      <span class={`badge badge--${progressTone(item.progress)}`}>{progressLabel(item.progress, lang)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}
