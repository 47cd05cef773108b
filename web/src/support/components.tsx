// Pieces shared by the support pages: the area's own navigation (the peer groups and their
// summary included), the code lists they use, and the consent form (on the client page, and
// inline under a referral refused for want of consent).

import { useEffect, useState } from 'preact/hooks';
import type { RoleId } from '../api/auth';
import { canUseArea } from '../auth/guards';
import { ApiError, networkError } from '../api/client';
import { loadCodeList, type CodeItem } from '../api/records';
import { CheckGroupField, FormMessage, SaveCancel, SelectField, TextField } from '../components/form-fields';
import { Link } from '../components/link';
import { saveOffline, summaryOf } from '../offline/save';
import { t, type Lang } from '../i18n';
import { addConsent, type Consent, type ConsentPurpose, type ConsentRequest, type Provider } from './api';
import { GROUPS_LIST_PATH, GROUPS_SUMMARY_PATH, canReadSummary } from './groups';
import { CLIENTS_PATH, NEW_CLIENT_PATH, SUPPORT_PATH, eligibleWithin, isoDay, supportActions } from './support';

export type SupportTab = 'day' | 'clients' | 'new' | 'groups' | 'summary';

/** A caught error as the API's (a network failure otherwise). */
export function asApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : networkError();
}

/** The messages of an API error's fields, by field, in `lang`. */
export function fieldErrors(error: ApiError, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of error.fields) out[f.field] = error.fieldMessage(f.field, lang) ?? '';
  return out;
}

