// "Tình hình kiểm tra và mức độ rủi ro" on an establishment's page: GET
// /api/establishments/{id}/status?year= (this year unless another is chosen) says whether it was
// inspected in the year and ever since 2021, the years and the last date, violations in the last
// three years, open tips, and the risk level with its reasons. Only the enforcement world may read
// inspection history: a 403 or 404 (a support role, which reads the establishment itself) shows
// nothing at all.

import { useState } from 'preact/hooks';
import { getEstablishmentStatus } from '../api/establishment-status';
import { useApi } from '../hooks';
import { formatNumber, t, type Lang } from '../i18n';
import { isStatusRefused, lastInspectedText, reasonText, riskLabel, riskTone, statusYears, yearsText } from '../records/establishment-status';
import { ErrorNotice } from './error-notice';

export interface EstablishmentStatusPanelProps {
  id: string;
  /** Changes when the record does (a new version may change its status), so it is asked again. */
  version: number;
  lang: Lang;
}

export function EstablishmentStatusPanel({ id, version, lang }: EstablishmentStatusPanelProps) {
  const [years] = useState(() => statusYears(new Date()));
  const [year, setYear] = useState(years[0] ?? new Date().getFullYear());
  const status = useApi((signal) => getEstablishmentStatus(id, year, signal), [id, year, version]);
  if (isStatusRefused(status.error)) return null;
  const data = status.data;

  return (
    <section class="card card--section status-panel" aria-labelledby="status-title" aria-busy={status.isLoading}>
      <div class="status-panel__head">
        <h2 id="status-title" class="card__title">
          {t('records.status.title', undefined, lang)}
        </h2>
        <label class="status-panel__year">
          <span>{t('records.status.year', undefined, lang)}</span>
          <select class="input select" value={String(year)} onChange={(event) => setYear(Number(event.currentTarget.value))}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      {status.error && <ErrorNotice error={status.error} lang={lang} onRetry={status.reload} />}
      {!status.error && !data && <p class="loading">{t('app.loading', undefined, lang)}</p>}
      {!status.error && data && (
        <div class={status.isLoading ? 'is-busy' : undefined}>
          <p class="badges status-panel__badges">
            <span class={`badge badge--${data.is_inspected_this_year ? 'ok' : 'warn'}`}>
              {t(data.is_inspected_this_year ? 'records.status.inspected' : 'records.status.notInspected', undefined, lang)}
            </span>
            {data.is_closed && <span class="badge badge--plain">{t('records.status.closed', undefined, lang)}</span>}
          </p>
          <dl class="facts">
            <div class="facts__row">
              <dt>{t('records.status.ever', undefined, lang)}</dt>
              <dd>{t(data.is_ever_inspected ? 'records.status.everYes' : 'records.status.everNo', undefined, lang)}</dd>
            </div>
            <div class="facts__row">
              <dt>{t('records.status.years', undefined, lang)}</dt>
              <dd>{yearsText(data.inspected_years, lang)}</dd>
            </div>
            <div class="facts__row">
              <dt>{t('records.status.last', undefined, lang)}</dt>
              <dd>{lastInspectedText(data.last_inspected, lang)}</dd>
            </div>
            <div class="facts__row">
              <dt>{t('records.status.violations', undefined, lang)}</dt>
              <dd>{formatNumber(data.violations_recent, lang)}</dd>
            </div>
            <div class="facts__row">
              <dt>{t('records.status.openTips', undefined, lang)}</dt>
              <dd>{formatNumber(data.open_tips, lang)}</dd>
            </div>
            <div class="facts__row">
              <dt>{t('records.status.risk', undefined, lang)}</dt>
              <dd>
                <span class={`badge badge--${riskTone(data.risk_level)} status-risk`}>{riskLabel(data.risk_level, lang)}</span>{' '}
                <span class="muted">{t('records.status.riskScore', { n: data.risk_score }, lang)}</span>
              </dd>
            </div>
            <div class="facts__row">
              <dt>{t('records.status.reasons', undefined, lang)}</dt>
              <dd>
                {data.risk_reasons.length === 0 ? (
                  <span class="muted">{t('records.status.noReasons', undefined, lang)}</span>
                ) : (
                  <ul class="status-reasons">
                    {data.risk_reasons.map((reason) => (
                      <li key={reason.code}>{reasonText(reason, lang)}</li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
        </div>
      )}
    </section>
  );
}
