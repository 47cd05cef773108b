// /tips/<id>: one tip: its facts with the deadline and a timeliness badge, the denouncer (intake
// officers only; "Nặc danh" for an anonymous tip), the steps the status allows and the role may
// run (each sends the version read; a 409 stale_version reloads the tip with a message), and the
// history of its steps.

import { useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { ApiError, networkError } from '../api/client';
import type { AssignableAccount } from '../api/records';
import { canReadDenouncer } from '../auth/guards';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage, SelectField, TextAreaField, TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { takeFlash } from '../flash';
import { formatDateTime } from '../format';
import { useApi, usePageTitle } from '../hooks';
import { formatDate, t, type Lang, type MessageKey } from '../i18n';
import { roleLabel, useRoles, useUnitNames } from '../lookups';
import { getDenouncer, getTip, runStep, tipHistory, type Denouncer, type Tip, type TipStep } from '../tips/api';
import { loadAssignable, useAssigneeNames, useDeadlineRules, useTipCodeLists, type TipCodeLists } from '../tips/lookups';
import {
  TIPS_PATH,
  allowedSteps,
  closeOutcomes,
  codeLabel,
  emptyStepDraft,
  serverErrors,
  statusLabel,
  stepLabel,
  timelinessLabel,
  timelinessTone,
  tipHref,
  toStepRequest,
  validateStep,
  type StepDraft,
  type TipErrors,
} from '../tips/tip';
import { shortId } from '../format';

export interface TipPageProps {
  id: string;
  session: Session;
  lang: Lang;
}

export function TipPage({ id, session, lang }: TipPageProps) {
  const loaded = useApi((signal) => getTip(id, signal), [id]);
  const [override, setOverride] = useState<Tip | null>(null);
  const [flash, setFlashState] = useState<MessageKey | null>(() => takeFlash(tipHref(id)));
  const [staleReason, setStaleReason] = useState<ApiError | null>(null);
  const tip = override && loaded.data && override.version >= loaded.data.version ? override : loaded.data;
  const history = useApi((signal) => tipHistory(id, signal), [id, tip?.version ?? 0]);
  const showDenouncer = canReadDenouncer(session.user.role);
  const denouncer = useApi((signal) => (showDenouncer ? getDenouncer(id, signal) : null), [id, showDenouncer]);
  const codes = useTipCodeLists();
  const names = useAssigneeNames(tip ? [tip.unit] : [], session);
  const unitNames = useUnitNames(tip ? [tip.unit] : []);
  usePageTitle(tip ? t('tips.tipTitle', { date: formatDate(tip.received_on, lang) }) : t('tips.title'));

  if (loaded.error) return <ErrorNotice error={loaded.error} lang={lang} onRetry={loaded.reload} />;
  if (!tip) return <p class="loading">{t('app.loading')}</p>;

  const who = (account: string | null | undefined) => (account ? names[account] ?? shortId(account) : '');
  const steps = allowedSteps(tip.status, session.user.role);

  return (
    <section class="page page--wide tips tip-sheet">
      <div class="page__head">
        <h1 class="page__title" tabIndex={-1}>
          {t('tips.tipTitle', { date: formatDate(tip.received_on, lang) })}
        </h1>
        <div class="page__actions">
          <Link href={TIPS_PATH} class="button">
            {t('tips.back')}
          </Link>
        </div>
      </div>
      {flash && (
        <FormMessage kind={flash === 'tips.step.stale' ? 'info' : 'success'}>
          {flash === 'tips.step.stale' && staleReason ? `${staleReason.localized(lang)} ` : ''}
          {t(flash)}
        </FormMessage>
      )}

      <div class="tip-layout">
        <div class="tip-layout__main">
          <dl class="facts tip-facts">
            <Fact label={t('tips.col.status')}>
              <span class="tip-status">{statusLabel(tip.status, lang)}</span>
            </Fact>
            <Fact label={t('tips.facts.deadline')}>
              <span class="tips-deadline">
                {tip.deadline ? formatDate(tip.deadline, lang) : ''}
                {tip.timeliness && <span class={`badge badge--${timelinessTone(tip.timeliness)}`}>{timelinessLabel(tip.timeliness, lang)}</span>}
                {tip.days_left !== null && (tip.timeliness === 'not_due' || tip.timeliness === 'due_soon') && <span class="muted">{t('tips.daysLeft', { n: tip.days_left })}</span>}
              </span>
              {tip.deadline_days !== null && (
                <span class="muted tip-facts__sub">
                  {t('tips.facts.deadlineDays', { days: tip.deadline_days })}
                  {tip.extended_days ? `; ${t('tips.facts.extended', { days: tip.extended_days })}` : ''}
                </span>
              )}
            </Fact>
            <Fact label={t('tips.col.received')}>{formatDateTime(tip.received_at, lang)}</Fact>
            <Fact label={t('tips.col.kind')}>{codeLabel(codes.kind, tip.kind, lang)}</Fact>
            <Fact label={t('tips.col.channel')}>{codeLabel(codes.channel, tip.channel, lang)}</Fact>
            <Fact label={t('tips.col.unit')}>{unitNames[tip.unit] ? `${unitNames[tip.unit]} (${tip.unit})` : tip.unit}</Fact>
            {tip.assignee && <Fact label={t('tips.col.assignee')}>{who(tip.assignee)}</Fact>}
            {tip.place && <Fact label={t('tips.facts.place')}>{tip.place}</Fact>}
            {tip.establishment_id && (
              <Fact label={t('tips.facts.establishment')}>
                <Link href={`/inspections/establishments/${encodeURIComponent(tip.establishment_id)}`}>{shortId(tip.establishment_id)}</Link>
              </Fact>
            )}
            {tip.outcome && <Fact label={t('tips.facts.outcome')}>{codeLabel(codes.outcome, tip.outcome, lang)}</Fact>}
            {tip.transferred_to && <Fact label={t('tips.facts.transferredTo')}>{tip.transferred_to}</Fact>}
            {tip.inspection_id && <Fact label={t('tips.facts.inspection')}>{tip.inspection_id}</Fact>}
            <Fact label={t('tips.facts.anonymous')}>{tip.is_anonymous ? t('tips.facts.yes') : t('tips.facts.no')}</Fact>
          </dl>
          <div class="card tip-content">
            <h2 class="tips-section-title">{t('tips.field.content')}</h2>
            <p class="tip-content__text">{tip.content}</p>
          </div>

          {showDenouncer && <DenouncerBlock tip={tip} state={denouncer} lang={lang} />}

          <StepActions
            tip={tip}
            steps={steps}
            codes={codes}
            lang={lang}
            onDone={(next) => {
              setOverride(next);
              setStaleReason(null);
              setFlashState('tips.step.done');
            }}
            onStale={(reason) => {
              setFlashState('tips.step.stale');
              setStaleReason(reason);
              setOverride(null);
              loaded.reload();
            }}
          />
        </div>

        <section class="card tip-history" aria-labelledby="tip-history-title">
          <h2 class="tips-section-title" id="tip-history-title">
            {t('tips.history.title')}
          </h2>
          {history.error && <ErrorNotice error={history.error} lang={lang} onRetry={history.reload} />}
          {history.data && history.data.length === 0 && <p class="muted">{t('tips.history.none')}</p>}
          {history.data && history.data.length > 0 && (
            <ol class="tip-timeline">
              {history.data.map((item) => (
                <li key={item.seq} class="tip-timeline__item">
                  <p class="tip-timeline__head">
                    <strong>{stepLabel(item.step, lang)}</strong> <span class="muted">{formatDateTime(item.changed_at, lang)}</span>
                  </p>
                  <p class="muted tip-timeline__by">{item.changed_by ? t('tips.history.by', { who: who(item.changed_by) }) : ''}</p>
                  {item.kind && item.step === 'classify' && <p>{codeLabel(codes.kind, item.kind, lang)}</p>}
                  {item.assignee && <p>→ {who(item.assignee)}</p>}
                  {item.outcome && <p>{codeLabel(codes.outcome, item.outcome, lang)}</p>}
                  {item.agency && <p>→ {item.agency}</p>}
                  {item.days !== null && item.days !== undefined && <p>{t('tips.history.days', { n: item.days })}</p>}
                  {item.note && <p class="tip-timeline__note">{item.note}</p>}
                  {item.legal_basis && <p class="muted tip-timeline__basis">{item.legal_basis}</p>}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div class="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function DenouncerBlock({ tip, state, lang }: { tip: Tip; state: { data: Denouncer | null; error: ApiError | null }; lang: Lang }) {
  const rows: [MessageKey, string | null | undefined][] = state.data
    ? [
        ['tips.denouncer.name', state.data.name],
        ['tips.denouncer.idNumber', state.data.id_number],
        ['tips.denouncer.address', state.data.address],
        ['tips.denouncer.phone', state.data.phone],
        ['tips.denouncer.email', state.data.email],
      ]
    : [];
  return (
    <section class="card tips-denouncer tips-denouncer--view" aria-labelledby="tip-denouncer-title">
      <h2 class="tips-section-title" id="tip-denouncer-title">
        {t('tips.denouncer.title')}
      </h2>
      {state.error?.status === 404 ? (
        <p>{tip.is_anonymous ? <span class="badge badge--plain">{t('tips.denouncer.anonymous')}</span> : t('tips.denouncer.none')}</p>
      ) : state.error ? (
        <FormMessage kind="error">{state.error.localized(lang)}</FormMessage>
      ) : !state.data ? (
        <p class="loading">{t('app.loading')}</p>
      ) : (
        <dl class="facts">
          {rows
            .filter(([, value]) => value)
            .map(([key, value]) => (
              <Fact key={key} label={t(key)}>
                {value}
              </Fact>
            ))}
        </dl>
      )}
      <p class="muted tips-denouncer__note">
        {t('tips.denouncer.note')} {t('tips.denouncer.audited')}
      </p>
    </section>
  );
}

interface StepActionsProps {
  tip: Tip;
  steps: TipStep[];
  codes: TipCodeLists;
  lang: Lang;
  onDone: (tip: Tip) => void;
  onStale: (reason: ApiError | null) => void;
}

function StepActions({ tip, steps, codes, lang, onDone, onStale }: StepActionsProps) {
  const [open, setOpen] = useState<TipStep | null>(null);
  const [draft, setDraft] = useState<StepDraft>(() => emptyStepDraft(tip.kind));
  const [errors, setErrors] = useState<TipErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isSending, setSending] = useState(false);
  const rules = useDeadlineRules();
  const rule = rules.find((r) => r.kind === tip.kind);
  const assignable = useApi(() => (open === 'assign' ? loadAssignable(tip.unit) : null), [open === 'assign', tip.unit]);
  const roles = useRoles(open === 'assign');
  const edit = (change: Partial<StepDraft>) => setDraft({ ...draft, ...change });

  function start(step: TipStep) {
    setOpen(step);
    setDraft(emptyStepDraft(tip.kind));
    setErrors({});
    setFailure(null);
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (!open || isSending) return;
    const found = validateStep(open, draft, lang, rule?.max_extension_days);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    try {
      const next = await runStep(tip.id, toStepRequest(open, tip.version, draft));
      setOpen(null);
      onDone(next);
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : networkError();
      // Another change came first: a newer version (stale_version), or a status this page had
      // not seen (invalid_transition). The tip is read again; the server's words are kept.
      if (error.status === 409 && (error.code === 'stale_version' || error.code === 'invalid_transition')) {
        setOpen(null);
        onStale(error.code === 'invalid_transition' ? error : null);
      } else {
        setFailure(error);
        setErrors(serverErrors(error.fields, lang));
      }
    } finally {
      setSending(false);
    }
  }

  const choose = { value: '', label: t('tips.field.choose') };
  const accounts: AssignableAccount[] = assignable.data ?? [];

  return (
    <section class="card tip-actions" aria-labelledby="tip-actions-title">
      <h2 class="tips-section-title" id="tip-actions-title">
        {t('tips.actions')}
      </h2>
      {steps.length === 0 && <p class="muted">{t('tips.actionsNone')}</p>}
      {steps.length > 0 && (
        <div class="tip-actions__buttons">
          {steps.map((step) => (
            <button key={step} type="button" class={open === step ? 'button button--primary' : 'button'} aria-expanded={open === step} onClick={() => start(step)}>
              {t(`tips.step.${step}`)}
            </button>
          ))}
        </div>
      )}
      {open && (
        <form class="form tip-step-form" noValidate onSubmit={onSubmit} aria-label={t(`tips.step.${open}`)}>
          {open === 'classify' && (
            <SelectField
              id="step-kind"
              label={t('tips.step.kind')}
              value={draft.kind}
              onChange={(kind) => edit({ kind })}
              options={[choose, ...codes.kind.filter((c) => c.is_active || c.code === tip.kind).map((c) => ({ value: c.code, label: codeLabel(codes.kind, c.code, lang) }))]}
              error={errors.kind}
            />
          )}
          {open === 'assign' &&
            (assignable.error ? (
              <TextField id="step-assignee" label={t('tips.step.assigneeId')} hint={t('tips.step.assigneeIdHint')} value={draft.assignee} onInput={(assignee) => edit({ assignee })} isVerbatim error={errors.assignee} />
            ) : (
              <SelectField
                id="step-assignee"
                label={t('tips.step.assignee')}
                value={draft.assignee}
                onChange={(assignee) => edit({ assignee })}
                options={[choose, ...accounts.map((a) => ({ value: a.id, label: `${a.display_name} · ${roleLabel(roles, a.role, lang)}` }))]}
                error={errors.assignee}
              />
            ))}
          {open === 'close' && (
            <SelectField
              id="step-outcome"
              label={t('tips.step.outcome')}
              value={draft.outcome}
              onChange={(outcome) => edit({ outcome })}
              options={[
                choose,
                ...closeOutcomes(
                  tip.status,
                  codes.outcome.filter((c) => c.is_active).map((c) => c.code),
                ).map((code) => ({ value: code, label: codeLabel(codes.outcome, code, lang) })),
              ]}
              error={errors.outcome}
            />
          )}
          {open === 'transfer' && <TextField id="step-agency" label={t('tips.step.agency')} value={draft.agency} onInput={(agency) => edit({ agency })} maxLength={300} error={errors.agency} />}
          {open === 'extend' && (
            <TextField
              id="step-days"
              type="number"
              label={t('tips.step.days')}
              hint={rule ? t('tips.step.daysHint', { max: rule.max_extension_days, basis: lang === 'vi' ? rule.legal_basis_vi : rule.legal_basis_en || rule.legal_basis_vi }) : undefined}
              value={draft.days}
              onInput={(days) => edit({ days })}
              min={1}
              max={rule?.max_extension_days}
              error={errors.days}
            />
          )}
          {open === 'handle' && (
            <TextField id="step-inspection" label={t('tips.step.inspectionId')} value={draft.inspectionId} onInput={(inspectionId) => edit({ inspectionId })} isVerbatim error={errors.inspection_id} />
          )}
          <TextAreaField
            id="step-note"
            label={t(open === 'handle' ? 'tips.step.handleNote' : open === 'extend' ? 'tips.step.reason' : 'tips.step.note')}
            value={draft.note}
            onInput={(note) => edit({ note })}
            maxLength={2000}
            rows={3}
            error={errors.note}
          />
          {failure && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}
          <div class="tips-actions">
            <button type="submit" class="button button--primary" disabled={isSending}>
              {isSending ? t('tips.step.sending') : `${t('tips.step.send')}: ${t(`tips.step.${open}`)}`}
            </button>
            <button type="button" class="button" onClick={() => setOpen(null)}>
              {t('tips.step.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