/** The codes of a code list (active ones, in order), or [] while they load. */
export function useCodeList(name: string): CodeItem[] {
  const [items, setItems] = useState<CodeItem[]>([]);
  useEffect(() => {
    let isCurrent = true;
    loadCodeList(name).then(
      (list) => {
        if (isCurrent) setItems(list.filter((item) => item.is_active));
      },
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [name]);
  return items;
}

export function codeLabel(items: readonly CodeItem[], code: string, lang: Lang): string {
  const item = items.find((i) => i.code === code);
  if (!item) return code;
  return (lang === 'vi' ? item.label_vi : item.label_en) || item.label_vi || code;
}

export function codeOptions(items: readonly CodeItem[], lang: Lang): { value: string; label: string }[] {
  return items.map((item) => ({ value: item.code, label: codeLabel(items, item.code, lang) }));
}

/**
 * "Ngày làm việc của tôi" · "Người được hỗ trợ" · "Đăng ký người mới" · "Nhóm đồng đẳng" ·
 * "Tổng hợp nhóm", as the role may use them.
 */
export function SupportTabs({ role, current }: { role: RoleId; current: SupportTab | null }) {
  const actions = supportActions(role);
  const tabs: { id: SupportTab; href: string; label: string }[] = [];
  if (actions.work) tabs.push({ id: 'day', href: SUPPORT_PATH, label: t('support.myDay') });
  if (actions.list) tabs.push({ id: 'clients', href: CLIENTS_PATH, label: t('support.clients') });
  if (actions.work) tabs.push({ id: 'new', href: NEW_CLIENT_PATH, label: t('support.register') });
  if (canUseArea(role, 'support')) tabs.push({ id: 'groups', href: GROUPS_LIST_PATH, label: t('groups.tab') });
  if (canReadSummary(role)) tabs.push({ id: 'summary', href: GROUPS_SUMMARY_PATH, label: t('groups.summaryTab') });
  if (tabs.length < 2) return null;
  return (
    <nav class="support-tabs" aria-label={t('support.areaNav')}>
      {tabs.map((tab) => (
        <Link key={tab.id} href={tab.href} class={tab.id === current ? 'support-tab is-current' : 'support-tab'} aria-current={tab.id === current ? 'page' : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

export interface ConsentFormProps {
  idPrefix: string;
  clientId: string;
  lang: Lang;
  /** The purpose, fixed (the referral's consent) or chosen in the form when left out. */
  purpose?: ConsentPurpose;
  /** For a referral consent: the provider and service, fixed when given. */
  providerId?: string;
  service?: string;
  providers: readonly Provider[];
  services: readonly CodeItem[];
  defaultNotice: string;
  onSaved: (consent: Consent) => void;
  onCancel: () => void;
}

export function ConsentForm(props: ConsentFormProps) {
  const { idPrefix, lang } = props;
  const methods = useCodeList('consent_method');
  const [purpose, setPurpose] = useState<ConsentPurpose>(props.purpose ?? 'record_keeping');
  const [providerId, setProviderId] = useState(props.providerId ?? '');
  const [service, setService] = useState(props.service ?? '');
  const [notice, setNotice] = useState(props.defaultNotice);
  const [method, setMethod] = useState('');
  const [givenOn, setGivenOn] = useState(isoDay(new Date()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [isQueued, setQueued] = useState(false);
  const chosenMethod = method || methods[0]?.code || '';

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isSaving) return;
    const found: Record<string, string> = {};
    if (!notice.trim()) found.notice_version = t('support.err.required', undefined, lang);
    if (!chosenMethod) found.method = t('support.err.required', undefined, lang);
    if (purpose === 'referral' && !providerId && !service) found.provider_id = t('support.consent.needScope', undefined, lang);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    const body: ConsentRequest = { purpose, notice_version: notice.trim(), method: chosenMethod, given_on: givenOn };
    if (purpose === 'referral') {
      if (providerId) body.provider_id = providerId;
      if (service) body.service = service;
    }
    setSaving(true);
    setQueued(false);
    try {
      props.onSaved(await addConsent(props.clientId, body));
    } catch (caught) {
      // No network: the consent waits in the outbox (offline/save.ts).
      if (await saveOffline(caught, { method: 'POST', path: `/api/clients/${encodeURIComponent(props.clientId)}/consents`, body, summary: summaryOf('offline.kind.consent', `${purpose} · ${body.given_on ?? ''}`) })) {
        setQueued(true);
        return;
      }
      const error = caught instanceof ApiError ? caught : networkError();
      setFailure(error);
      const fields: Record<string, string> = {};
      for (const f of error.fields) fields[f.field] = error.fieldMessage(f.field, lang) ?? '';
      setErrors(fields);
    } finally {
      setSaving(false);
    }
  }

  const purposes: ConsentPurpose[] = ['record_keeping', 'referral', 'contact'];
  return (
    <form class="form support-form card" onSubmit={(event) => void onSubmit(event)} noValidate>
      {props.purpose ? (
        <p class="support-form__fixed">
          <strong>{t('support.purpose')}:</strong> {t(`support.purpose.${props.purpose}`)}
        </p>
      ) : (
        <SelectField
          id={`${idPrefix}-purpose`}
          label={t('support.purpose')}
          value={purpose}
          onChange={(value) => setPurpose(value as ConsentPurpose)}
          options={purposes.map((p) => ({ value: p, label: t(`support.purpose.${p}`) }))}
        />
      )}
      {purpose === 'referral' && (
        <>
          <SelectField
            id={`${idPrefix}-provider`}
            label={t('support.consent.provider')}
            value={providerId}
            onChange={setProviderId}
            disabled={props.providerId !== undefined}
            hint={t('support.consent.scopeHint')}
            error={errors.provider_id}
            options={[{ value: '', label: t('support.consent.any') }, ...props.providers.map((p) => ({ value: p.id, label: p.name }))]}
          />
          <SelectField
            id={`${idPrefix}-service`}
            label={t('support.consent.service')}
            value={service}
            onChange={setService}
            disabled={props.service !== undefined}
            error={errors.service}
            options={[{ value: '', label: t('support.consent.any') }, ...codeOptions(props.services, lang)]}
          />
        </>
      )}
      <TextField
        id={`${idPrefix}-notice`}
        label={t('support.consent.notice')}
        value={notice}
        onInput={setNotice}
        hint={t('support.consent.noticeHint')}
        error={errors.notice_version}
        maxLength={40}
        isVerbatim
      />
      <SelectField
        id={`${idPrefix}-method`}
        label={t('support.consent.method')}
        value={chosenMethod}
        onChange={setMethod}
        error={errors.method}
        options={codeOptions(methods, lang)}
      />
      <TextField id={`${idPrefix}-given`} type="date" label={t('support.consent.givenOn')} value={givenOn} onInput={setGivenOn} error={errors.given_on} />
      {failure && <FormMessage kind="error">{failure.localized(lang)}</FormMessage>}
      {isQueued && <FormMessage kind="success">{t('offline.savedOnDevice')}</FormMessage>}
      <SaveCancel isSaving={isSaving} label={t('support.consent.save')} onCancel={props.onCancel} />
    </form>
  );
}

export interface CodesAndSubsetProps {
  id: string;
  label: string;
  values: readonly string[];
  error?: string;
  subsetId: string;
  subsetLabel: string;
  subsetHint: string;
  subset: readonly string[];
  subsetError?: string;
  options: readonly { value: string; label: string }[];
  /** The codes ticked and, among them, the subset (what is no longer ticked leaves the subset). */
  onChange: (values: string[], subset: string[]) => void;
}

/**
 * Codes ticked, then which of them apply (a person's needs and those they are eligible for; the
 * services offered and those accepted): the second list offers only the codes of the first.
 */
export function CodesAndSubset(props: CodesAndSubsetProps) {
  return (
    <>
      <CheckGroupField
        id={props.id}
        label={props.label}
        values={props.values}
        onChange={(next) => props.onChange(next, eligibleWithin(next, props.subset))}
        options={props.options}
        error={props.error}
      />
      {props.values.length > 0 && (
        <CheckGroupField
          id={props.subsetId}
          label={props.subsetLabel}
          values={props.subset}
          onChange={(next) => props.onChange([...props.values], next)}
          options={props.options.filter((o) => props.values.includes(o.value))}
          hint={props.subsetHint}
          error={props.subsetError}
        />
      )}
    </>
  );
}
