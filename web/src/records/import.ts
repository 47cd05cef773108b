// The pure parts of the import page: the problems of a report in reading order, the column a
// problem names, and a check that the file was read as UTF-8.

import type { ImportProblem, RecordType } from '../api/records';
import { t, type Lang } from '../i18n';
import { fieldLabel } from './values';

/** Problems by line, and within a line in the order of the type's columns. */
export function sortProblems(problems: readonly ImportProblem[], type: RecordType): ImportProblem[] {
  const order = ['header', 'id', 'unit', 'date', ...type.fields.map((f) => f.name)];
  const rank = (field: string) => {
    const index = order.indexOf(field);
    return index < 0 ? order.length : index;
  };
  return [...problems].sort((a, b) => a.line - b.line || rank(a.field) - rank(b.field) || a.field.localeCompare(b.field));
}

/** The column a problem names, as the export's header calls it; "header" is the header line. */
export function problemColumn(type: RecordType, field: string, lang: Lang): string {
  if (field === '') return '';
  if (field === 'header') return t('import.headerLine', undefined, lang);
  if (field === 'id') return t('import.idColumn', undefined, lang);
  return fieldLabel(type, field, lang);
}

/** The problem's message in `lang`, falling back to the other language. */
export function problemMessage(problem: ImportProblem, lang: Lang): string {
  return (lang === 'vi' ? problem.message_vi : problem.message_en) || problem.message_vi || problem.message_en || problem.code;
}

/**
 * Whether text read as UTF-8 holds replacement characters: the file was saved in another encoding
 * (Excel's plain "CSV" on Windows), and Vietnamese letters would arrive broken.
 */
export function looksMisdecoded(text: string): boolean {
  return text.includes('\uFFFD');
}

/** The number of data lines of a CSV text (the header and empty lines not counted), roughly. */
export function dataLineCount(text: string): number {
  let lines = 0;
  let inQuotes = false;
  let hasContent = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    if ((char === '\n' || char === '\r') && !inQuotes) {
      if (hasContent) lines += 1;
      hasContent = false;
    } else if (char.trim() !== '' && char !== '\uFEFF') {
      hasContent = true;
    }
  }
  if (hasContent) lines += 1;
  return Math.max(0, lines - 1);
}
