// /units/changes (administrators): the reorganisations of the administrative tree. Three parts,
// top to bottom in the order of the work: load the new tree with its change rows, confirm the rows
// no source settles, and move the accounts of the units that closed. An import or a confirmation
// reloads the two lists below it.

import { useState } from 'preact/hooks';
import { Link } from '../components/link';
import { usePageTitle } from '../hooks';
import { t, type Lang } from '../i18n';
import { ClosedUnitAccounts } from '../units/closed-unit-accounts';
import { PendingChanges } from '../units/pending-changes';
import { TreeImportForm } from '../units/tree-import-form';

export function UnitChangesPage({ lang }: { lang: Lang }) {
  usePageTitle(t('unitChanges.title'));
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((n) => n + 1);
  return (
    <section class="page unit-changes-page">
      <p class="back-link">
        <Link href="/units">{t('nav.units')}</Link>
      </p>
      <h1 class="page__title" tabIndex={-1}>
        {t('unitChanges.title')}
      </h1>
      <p class="muted">{t('unitChanges.intro')}</p>
      <TreeImportForm lang={lang} onImported={bump} />
      <PendingChanges lang={lang} version={version} onConfirmed={bump} />
      <ClosedUnitAccounts lang={lang} version={version} />
    </section>
  );
}
