// The tree of units a view is on (issue 10). Ninh Bình's tree changed twice in 2025 (7 districts
// from 1 January, no district level from 1 July), so a period's figures can be shown on the tree
// of the period's own date ("Theo thời kỳ") or on a later version: the history of 2024 on the
// districts of 2025, say. A version that ended before the period did (before today, for a period
// still running) is refused by the server (422, field `tree`), so it is not offered. Without a choice in the address the server picks
// (today's tree, or the period's own for a unit closed since) and its reply says which.

import { formatDate, t, type Lang } from '../i18n';
import type { UnitVersion } from './api';
import { periodEnd, TREE_OF_PERIOD, type DashboardState } from './state';

export interface TreeChoice {
  value: string;
  label: string;
}

/**
 * Whether a version is still valid at the period's end, or `today` (YYYY-MM-DD) while the period
 * runs, and so may carry the period's figures.
 */
export function isVersionAllowed(version: Pick<UnitVersion, 'to'>, period: string, today: string): boolean {
  const end = periodEnd(period);
  if (version.to === null || end === null) return true;
  return version.to >= (end < today ? end : today);
}

/** "01/01/2025–30/06/2025 · 7 huyện, 125 xã"; "Từ 01/07/2025 · 129 xã (không còn cấp huyện)". */
export function versionLabel(version: UnitVersion, lang: Lang): string {
  const from = formatDate(version.from, lang);
  const when = version.to ? t('dashboard.tree.span', { from, to: formatDate(version.to, lang) }, lang) : t('dashboard.tree.since', { from }, lang);
  const districts = version.levels.district ?? 0;
  const communes = version.levels.commune ?? 0;
  const levels =
    districts > 0
      ? t('dashboard.tree.levels', { districts: String(districts), communes: String(communes) }, lang)
      : t('dashboard.tree.levelsNoDistrict', { communes: String(communes) }, lang);
  return `${when} · ${levels}`;
}

/**
 * The choices of the "Cây đơn vị" select: the period's own tree, then the versions that may carry
 * the period (oldest first), and the address's choice even when it may not (the server then says
 * why). Empty when there is only one version: nothing to choose.
 */
export function treeChoices(versions: readonly UnitVersion[], period: string, chosen: string | undefined, today: string, lang: Lang): TreeChoice[] {
  // `chosen` is the select's value: the address's choice or the version the server used.
  if (versions.length < 2) return [];
  const out: TreeChoice[] = [{ value: TREE_OF_PERIOD, label: t('dashboard.tree.period', undefined, lang) }];
  for (const version of versions) {
    if (isVersionAllowed(version, period, today) || version.from === chosen) out.push({ value: version.from, label: versionLabel(version, lang) });
  }
  if (chosen && !out.some((choice) => choice.value === chosen)) out.push({ value: chosen, label: formatDate(chosen, lang) });
  return out;
}

/**
 * The select's value: the address's choice, else the version the reply is on (`used`: the
 * server's default), else, until the reply comes, the version of `today` (that default for a unit
 * that still exists).
 */
export function treeChoice(state: Pick<DashboardState, 'tree'>, used: string | undefined, versions: readonly UnitVersion[], today: string): string {
  if (state.tree) return state.tree;
  if (used) return used;
  const current = versions.filter((v) => v.from <= today).slice(-1)[0];
  return current?.from ?? TREE_OF_PERIOD;
}

/**
 * The view after another period is chosen: a version that cannot carry the new period is dropped
 * (back to the server's default) rather than refused by the server.
 */
export function withPeriod(state: DashboardState, period: string, versions: readonly UnitVersion[], today: string): DashboardState {
  const next: DashboardState = { ...state, period };
  const version = versions.find((v) => v.from === state.tree);
  if (version && !isVersionAllowed(version, period, today)) delete next.tree;
  return next;
}
