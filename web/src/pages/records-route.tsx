// Every page under a record area (/communication…): it loads the kinds of record of the area's
// access resource (GET /api/record-types, once per page load), finds the kind the address names
// and hands it to the page of the view. An unknown kind is a "not found" with the area's kinds
// to choose from. The support area's kinds (peer groups) come under the support pages' tabs.

import type { Session } from '../api/auth';
import type { RecordType } from '../api/records';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/link';
import { RecordTypeSwitch } from '../components/record-type-nav';
import { ChevronIcon } from '../components/icons';
import { usePageTitle } from '../hooks';
import { t, type Lang } from '../i18n';
import { useRecordTypes } from '../lookups';
import { recordArea, typeHref } from '../records/paths';
import { labelOf, levelsLabel } from '../records/values';
import { NAV_ITEMS, type RecordsRoute } from '../router';
import { SupportTabs } from '../support/components';
import { NotFoundPage } from './not-found-page';
import { RecordFormPage } from './record-form-page';
import { RecordImportPage } from './record-import-page';
import { RecordListPage } from './record-list-page';
import { RecordPage } from './record-page';

export interface RecordsRouteProps {
  route: RecordsRoute;
  search: string;
  session: Session;
  lang: Lang;
}

function AreaHome({ base, types, title, lang }: { base: string; types: readonly RecordType[]; title: string; lang: Lang }) {
  usePageTitle(title);
  return (
    <section class="page page--wide">
      <h1 class="page__title" tabIndex={-1}>
        {title}
      </h1>
      <p class="page__intro muted">{t('records.intro')}</p>
      {types.length === 0 ? (
        <div class="card">
          <p class="muted">{t('records.typesNone')}</p>
        </div>
      ) : (
        <ul class="record-list">
          {types.map((type) => (
            <li key={type.path}>
              <Link href={typeHref(base, type.path)} class="record-row">
                <span class="record-row__main">
                  <span class="record-row__title">{labelOf(type, lang)}</span>
                  <span class="record-row__meta">{t('records.levels', { levels: levelsLabel(type.unit_levels, lang) })}</span>
                </span>
                <ChevronIcon class="record-row__chevron" />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function RecordsRoutePage({ route, search, session, lang }: RecordsRouteProps) {
  const area = recordArea(route.area);
  const types = useRecordTypes(area?.resources ?? []);
  const navItem = NAV_ITEMS.find((item) => item.area === route.area);
  const areaTitle = area?.label ? t(area.label) : navItem ? t(navItem.label) : '';
  if (!area) return <NotFoundPage />;
  // The peer groups live in the support area: its own tabs lead to the other support pages.
  const tabs =
    route.area === 'support' ? (
      <div class="records-tabs">
        <SupportTabs role={session.user.role} current="groups" />
      </div>
    ) : null;

  if (types.error) {
    return (
      <section class="page">
        <h1 class="page__title" tabIndex={-1}>
          {areaTitle}
        </h1>
        <ErrorNotice error={types.error} lang={lang} onRetry={types.reload} />
      </section>
    );
  }
  if (!types.data) return <p class="loading">{t('app.loading')}</p>;

  const all = types.data;
  if (route.view === 'home' || route.type === null) {
    return (
      <>
        {tabs}
        <AreaHome base={area.base} types={all} title={areaTitle} lang={lang} />
      </>
    );
  }

  const type = all.find((candidate) => candidate.path === route.type);
  const nav = (
    <>
      {tabs}
      <RecordTypeSwitch base={area.base} types={all} current={type ?? null} lang={lang} />
    </>
  );
  if (!type) {
    return (
      <>
        {nav}
        <section class="page">
          <h1 class="page__title" tabIndex={-1}>
            {t('records.typeNotFound')}
          </h1>
          <p>
            <Link href={area.base}>{areaTitle}</Link>
          </p>
        </section>
      </>
    );
  }

  const common = { base: area.base, type, types: all, session, lang };
  let page;
  switch (route.view) {
    case 'list':
      page = <RecordListPage key={type.path} {...common} search={search} />;
      break;
    case 'new':
      page = <RecordFormPage key={`new:${type.path}`} {...common} id={null} />;
      break;
    case 'edit':
      page = <RecordFormPage key={`edit:${type.path}:${route.id ?? ''}`} {...common} id={route.id} />;
      break;
    case 'import':
      page = <RecordImportPage key={type.path} {...common} />;
      break;
    case 'record':
      page = <RecordPage key={`${type.path}:${route.id ?? ''}`} {...common} id={route.id ?? ''} />;
      break;
  }
  return (
    <>
      {nav}
      {page}
    </>
  );
}
