// The pure parts of the reorganisation page: the problems of a refused import placed under the
// field they concern (the server names them "units_csv: line 7: parent_code"), the kind of a change
// row's source, the receiving units offered for a row, and whether an import changed anything.

import type { ApiError, ApiFieldError } from '../api/client';
import type { Unit } from '../api/units';
import { t, type Lang } from '../i18n';
import type { TreeImportReport } from './api';

export type TreeFileField = 'units_csv' | 'changes_csv';

/** Where a problem of a file is: its line and column, or the header line ("units_csv: header"). */
export interface FileProblemPlace {
  file: string;
  line: number | null;
  column: string | null;
  isHeader: boolean;
}

/** "units_csv: line 7: parent_code" → { file: units_csv, line: 7, column: parent_code }. */
export function parseProblemField(field: string): FileProblemPlace {
  const parts = field.split(': ');
  const file = parts[0] ?? '';
  let line: number | null = null;
  let column: string | null = null;
  let isHeader = false;
  for (const part of parts.slice(1)) {
    const m = /^line (\d+)$/.exec(part);
    if (m?.[1]) line = Number(m[1]);
    else if (part === 'header') isHeader = true;
    else if (part !== 'file') column = part;
  }
  return { file, line, column, isHeader };
}

function messageOf(field: ApiFieldError, lang: Lang): string {
  return (lang === 'vi' ? field.message_vi : field.message_en) || field.message_vi || field.message_en || field.code;
}

/** One problem as a sentence naming its line and column. */
export function problemText(field: ApiFieldError, lang: Lang): string {
  const place = parseProblemField(field.field);
  const message = messageOf(field, lang);
  if (place.isHeader) return t('unitChanges.import.problemHeader', { message }, lang);
  if (place.line !== null && place.column) {
    return t('unitChanges.import.problemAt', { line: place.line, column: place.column, message }, lang);
  }
  if (place.line !== null) return t('unitChanges.import.problemAtLine', { line: place.line, message }, lang);
  return message;
}

/** The problems of a refused import that concern `field` (a file, or "effective"), as sentences. */
export function problemsOf(error: ApiError | null, field: TreeFileField | 'effective', lang: Lang): string[] {
  if (!error) return [];
  return error.fields.filter((f) => parseProblemField(f.field).file === field).map((f) => problemText(f, lang));
}

/** Whether the error's problems all sit under the form's fields (so no notice repeats them). */
export function isAboutTheFields(error: ApiError): boolean {
  return error.fields.length > 0 && error.fields.every((f) => ['units_csv', 'changes_csv', 'effective'].includes(parseProblemField(f.field).file));
}

/** At most `limit` problems, the last line saying how many more there are. */
export function capProblems(problems: readonly string[], limit: number, lang: Lang): string[] {
  if (problems.length <= limit) return [...problems];
  return [...problems.slice(0, limit), t('unitChanges.import.moreProblems', { n: problems.length - limit }, lang)];
}

/** Whether loading the files again changed nothing at all. */
export function isNothingChanged(report: TreeImportReport): boolean {
  const u = report.units;
  return u.added + u.changed + u.closed === 0 && (report.changes === null || report.changes.added === 0);
}

export type SourceKind = 'inferred' | 'unsourced' | 'text' | 'data';

/** "inferred:same name as new unit" → { kind: inferred, detail: "same name as new unit" }. */
export function parseSource(source: string): { kind: SourceKind | null; detail: string } {
  const m = /^(inferred|unsourced|text|data):\s*([\s\S]*)$/.exec(source);
  if (!m) return { kind: null, detail: source };
  return { kind: m[1] as SourceKind, detail: m[2] ?? '' };
}

const LEVEL_RANK: Record<string, number> = { province: 0, district: 1, commune: 2 };

/** The units a row may go to, as select options: communes first (most rows), then by name. */
export function receivingOptions(units: readonly Unit[], lang: Lang): { value: string; label: string }[] {
  const collator = new Intl.Collator(lang === 'vi' ? 'vi' : 'en');
  return [...units]
    .sort((a, b) => (LEVEL_RANK[b.level] ?? 0) - (LEVEL_RANK[a.level] ?? 0) || collator.compare(a.name, b.name) || a.code.localeCompare(b.code))
    .map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }));
}

/** Whether `text` is a date as the date input gives it (YYYY-MM-DD). */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}
