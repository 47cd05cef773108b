// The pure half of an establishment's inspection status and risk (docs/contract.md "Inspection
// plans and establishment status"): the reply's shape, the years the panel offers, which failures
// mean "not for this role" (403, 404: the support world reads establishments but never their
// inspection history, so nothing is shown), the risk level as a badge and the reasons as words.
// Derived on the server from the inspections; never typed here.

import { formatDate, formatNumber, t, type Lang, type MessageKey } from '../i18n';

export type RiskLevel = 'low' | 'medium' | 'high';

export interface RiskReason {
  code: string;
  points: number;
  message_vi: string;
  message_en: string;
}

export interface EstablishmentStatus {
  id: string;
  unit: string;
  district: string;
  name: string;
  kind: string;
  is_closed: boolean;
  inspected_years: number[];
  last_inspected: string | null;
  is_inspected_this_year: boolean;
  is_ever_inspected: boolean;
  violations_recent: number;
  open_tips: number;
  risk_score: number;
  risk_level: RiskLevel;
  risk_reasons: RiskReason[];
  year?: number;
}

export interface EstablishmentStatusList {
  year: number;
  items: EstablishmentStatus[];
}

/** The record type whose pages show the status (establishments). */
export const STATUS_PATH = 'establishments';

/** The first year the status counts inspections from ("ever inspected" means since then). */
export const STATUS_FIRST_YEAR = 2021;

/** The years the panel offers, newest first: this year down to 2021. */
export function statusYears(today: Date): number[] {
  const years: number[] = [];
  for (let year = Math.max(today.getFullYear(), STATUS_FIRST_YEAR); year >= STATUS_FIRST_YEAR; year -= 1) years.push(year);
  return years;
}

/** Whether a failed call means the role may not see inspection status (show nothing, no error). */
export function isStatusRefused(error: { status: number } | null | undefined): boolean {
  return !!error && (error.status === 403 || error.status === 404);
}

const RISK_KEYS: Record<RiskLevel, MessageKey> = {
  low: 'records.status.risk.low',
  medium: 'records.status.risk.medium',
  high: 'records.status.risk.high',
};

/** The risk level in words ("Thấp", "Trung bình", "Cao"); an unknown level as it is. */
export function riskLabel(level: string, lang: Lang): string {
  const key = RISK_KEYS[level as RiskLevel];
  return key ? t(key, undefined, lang) : level;
}

/** The badge modifier of a risk level. */
export function riskTone(level: string): 'ok' | 'warn' | 'danger' | 'plain' {
  if (level === 'low') return 'ok';
  if (level === 'medium') return 'warn';
  if (level === 'high') return 'danger';
  return 'plain';
}

/** One reason of the risk score: its message in `lang` with its points ("… (+3 điểm)"). */
export function reasonText(reason: RiskReason, lang: Lang): string {
  const message = (lang === 'vi' ? reason.message_vi : reason.message_en) || reason.message_vi || reason.message_en || reason.code;
  const sign = reason.points > 0 ? '+' : reason.points < 0 ? '−' : '';
  return t('records.status.reasonPoints', { message, points: `${sign}${formatNumber(Math.abs(reason.points), lang)}`, n: Math.abs(reason.points) }, lang);
}

/** The inspected years, oldest first ("2022, 2024"), or "Chưa có" when none. */
export function yearsText(years: readonly number[], lang: Lang): string {
  if (years.length === 0) return t('records.status.none', undefined, lang);
  return [...new Set(years)].sort((a, b) => a - b).map(String).join(', ');
}

/** The last inspection's date as the language writes it (dd/mm/yyyy), or "Chưa có". */
export function lastInspectedText(date: string | null | undefined, lang: Lang): string {
  return date ? formatDate(date, lang) : t('records.status.none', undefined, lang);
}

/** The statuses of a list by establishment id, for matching the rows of a page. */
export function statusById(items: readonly EstablishmentStatus[]): Map<string, EstablishmentStatus> {
  return new Map(items.map((item) => [item.id, item]));
}
