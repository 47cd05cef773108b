// Parts of a unit's report page: the table of the plan's targets for the unit and period (live,
// or as frozen at submission) and the history of the report's steps with their comments.

import { formatDateTime } from '../format';
import { t, type Lang } from '../i18n';
import type { ReportEvent, ReportValues } from './api';
import { countText, eventLabel, goalText, valueStatusLabel, valueText } from './report';

export function ValuesTable({ values, source, lang }: { values: ReportValues | null; source: 'live' | 'snapshot'; lang: Lang }) {
  const items = values?.items ?? [];
  return (
    <section class="reporting-values" aria-labelledby="reporting-values-title">
      <h2 id="reporting-values-title" class="reporting-section-title">
        {t('reporting.values')}
      </h2>
      <p class="muted">{t(source === 'snapshot' ? 'reporting.valuesSnapshot' : 'reporting.valuesLive')}</p>
      {items.length === 0 ? (
        <p class="muted">{t('reporting.valuesNone')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table reporting-table reporting-values__table" data-source={source}>
            <caption class="visually-hidden">{t('reporting.valuesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reporting.col.target')}</th>
                <th scope="col">{t('reporting.col.goal')}</th>
                <th scope="col">{t('reporting.col.value')}</th>
                <th scope="col">{t('reporting.col.count')}</th>
                <th scope="col">{t('reporting.col.valueStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.target} data-target={item.target}>
                  <td data-label={t('reporting.col.target')}>
                    <span class="reporting-values__id">{item.target}</span> {lang === 'vi' ? item.name_vi : item.name_en || item.name_vi}
                  </td>
                  <td data-label={t('reporting.col.goal')}>{goalText(item, lang)}</td>
                  <td data-label={t('reporting.col.value')} class="reporting-values__value">
                    {valueText(item, lang)}
                  </td>
                  <td data-label={t('reporting.col.count')}>{countText(item, lang)}</td>
                  <td data-label={t('reporting.col.valueStatus')}>
                    <span class={`status-badge status-badge--${item.status.replace('_', '-')}`}>{valueStatusLabel(item.status, lang)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function History({ events, lang }: { events: readonly ReportEvent[]; lang: Lang }) {
  return (
    <section class="reporting-history" aria-labelledby="reporting-history-title">
      <h2 id="reporting-history-title" class="reporting-section-title">
        {t('reporting.history')}
      </h2>
      {events.length === 0 ? (
        <p class="muted">{t('reporting.historyNone')}</p>
      ) : (
        <ol class="reporting-history__list">
          {[...events].reverse().map((event) => (
            <li key={event.version} class="reporting-history__item" data-action={event.action}>
              <p>
                <strong>{eventLabel(event.action, lang)}</strong> <span class="muted">· {formatDateTime(event.at, lang)} · {t('reporting.event.line', { version: event.version })}</span>
              </p>
              {event.comment && <blockquote class="reporting-history__comment">{event.comment}</blockquote>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
