// /inspection-plans: the yearly inspection plans of the user's scope, by year, with their status
// ("Dự thảo" / "Đã phê duyệt"); province officers start a new one with "Lập kế hoạch".

import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage } from '../components/form-fields';
import { Link } from '../components/link';
import { takeFlash } from '../flash';
import { formatDateTime } from '../format';
import { useApi, usePageTitle } from '../hooks';
import { t, type Lang } from '../i18n';
import { useUnitNames } from '../lookups';
import { listPlans } from '../plans/api';
import { MAX_YEAR, MIN_YEAR, NEW_PLAN_PATH, PLANS_PATH, canWritePlans, planHref, yearFromSearch } from '../plans/plan';
import { updateQuery } from '../router';

export interface InspectionPlansPageProps {
  search: string;
  session: Session;
  lang: Lang;
}

export function InspectionPlansPage({ search, session, lang }: InspectionPlansPageProps) {
  usePageTitle(t('plans.title'));
  const year = yearFromSearch(search, new Date());
  const [yearText, setYearText] = useState(String(year));
  const [flash] = useState(() => takeFlash(PLANS_PATH));
  useEffect(() => setYearText(String(year)), [year]);
  const list = useApi((signal) => listPlans({ year }, signal), [year]);
  const items = list.data?.items ?? [];
  const names = useUnitNames(items.map((plan) => plan.unit));
  const years: number[] = [];
  for (let y = Math.min(MAX_YEAR, new Date().getFullYear() + 1); y >= MIN_YEAR; y -= 1) years.push(y);

  return (
    <section class="page page--wide plans">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('plans.title')}
        </h1>
        {canWritePlans(session.user.role) && (
          <div class="page__actions">
            <Link href={NEW_PLAN_PATH} class="button button--primary">
              {t('plans.new')}
            </Link>
          </div>
        )}
      </div>
      <p class="muted">{t('plans.intro')}</p>
      {flash && <FormMessage kind="success">{t(flash)}</FormMessage>}
      <form
        class="plans-year"
        onSubmit={(event) => {
          event.preventDefault();
          updateQuery({ year: yearText }, { push: true });
        }}
      >
        <label class="field__label" for="plans-year">
          {t('plans.year')}
        </label>
        <select id="plans-year" class="input select" value={yearText} onChange={(event) => updateQuery({ year: event.currentTarget.value }, { push: true })}>
          {years.includes(year) ? null : <option value={String(year)}>{year}</option>}
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
      </form>
      {list.error && <ErrorNotice error={list.error} lang={lang} onRetry={list.reload} />}
      {!list.error && !list.data && <p class="loading">{t('app.loading')}</p>}
      {!list.error && list.data && items.length === 0 && (
        <div class="card">
          <p class="muted">{t('plans.none', { year: String(year) })}</p>
        </div>
      )}
      {!list.error && items.length > 0 && (
        <div class={list.isLoading ? 'table-wrap is-busy' : 'table-wrap'}>
          <table class="data-table plans-table">
            <caption class="visually-hidden">{t('plans.tableCaption', { year: String(year) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plans.unit')}</th>
                <th scope="col">{t('plans.year')}</th>
                <th scope="col">{t('plans.status')}</th>
                <th scope="col">{t('plans.itemsCount')}</th>
                <th scope="col">{t('plans.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((plan) => (
                <tr key={plan.id}>
                  <td data-label={t('plans.unit')}>
                    <Link href={planHref(plan.id)}>{names[plan.unit] ?? plan.unit}</Link>
                  </td>
                  <td data-label={t('plans.year')}>{plan.year}</td>
                  <td data-label={t('plans.status')}>
                    <span class={plan.status === 'approved' ? 'badge badge--ok' : 'badge badge--warn'}>{t(`plans.status.${plan.status}`)}</span>
                  </td>
                  <td data-label={t('plans.itemsCount')}>{plan.items}</td>
                  <td data-label={t('plans.updated')}>{plan.updated_at ? formatDateTime(plan.updated_at, lang) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
