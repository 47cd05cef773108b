// The likely duplicates of a record being created (an establishment already stored under the same
// registration number, or a nearly identical name and address in the commune): each by its title,
// a link opening it in a new tab (the form keeps what was typed), its other compared fields, unit,
// date and what matched; then the box "Đây là cơ sở khác, vẫn lưu", which makes the next save
// send `confirm_not_duplicate`.

import { useEffect, useRef } from 'preact/hooks';
import { DUPLICATE_FIELDS, DUPLICATES_PATH, type DuplicateCandidate, type RecordType } from '../api/records';
import { formatDate, t, type Lang } from '../i18n';
import { recordHref } from '../records/paths';
import { labelOf, matchedOnText, recordTitle, titleField } from '../records/values';
import { CheckboxField } from './form-fields';

export interface DuplicatePanelProps {
  base: string;
  type: RecordType;
  candidates: readonly DuplicateCandidate[];
  /** Unit code → name, for the candidates' units. */
  names: Record<string, string>;
  isConfirmed: boolean;
  onConfirm: (isConfirmed: boolean) => void;
  /** Changes when the panel should take the focus (after a refused save). */
  focusTick: number;
  lang: Lang;
}

export function DuplicatePanel({ base, type, candidates, names, isConfirmed, onConfirm, focusTick, lang }: DuplicatePanelProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTick > 0) heading.current?.focus();
  }, [focusTick]);
  const isEstablishment = type.path === DUPLICATES_PATH;
  const main = titleField(type);
  const shown = type.fields.filter((f) => f !== main && DUPLICATE_FIELDS.includes(f.name));
  return (
    <section class="duplicates" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title" class="duplicates__title" tabIndex={-1} ref={heading}>
        {t(isEstablishment ? 'records.duplicates.title' : 'records.duplicates.titleGeneric', undefined, lang)}
      </h2>
      <p class="duplicates__intro">{t('records.duplicates.intro', undefined, lang)}</p>
      <ul class="duplicates__list">
        {candidates.map((candidate) => {
          const matched = matchedOnText(type, candidate.matched_on, lang);
          return (
            <li class="duplicate" key={candidate.id}>
              <a class="duplicate__name" href={recordHref(base, type.path, candidate.id)} target="_blank" rel="noopener">
                {recordTitle(type, candidate, lang)}
                <span class="visually-hidden"> {t('records.duplicates.newTab', undefined, lang)}</span>
              </a>
              <dl class="duplicate__facts">
                {shown.map((field) => {
                  const value = candidate[field.name];
                  if (typeof value !== 'string' || !value) return null;
                  return (
                    <div class="duplicate__fact" key={field.name}>
                      <dt>{labelOf(field, lang)}:</dt> <dd class="break">{value}</dd>
                    </div>
                  );
                })}
              </dl>
              <p class="duplicate__meta">
                {names[candidate.unit] ?? candidate.unit} · {formatDate(candidate.date, lang)}
                {matched && <> · {t('records.duplicates.matched', { fields: matched }, lang)}</>}
              </p>
            </li>
          );
        })}
      </ul>
      <CheckboxField
        id="rec-confirm-not-duplicate"
        label={t(isEstablishment ? 'records.duplicates.confirm' : 'records.duplicates.confirmGeneric', undefined, lang)}
        checked={isConfirmed}
        onChange={onConfirm}
      />
    </section>
  );
}
