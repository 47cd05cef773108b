// A value of a record for reading, whatever its kind: dates as the language writes them, codes by
// their labels, units by their names, references by the title of the record referred to (a link
// to it when asked), web addresses as links, a file as a link that downloads it, accounts by their
// names. The page gathers what the names need (code lists, unit names, referenced records, the
// accounts that may be named at the records' units) in a ValueContext.

import type { AssignableAccount, CodeItem, FieldValue, RecordType, StoredRecord } from '../api/records';
import { recordFileUrl, referencedType } from '../api/records';
import { formatDate, t, type Lang } from '../i18n';
import { referenceKey } from '../lookups';
import { recordHref } from '../records/paths';
import { accountsText } from '../records/accounts';
import { formatValue, recordTitle } from '../records/values';
import { Link } from './link';

export interface ValueContext {
  base: string;
  types: readonly RecordType[];
  codes: Record<string, CodeItem[]>;
  names: Record<string, string>;
  referenced: Record<string, StoredRecord>;
  /** id → account, for fields of kind "accounts"; an id missing here shows as its short id. */
  accounts?: Record<string, AssignableAccount>;
  lang: Lang;
}

/** The value of `name` ("unit", "date" or a field of `type`) as text; "" when empty. */
export function displayText(type: RecordType, name: string, value: FieldValue | undefined, ctx: ValueContext): string {
  if (value === null || value === undefined || value === '') return '';
  if (name === 'unit') return ctx.names[String(value)] ?? String(value);
  if (name === 'date') return formatDate(String(value), ctx.lang);
  const field = type.fields.find((f) => f.name === name);
  if (!field) return Array.isArray(value) ? value.join(', ') : String(value);
  if (field.kind === 'unit') return ctx.names[String(value)] ?? String(value);
  if (field.kind === 'reference') {
    const target = referencedType(ctx.types, field.reference_type);
    const record = target ? ctx.referenced[referenceKey(target, String(value))] : undefined;
    return target && record ? recordTitle(target, record, ctx.lang) : String(value);
  }
  if (field.kind === 'accounts') return accountsText(value, ctx.accounts ?? {});
  return formatValue(field, value, field.code_list ? ctx.codes[field.code_list] : undefined, ctx.lang);
}

/**
 * The unit codes and referenced records that the values of `records` need names for, and the
 * units of the records that name accounts (whose assignable accounts name them).
 */
export function namesNeeded(type: RecordType, types: readonly RecordType[], records: readonly (StoredRecord | null | undefined)[]) {
  const units: string[] = [];
  const refs: { type: RecordType; id: string }[] = [];
  const accountUnits: string[] = [];
  for (const record of records) {
    if (!record) continue;
    units.push(record.unit);
    for (const field of type.fields) {
      const value = record[field.name];
      if (field.kind === 'accounts' && Array.isArray(value) && value.length > 0 && !accountUnits.includes(record.unit)) accountUnits.push(record.unit);
      if (typeof value !== 'string' || !value) continue;
      if (field.kind === 'unit') units.push(value);
      if (field.kind === 'reference') {
        const target = referencedType(types, field.reference_type);
        if (target) refs.push({ type: target, id: value });
      }
    }
  }
  return { units, refs, accountUnits };
}

export interface RecordValueProps {
  type: RecordType;
  name: string;
  record: StoredRecord;
  ctx: ValueContext;
  /** Whether a reference links to the record it names. */
  isLinked?: boolean;
}

export function RecordValue({ type, name, record, ctx, isLinked = true }: RecordValueProps) {
  const field = type.fields.find((f) => f.name === name);
  const value = record[name];
  if (field?.kind === 'file' && typeof value === 'string' && value) {
    // Same origin: the session cookie goes with the link; the server names the file.
    return (
      <a href={recordFileUrl(type.path, record.id, field.name)} download="" class="file-link">
        {t('records.file.download', undefined, ctx.lang)}
      </a>
    );
  }
  if (field?.kind === 'url' && typeof value === 'string' && /^https?:\/\//i.test(value)) {
    return (
      <a href={value} rel="noopener noreferrer" target="_blank" class="break">
        {value}
      </a>
    );
  }
  const text = displayText(type, name, value, ctx);
  if (!text) return <span class="muted">—</span>;
  if (field?.kind === 'reference' && isLinked && typeof value === 'string') {
    const target = referencedType(ctx.types, field.reference_type);
    if (target) return <Link href={recordHref(ctx.base, target.path, value)}>{text}</Link>;
  }
  if (field?.kind === 'text' && text.includes('\n')) return <span class="pre-line">{text}</span>;
  return <>{text}</>;
}
