// /inspection-plans/new (province officers): the unit, year, first month and the teams with
// their monthly capacities; "Đề xuất" asks the server for a proposal (district summary,
// shortfalls, the establishments by month with their reasons). Each proposed item may move to
// another month or team or be removed before "Lưu dự thảo" stores the draft and opens it.

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, networkError } from '../api/client';
import { FormMessage, SelectField, TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { UnitPicker } from '../components/unit-picker';
import { setFlash } from '../flash';
import { usePageTitle } from '../hooks';
import { formatNumber, t, type Lang } from '../i18n';
import { useUnitNames } from '../lookups';
import { createPlan, propose, type Proposal, type ProposalItem, type ProposalRequest } from '../plans/api';
import {
  MONTHS,
  PLANS_PATH,
  changeItem,
  groupByMonth,
  initialForm,
  monthsFrom,
  newTeam,
  planHref,
  reasonLabel,
  reasonTone,
  removeItem,
  serverErrors,
  toCreateRequest,
  toItemInput,
  toProposalRequest,
  validateForm,
  validateItems,
  type PlanErrors,
  type PlanForm,
  type TeamDraft,
} from '../plans/plan';
import { navigate } from '../router';

export interface InspectionPlanNewPageProps {
  session: Session;
  lang: Lang;
}

export function InspectionPlanNewPage({ session, lang }: InspectionPlanNewPageProps) {
  usePageTitle(t('plans.newTitle'));
  const [form, setForm] = useState<PlanForm>(() => initialForm(session.user.unit_code, new Date(), lang));
  const [errors, setErrors] = useState<PlanErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'propose' | 'save' | null>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [asked, setAsked] = useState<ProposalRequest | null>(null);
  const [items, setItems] = useState<ProposalItem[]>([]);
  const names = useUnitNames(form.unit ? [form.unit] : []);
  const isStale = asked !== null && JSON.stringify(asked) !== JSON.stringify(safeRequest(form));

  const edit = (change: Partial<PlanForm>) => setForm({ ...form, ...change });
  const editTeam = (index: number, change: Partial<TeamDraft>) =>
    edit({ teams: form.teams.map((team, i) => (i === index ? { ...team, ...change } : team)) });

  function fail(caught: unknown) {
    const error = caught instanceof ApiError ? caught : networkError();
    setFailure(error);
    setErrors(serverErrors(error.fields, lang));
  }

  async function onPropose(event: Event) {
    event.preventDefault();
    if (busy) return;
    const found = validateForm(form, lang);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    const request = toProposalRequest(form);
    setBusy('propose');
    try {
      const reply = await propose(request);
      setProposal(reply);
      setAsked(request);
      setItems(reply.items);
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(null);
    }
  }

  async function onSave() {
    if (busy || !asked) return;
    const found = validateItems(items.map(toItemInput), asked.first_month, asked.teams.map((team) => team.id), lang);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy('save');
    try {
      const plan = await createPlan(toCreateRequest(asked, items));
      setFlash(planHref(plan.id), 'plans.saved');
      navigate(planHref(plan.id));
    } catch (caught) {
      fail(caught);
      setBusy(null);
    }
  }

  const hasErrors = Object.keys(errors).length > 0;
  const teamIds = asked?.teams.map((team) => team.id) ?? [];
  const indexOf = (item: ProposalItem) => items.indexOf(item);

  return (
    <section class="page page--wide plans">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('plans.newTitle')}
        </h1>
        <div class="page__actions">
          <Link href={PLANS_PATH} class="button">
            {t('plans.back')}
          </Link>
        </div>
      </div>

      <form class="form plans-form" noValidate onSubmit={onPropose}>
        <h2 class="plans-section-title">{t('plans.setup')}</h2>
        <div class="plans-form__scope">
          <UnitPicker
            id="plan-unit"
            label={t('plans.planUnit')}
            value={form.unit ? { code: form.unit, name: names[form.unit] ?? form.unit } : null}
            onChange={(unit) => edit({ unit: unit?.code ?? '' })}
            levels={['province', 'district']}
            lang={lang}
            error={errors.unit}
          />
          <TextField id="plan-year" type="number" label={t('plans.year')} value={form.year} onInput={(year) => edit({ year })} min={2021} max={2100} error={errors.year} />
          <SelectField
            id="plan-first-month"
            label={t('plans.firstMonth')}
            value={form.firstMonth}
            onChange={(firstMonth) => edit({ firstMonth })}
            options={MONTHS.map((m) => ({ value: String(m), label: t('plans.month', { m }) }))}
            error={errors.first_month}
          />
        </div>

        <h2 class="plans-section-title">{t('plans.teams')}</h2>
        {errors.teams && <FormMessage kind="error">{errors.teams}</FormMessage>}
        {form.teams.map((team, i) => (
          <fieldset class="plans-team" key={i}>
            <legend class="plans-team__legend">{t('plans.teamLegend', { n: i + 1 })}</legend>
            <TextField id={`team-${i}-name`} label={t('plans.teamName')} value={team.name} onInput={(name) => editTeam(i, { name })} maxLength={100} error={errors[`teams[${i}].id`] ?? errors[`teams[${i}]`]} />
            <fieldset class="plans-capacity">
              <legend class="field__label">{t('plans.teamCapacity')}</legend>
              <div class="plans-capacity__grid">
                {team.capacity.map((value, m) => {
                  const error = errors[`teams[${i}].monthly_capacity[${m}]`];
                  return (
                    <label class={error ? 'plans-capacity__month field--invalid' : 'plans-capacity__month'} key={m} title={error}>
                      <span class="plans-capacity__label">{t('plans.monthShort', { m: m + 1 })}</span>
                      <input
                        class="input"
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={999}
                        value={value}
                        aria-label={`${team.name || t('plans.teamLegend', { n: i + 1 })}: ${t('plans.month', { m: m + 1 })}`}
                        aria-invalid={error ? true : undefined}
                        onInput={(event) => {
                          const text = event.currentTarget.value;
                          editTeam(i, { capacity: team.capacity.map((c, k) => (k === m ? text : c)) });
                        }}
                      />
                    </label>
                  );
                })}
              </div>
            </fieldset>
            <TextField
              id={`team-${i}-districts`}
              label={t('plans.teamDistricts')}
              hint={t('plans.teamDistrictsHint')}
              value={team.districts}
              onInput={(districts) => editTeam(i, { districts })}
              isVerbatim
              error={errors[`teams[${i}].districts`]}
            />
            {form.teams.length > 1 && (
              <button type="button" class="button" onClick={() => edit({ teams: form.teams.filter((_, k) => k !== i) })}>
                {t('plans.removeTeam')}
              </button>
            )}
          </fieldset>
        ))}
        <div class="plans-actions">
          <button type="button" class="button" onClick={() => edit({ teams: [...form.teams, newTeam(form.teams.length, lang)] })}>
            {t('plans.addTeam')}
          </button>
          <button type="submit" class="button button--primary" disabled={busy !== null}>
            {busy === 'propose' ? t('plans.proposing') : t('plans.propose')}
          </button>
        </div>
        {(failure || (hasErrors && !proposal)) && <FormMessage kind="error">{failure ? failure.localized(lang) : t('plans.err.fix')}</FormMessage>}
      </form>

      {proposal && asked && (
        <section class="plans-proposal" aria-labelledby="proposal-title">
          <h2 class="plans-section-title" id="proposal-title">
            {t('plans.proposal')}
          </h2>
          {isStale && <FormMessage kind="info">{t('plans.stale')}</FormMessage>}
          {proposal.is_feasible && proposal.shortfalls.length === 0 ? (
            <FormMessage kind="success">{t('plans.feasible')}</FormMessage>
          ) : (
            <div class="notice notice--warning plans-shortfalls" role="status">
              <p class="notice__title">{t('plans.infeasible')}</p>
              <ul>
                {proposal.shortfalls.map((s, k) => (
                  <li key={k}>{lang === 'vi' ? s.message_vi || s.message_en : s.message_en || s.message_vi}</li>
                ))}
              </ul>
            </div>
          )}
          <DistrictTable proposal={proposal} lang={lang} />

          <h3 class="plans-subtitle">{t('plans.itemsTitle', { n: items.length })}</h3>
          {items.length === 0 && <p class="muted">{t('plans.noItems')}</p>}
          {groupByMonth(items).map((group) => (
            <div class="plans-month" key={group.month}>
              <h4 class="plans-month__title">{t('plans.monthGroup', { m: group.month, n: group.items.length })}</h4>
              <ul class="plans-items">
                {group.items.map((item) => {
                  const i = indexOf(item);
                  const name = item.establishment_name;
                  const monthError = errors[`items[${i}].month`];
                  const teamError = errors[`items[${i}].team_id`];
                  return (
                    <li class="plans-item" key={item.establishment_id}>
                      <div class="plans-item__main">
                        <span class="plans-item__name">{name}</span>
                        <span class="muted plans-item__district">{item.district_name}</span>
                        <span class="badges">
                          {item.reasons.map((code) => (
                            <span key={code} class={`badge badge--${reasonTone(code)}`}>
                              {reasonLabel(code, lang)}
                            </span>
                          ))}
                        </span>
                      </div>
                      <div class="plans-item__edit">
                        <select
                          class="input select"
                          aria-label={t('plans.itemMonthLabel', { name })}
                          aria-invalid={monthError ? true : undefined}
                          title={monthError}
                          value={String(item.month)}
                          onChange={(event) => setItems(changeItem(items, item.establishment_id, { month: Number(event.currentTarget.value) }))}
                        >
                          {monthsFrom(asked.first_month).map((m) => (
                            <option key={m} value={String(m)}>
                              {t('plans.month', { m })}
                            </option>
                          ))}
                        </select>
                        <select
                          class="input select"
                          aria-label={t('plans.itemTeamLabel', { name })}
                          aria-invalid={teamError ? true : undefined}
                          title={teamError}
                          value={item.team_id}
                          onChange={(event) => setItems(changeItem(items, item.establishment_id, { team_id: event.currentTarget.value }))}
                        >
                          {(teamIds.includes(item.team_id) ? teamIds : [item.team_id, ...teamIds]).map((id) => (
                            <option key={id} value={id}>
                              {id}
                            </option>
                          ))}
                        </select>
                        <button type="button" class="button" aria-label={t('plans.removeItemLabel', { name })} onClick={() => setItems(removeItem(items, item.establishment_id))}>
                          {t('plans.removeItem')}
                        </button>
                      </div>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
          {hasErrors && proposal && <FormMessage kind="error">{failure ? failure.localized(lang) : t('plans.err.fix')}</FormMessage>}
          <div class="plans-actions">
            <button type="button" class="button button--primary" disabled={busy !== null} onClick={() => void onSave()}>
              {busy === 'save' ? t('plans.saving') : t('plans.saveDraft')}
            </button>
          </div>
        </section>
      )}
    </section>
  );
}

/** The request the form would send now, or null while it has errors. */
function safeRequest(form: PlanForm): ProposalRequest | null {
  return Object.keys(validateForm(form, 'vi')).length === 0 ? toProposalRequest(form) : null;
}

function DistrictTable({ proposal, lang }: { proposal: Proposal; lang: Lang }) {
  if (proposal.districts.length === 0) return null;
  const n = (value: number) => formatNumber(value, lang);
  return (
    <>
      <h3 class="plans-subtitle">{t('plans.districts')}</h3>
      <div class="table-wrap">
        <table class="data-table plans-districts">
          <caption class="visually-hidden">{t('plans.districtsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plans.col.district')}</th>
              <th scope="col">{t('plans.col.establishments')}</th>
              <th scope="col">{t('plans.col.inspected')}</th>
              <th scope="col">{t('plans.col.never')}</th>
              <th scope="col">{t('plans.col.requiredShare')}</th>
              <th scope="col">{t('plans.col.requiredNever')}</th>
              <th scope="col">{t('plans.col.planned')}</th>
            </tr>
          </thead>
          <tbody>
            {proposal.districts.map((d) => (
              <tr key={d.district}>
                <th scope="row" data-label={t('plans.col.district')}>
                  {d.district_name || d.district}
                </th>
                <td data-label={t('plans.col.establishments')}>{n(d.establishments)}</td>
                <td data-label={t('plans.col.inspected')}>{n(d.inspected_this_year)}</td>
                <td data-label={t('plans.col.never')}>{n(d.never_inspected)}</td>
                <td data-label={t('plans.col.requiredShare')}>{n(d.required_share)}</td>
                <td data-label={t('plans.col.requiredNever')}>{n(d.required_never)}</td>
                <td data-label={t('plans.col.planned')}>{n(d.planned)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
