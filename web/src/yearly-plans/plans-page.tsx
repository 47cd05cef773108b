// /yearly-plans: the yearly plans the user makes or has tasks in (newest year first) with their
// document, status and progress ("2/5 hoàn thành, 1 quá hạn"); the officers of a unit draft a new
// plan of their own unit here. A link leads to the tasks assigned to the user's units.

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, networkError } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { fieldErrors } from '../forms';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { navigate } from '../router';
import { createPlan, listPlans } from './api';
import { canCreatePlans, countsParts, newPlanBody, planHref, type PlanForm } from './plan';

function NewPlanForm({ session, lang, onCancel }: { session: Session; lang: Lang; onCancel: () => void }) {
  const [form, setForm] = useState<PlanForm>({ unit: session.user.unit_code, year: String(new Date().getFullYear() + 1), title: '', documentNumber: '', documentDate: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);
  const errors = { ...fieldErrors(failure, lang), ...local };

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isBusy) return;
    setFailure(null);
    const { body, errors: found } = newPlanBody(form);
    setLocal(Object.fromEntries(Object.entries(found).map(([k, key]) => [k, t(key)])));
    if (!body) return;
    setBusy(true);
    try {
      const plan = await createPlan(body);
      navigate(planHref(plan.id));
    } catch (caught) {
      setFailure(caught instanceof ApiError ? caught : networkError());
      setBusy(false);
    }
  }

  return (
    <div class="card">
      <h2>{t('yp.new')}</h2>
      {failure && failure.fields.length === 0 && <ErrorNotice error={failure} lang={lang} />}
      <form class="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField id="yp-unit" label={t('yp.field.unit')} value={form.unit} onInput={(unit) => setForm({ ...form, unit })} error={errors.unit} inputMode="numeric" />
        <TextField id="yp-year" label={t('yp.field.year')} value={form.year} onInput={(year) => setForm({ ...form, year })} error={errors.year} inputMode="numeric" />
        <TextField id="yp-title" label={t('yp.field.title')} value={form.title} onInput={(title) => setForm({ ...form, title })} error={errors.title} />
        <TextField
          id="yp-number"
          label={t('yp.field.number')}
          hint={t('yp.field.numberHint')}
          value={form.documentNumber}
          onInput={(documentNumber) => setForm({ ...form, documentNumber })}
          error={errors.document_number}
        />
        <TextField id="yp-date" type="date" label={t('yp.field.date')} value={form.documentDate} onInput={(documentDate) => setForm({ ...form, documentDate })} error={errors.document_date} />
        <div class="form__actions">
          <button type="submit" class="button button--primary" disabled={isBusy}>
            {t('yp.create')}
          </button>
          <button type="button" class="button" onClick={onCancel}>
            {t('yp.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

export function YearlyPlansPage({ session, lang }: { session: Session; lang: Lang }) {
  usePageTitle(t('yp.title'));
  const list = useApi((signal) => listPlans(signal), []);
  const [isCreating, setCreating] = useState(false);
  const items = list.data?.items ?? [];
  const mayCreate = canCreatePlans(session.user.role);
  return (
    <section class="page page--wide yearly-plans">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('yp.title')}
        </h1>
        <div class="page__actions">
          <Link class="button" href="/yearly-plans/tasks">
            {t('yp.myTasks')}
          </Link>
          {mayCreate && !isCreating && (
            <button type="button" class="button button--primary" onClick={() => setCreating(true)}>
              {t('yp.new')}
            </button>
          )}
        </div>
      </div>
      <p class="muted">{t('yp.intro')}</p>
      {mayCreate && isCreating && <NewPlanForm session={session} lang={lang} onCancel={() => setCreating(false)} />}
      {list.error && <ErrorNotice error={list.error} lang={lang} onRetry={list.reload} />}
      {!list.error && !list.data && <p class="loading">{t('app.loading')}</p>}
      {!list.error && list.data && items.length === 0 && <p class="muted">{t('yp.none')}</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="data-table">
            <caption class="visually-hidden">{t('yp.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('yp.col.title')}</th>
                <th scope="col">{t('yp.col.year')}</th>
                <th scope="col">{t('yp.col.number')}</th>
                <th scope="col">{t('yp.col.unit')}</th>
                <th scope="col">{t('yp.col.status')}</th>
                <th scope="col">{t('yp.col.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((plan) => (
                <tr key={plan.id}>
                  <td>
                    <Link href={planHref(plan.id)}>{plan.title}</Link>
                  </td>
                  <td>{plan.year}</td>
                  <td>
                    {plan.document_number ?? '—'}
                    {plan.document_date ? ` (${formatDate(plan.document_date, lang)})` : ''}
                  </td>
                  <td>{plan.unit_name || plan.unit}</td>
                  <td>{t(`yp.status.${plan.status}`)}</td>
                  <td>{countsParts(plan.counts).map((p) => t(p.key, { n: p.n, total: p.total ?? 0 })).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
