// The tree at one unit: breadcrumb, a summary card (type, level, code, counts below) and the
// list of units directly below it. With no unit chosen it starts at the province, or lists the
// provinces when the store holds more than one.

import type { ComponentChildren } from 'preact';
import { getUnit, listUnits, type Unit, type UnitDetail } from '../api/units';
import { useApi } from '../hooks';
import { formatDate, formatNumber, t, unitTypeLabel, type Lang, type MessageKey } from '../i18n';
import { Breadcrumb } from './breadcrumb';
import { ErrorNotice } from './error-notice';
import { UnitRow } from './unit-row';

type TreeData = { kind: 'unit'; unit: UnitDetail } | { kind: 'provinces'; provinces: Unit[] };

async function loadTree(code: string | null, signal: AbortSignal): Promise<TreeData> {
  if (code) return { kind: 'unit', unit: await getUnit(code, signal) };
  const provinces = await listUnits({ level: 'province', limit: 1000 }, signal);
  const only = provinces.items.length === 1 ? provinces.items[0] : undefined;
  if (only) return { kind: 'unit', unit: await getUnit(only.code, signal) };
  return { kind: 'provinces', provinces: provinces.items };
}

const LEVEL_KEYS: Record<Unit['level'], MessageKey> = {
  province: 'level.province',
  district: 'level.district',
  commune: 'level.commune',
};

function Stat({ value, label }: { value: number; label: string }) {
  return (
    <li class="stat">
      <span class="stat__value">{formatNumber(value)}</span>
      <span class="stat__label">{label}</span>
    </li>
  );
}

/** Whether the type already says the level ("Tỉnh" is always "Cấp tỉnh"), so it need not be shown. */
function isLevelImplied(typeLabel: string, levelLabel: string): boolean {
  const type = typeLabel.toLocaleLowerCase();
  const level = levelLabel.toLocaleLowerCase();
  return level === type || level === `cấp ${type}`;
}

function UnitSummary({ unit, lang }: { unit: UnitDetail; lang: Lang }) {
  const districts = unit.counts.district ?? 0;
  const communes = unit.counts.commune ?? 0;
  const typeLabel = unitTypeLabel(unit.type, lang);
  const levelLabel = t(LEVEL_KEYS[unit.level]);
  return (
    <section class="card unit-summary" aria-labelledby="unit-name">
      <h2 id="unit-name" class="unit-summary__name">{unit.name}</h2>
      <p class="unit-summary__meta">
        <span class="chip">{typeLabel}</span>
        {!isLevelImplied(typeLabel, levelLabel) && <span>{levelLabel}</span>}
        <span class="unit-summary__code">{t('units.code', { code: unit.code })}</span>
      </p>
      {(districts > 0 || communes > 0) && (
        <ul class="stats">
          {districts > 0 && <Stat value={districts} label={t('stat.district', { n: districts })} />}
          {communes > 0 && <Stat value={communes} label={t('stat.commune', { n: communes })} />}
        </ul>
      )}
    </section>
  );
}

function UnitHistory({ unit, lang }: { unit: UnitDetail; lang: Lang }) {
  if (unit.history.length < 2) return null;
  return (
    <section class="unit-history">
      <h3 class="section-title">{t('units.history')}</h3>
      <ul class="unit-history__list">
        {unit.history.map((entry) => (
          <li key={entry.valid_from}>
            <span class="unit-history__name">{entry.name}</span>{' '}
            <span class="muted">
              {entry.valid_to
                ? t('units.validRange', { from: formatDate(entry.valid_from, lang), to: formatDate(entry.valid_to, lang) })
                : t('units.validFrom', { date: formatDate(entry.valid_from, lang) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function UnitList({ title, units, lang, isBusy }: { title: string; units: Unit[]; lang: Lang; isBusy: boolean }) {
  return (
    <section class="unit-children" aria-busy={isBusy}>
      <h3 class="section-title">
        {title} <span class="section-title__count">({formatNumber(units.length)})</span>
      </h3>
      <ul class="unit-list">
        {units.map((unit) => (
          <UnitRow key={unit.code} unit={unit} lang={lang} />
        ))}
      </ul>
    </section>
  );
}

function Loading({ children }: { children?: ComponentChildren }) {
  return (
    <p class="loading" role="status">
      {children ?? t('app.loading')}
    </p>
  );
}

export function UnitTree({ code, lang }: { code: string | null; lang: Lang }) {
  const tree = useApi((signal) => loadTree(code, signal), [code]);

  if (tree.error) return <ErrorNotice error={tree.error} lang={lang} onRetry={tree.reload} />;
  if (!tree.data) return <Loading />;

  const data = tree.data;
  if (data.kind === 'provinces') {
    if (data.provinces.length === 0) return <p class="notice">{t('units.noProvince')}</p>;
    return <UnitList title={t('units.provinces')} units={data.provinces} lang={lang} isBusy={tree.isLoading} />;
  }
  const unit = data.unit;
  return (
    <div class={tree.isLoading ? 'unit-tree is-busy' : 'unit-tree'}>
      {unit.path.length > 1 && <Breadcrumb path={unit.path} />}
      <UnitSummary unit={unit} lang={lang} />
      {unit.children.length > 0 ? (
        <UnitList title={t('units.children')} units={unit.children} lang={lang} isBusy={tree.isLoading} />
      ) : (
        <p class="muted unit-children__empty">{t('units.noChildren')}</p>
      )}
      <UnitHistory unit={unit} lang={lang} />
    </div>
  );
}
