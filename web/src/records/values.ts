// The pure half of the generic record form: which control each field kind gets, a record turned
// into what the controls hold (a "draft": text for text and numbers, a list for codes, a boolean
// for yes/no), the checks made before sending, and a draft turned back into the JSON of a create
// (empty fields left out) or of a change (only the changed fields, null for a cleared one, with
// the version read). Also: a draft carried over a newer version of the record, the differences
// between two versions (for the history) and a value as text for reading. A field of kind "file"
// holds the id of an uploaded file, as text; a file picked for it is checked here before it goes up.
// A field of kind "accounts" holds a list of account ids (an inspection's team; its checklist and
// names: accounts.ts). For types with
// duplicate detection: what the form asks the duplicates endpoint, the ids a refused create names
// as likely duplicates, and the confirmation sent when the user says it is another record.

import {
  DUPLICATE_FIELDS,
  FILE_EXTENSIONS,
  FILE_MAX_BYTES,
  FILE_TYPES,
  type CodeItem,
  type FieldSpec,
  type FieldValue,
  type RecordType,
  type StoredRecord,
} from '../api/records';
import { formatSize } from '../format';
import { accountsText } from './accounts';
import { formatDate, formatNumber, t, type Lang, type MessageKey } from '../i18n';

export type DraftValue = string | string[] | boolean;

export interface Draft {
  unit: string;
  date: string;
  values: Record<string, DraftValue>;
}

/** The form control of a field. */
export type InputKind = 'text' | 'textarea' | 'number' | 'date' | 'select' | 'checks' | 'checkbox' | 'unit' | 'url' | 'reference' | 'file' | 'accounts';

/** Texts longer than this get a multi-line box. */
export const TEXTAREA_FROM = 300;

export function inputKind(field: FieldSpec): InputKind {
  switch (field.kind) {
    case 'text':
      return (field.max_length ?? 0) > TEXTAREA_FROM ? 'textarea' : 'text';
    case 'integer':
      return 'number';
    case 'date':
      return 'date';
    case 'code':
      return 'select';
    case 'codes':
      return 'checks';
    case 'boolean':
      return 'checkbox';
    case 'unit':
      return 'unit';
    case 'url':
      return 'url';
    case 'reference':
      return 'reference';
    case 'file':
      return 'file';
    case 'accounts':
      return 'accounts';
    default:
      return 'text'; // a kind this version does not know yet: its value as text
  }
}

/** The label of anything with label_vi and label_en, in `lang` (Vietnamese when English is missing). */
export function labelOf(item: { label_vi: string; label_en: string }, lang: Lang): string {
  return (lang === 'vi' ? item.label_vi : item.label_en) || item.label_vi || item.label_en;
}

export function dateLabel(type: RecordType, lang: Lang): string {
  return (lang === 'vi' ? type.date_label_vi : type.date_label_en) || type.date_label_vi || t('records.date', undefined, lang);
}

const LEVEL_KEYS: Record<string, MessageKey> = {
  province: 'records.level.province',
  district: 'records.level.district',
  commune: 'records.level.commune',
};

/** ["province", "district"] → "cấp tỉnh, cấp huyện" / "province, district". */
export function levelsLabel(levels: readonly string[], lang: Lang): string {
  return levels.map((level) => (LEVEL_KEYS[level] ? t(LEVEL_KEYS[level], undefined, lang) : level)).join(t('records.levelJoin', undefined, lang));
}

/** The label of a field name of `type`, including the fixed "unit" and "date"; the name when unknown. */
export function fieldLabel(type: RecordType, name: string, lang: Lang): string {
  if (name === 'unit') return t('records.unit', undefined, lang);
  if (name === 'date') return dateLabel(type, lang);
  const field = type.fields.find((f) => f.name === name);
  return field ? labelOf(field, lang) : name;
}

/** Kinds whose value is a list (of codes, of account ids). */
function isList(field: FieldSpec): boolean {
  return field.kind === 'codes' || field.kind === 'accounts';
}

function emptyValue(field: FieldSpec): DraftValue {
  if (isList(field)) return [];
  if (field.kind === 'boolean') return false;
  return '';
}

/** What the controls hold for a stored value. */
export function draftValue(field: FieldSpec, value: FieldValue | undefined): DraftValue {
  if (value === null || value === undefined) return emptyValue(field);
  switch (field.kind) {
    case 'codes':
    case 'accounts':
      return Array.isArray(value) ? value.map(String) : [String(value)];
    case 'boolean':
      return value === true || value === 'true';
    default:
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}

export function emptyDraft(type: RecordType, unit = ''): Draft {
  const values: Record<string, DraftValue> = {};
  for (const field of type.fields) values[field.name] = emptyValue(field);
  return { unit, date: '', values };
}

export function draftFromRecord(type: RecordType, record: StoredRecord): Draft {
  const values: Record<string, DraftValue> = {};
  for (const field of type.fields) values[field.name] = draftValue(field, record[field.name]);
  return { unit: record.unit, date: record.date, values };
}

/**
 * A number of `field` as the language writes it, grouped ("1.000.000"), except in fields whose
 * numbers stay under 10 000 (years, school years), which read better ungrouped ("2024").
 */
export function formatFieldNumber(field: FieldSpec, n: number, lang: Lang): string {
  return field.max !== undefined && field.max < 10_000 ? String(n) : formatNumber(n, lang);
}

/** What the browser says of a picked file (a File has all three). */
export interface PickedFile {
  name: string;
  size: number;
  /** The type the browser guessed from the name; "" when it could not. */
  type: string;
}

/**
 * Why a picked file cannot go into `field`, in `lang`, naming the field; null when it may be
 * sent. Checks the size (at most FILE_MAX_BYTES, not empty) and the kind the browser guessed
 * (by the name's ending when it guessed none). The server checks the bytes themselves again.
 */
export function fileProblem(field: FieldSpec, file: PickedFile, lang: Lang): string | null {
  const label = labelOf(field, lang);
  if (file.size <= 0) return t('records.error.fileEmpty', { label }, lang);
  if (file.size > FILE_MAX_BYTES) {
    return t('records.error.fileTooBig', { label, size: formatSize(file.size, lang), max: formatSize(FILE_MAX_BYTES, lang) }, lang);
  }
  const name = file.name.toLowerCase();
  const isKnown = file.type ? FILE_TYPES.includes(file.type.toLowerCase()) : FILE_EXTENSIONS.some((ending) => name.endsWith(ending));
  return isKnown ? null : t('records.error.fileType', { label }, lang);
}

/** The number of characters as the server counts them (code points, not UTF-16 units). */
export function textLength(text: string): number {
  return [...text].length;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2023-02-28" → true, "2023-02-30" or "28/02/2023" → false. */
export function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The JSON of a draft value: null when empty; undefined when it cannot be sent as it is. */
export function jsonValue(field: FieldSpec, value: DraftValue | undefined): FieldValue | undefined {
  if (value === undefined) return null;
  switch (field.kind) {
    case 'codes':
    case 'accounts': {
      const list = Array.isArray(value) ? value.filter((code) => code !== '') : [];
      return list.length > 0 ? list : null;
    }
    case 'boolean':
      return value === true;
    case 'integer': {
      const text = typeof value === 'string' ? value.trim() : '';
      if (text === '') return null;
      if (!/^[+-]?\d+$/.test(text)) return undefined;
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : undefined;
    }
    default: {
      const text = typeof value === 'string' ? value.trim() : '';
      return text === '' ? null : text;
    }
  }
}

/**
 * What the form says before sending, field name → message in `lang`: a missing required value,
 * a number that is not whole or out of range, a text too long, a date that does not exist, a web
 * address that is not one. The server checks everything again; this spares a round trip.
 */
export function validateDraft(type: RecordType, draft: Draft, lang: Lang, hidden: readonly string[] = []): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.unit) errors.unit = t('records.error.unitMissing', undefined, lang);
  if (!draft.date) errors.date = t('records.error.dateMissing', undefined, lang);
  else if (!isRealDate(draft.date)) errors.date = t('records.error.dateInvalid', undefined, lang);
  for (const field of type.fields) {
    if (hidden.includes(field.name)) continue; // not shown to the reader, kept by the server as it is
    const raw = draft.values[field.name];
    const value = jsonValue(field, raw);
    const label = labelOf(field, lang);
    if (value === undefined) {
      errors[field.name] = t('records.error.integer', { label }, lang);
      continue;
    }
    if (value === null) {
      const isChoice = field.kind === 'code' || field.kind === 'codes' || field.kind === 'unit' || field.kind === 'accounts';
      if (field.required) errors[field.name] = t(isChoice ? 'records.error.choose' : 'records.error.required', { label }, lang);
      continue;
    }
    if (field.kind === 'integer' && typeof value === 'number') {
      const { min, max } = field;
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        const n = (value: number) => formatFieldNumber(field, value, lang);
        if (min !== undefined && max !== undefined) errors[field.name] = t('records.error.range', { label, min: n(min), max: n(max) }, lang);
        else if (min !== undefined) errors[field.name] = t('records.error.min', { label, min: n(min) }, lang);
        else if (max !== undefined) errors[field.name] = t('records.error.max', { label, max: n(max) }, lang);
      }
    } else if (typeof value === 'string') {
      if (field.max_length !== undefined && textLength(value) > field.max_length) {
        errors[field.name] = t('records.error.tooLong', { label, n: field.max_length }, lang);
      } else if (field.kind === 'date' && !isRealDate(value)) {
        errors[field.name] = t('records.error.dateInvalid', undefined, lang);
      } else if (field.kind === 'url' && !isWebAddress(value)) {
        errors[field.name] = t('records.error.url', undefined, lang);
      }
    }
  }
  return errors;
}

/**
 * The body of POST /api/<type>: the client's id, unit, date and every field that has a value;
 * with `confirmNotDuplicate`, `"confirm_not_duplicate": true` (the user says that the likely
 * duplicates shown are other records, so the server stores it anyway).
 */
export function createBody(type: RecordType, draft: Draft, id: string, options: { confirmNotDuplicate?: boolean } = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { id, unit: draft.unit, date: draft.date };
  for (const field of type.fields) {
    const value = jsonValue(field, draft.values[field.name]);
    if (value !== null && value !== undefined) body[field.name] = value;
  }
  if (options.confirmNotDuplicate) body.confirm_not_duplicate = true;
  return body;
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i]);
  return (a ?? null) === (b ?? null);
}

/** The JSON of a draft field as the record holds it (for comparing with a stored value). */
function storedJson(field: FieldSpec, record: StoredRecord): FieldValue | undefined {
  return jsonValue(field, draftValue(field, record[field.name]));
}

/**
 * What a change sends to empty a field. The contract says null; the server (for now) refuses a
 * null as an unknown field but takes "" and [] as empty, so text-like kinds send "" and lists [].
 * Numbers have no such way and send null (see the report to the server).
 */
export function clearedJson(field: FieldSpec): FieldValue {
  switch (field.kind) {
    case 'codes':
    case 'accounts':
      return [];
    case 'integer':
    case 'boolean':
    case 'file': // "" names no uploaded file
      return null;
    default:
      return '';
  }
}

/**
 * The body of PATCH /api/<type>/{id}: `version`, and the unit, date and fields whose value
 * differs from `record` (clearedJson for one emptied). Null when nothing changed. Compared as the
 * controls see them, so that a stored null and an unticked box do not count as a change.
 */
export function changesFrom(type: RecordType, record: StoredRecord, draft: Draft): Record<string, unknown> | null {
  const changes: Record<string, unknown> = { version: record.version };
  let changed = false;
  if (draft.unit !== record.unit) {
    changes.unit = draft.unit;
    changed = true;
  }
  if (draft.date !== record.date) {
    changes.date = draft.date;
    changed = true;
  }
  for (const field of type.fields) {
    const next = jsonValue(field, draft.values[field.name]);
    if (next === undefined) continue; // not sendable; validateDraft says so
    if (!sameValue(next, storedJson(field, record))) {
      changes[field.name] = next === null ? clearedJson(field) : next;
      changed = true;
    }
  }
  return changed ? changes : null;
}

/** The names ("unit", "date" and fields) whose values differ between two versions of a record. */
export function changedFields(type: RecordType, before: StoredRecord, after: StoredRecord): string[] {
  const names: string[] = [];
  if (before.unit !== after.unit) names.push('unit');
  if (before.date !== after.date) names.push('date');
  for (const field of type.fields) {
    if (!sameValue(storedJson(field, before), storedJson(field, after))) names.push(field.name);
  }
  return names;
}

/**
 * The draft on top of a newer version: what the user changed (against `base`, the version the
 * form was opened on) stays; everything else takes the newer version's value. Used when a save
 * meets a stale version, so that the user's typing is not lost.
 */
export function rebaseDraft(type: RecordType, base: StoredRecord, fresh: StoredRecord, draft: Draft): Draft {
  const before = draftFromRecord(type, base);
  const after = draftFromRecord(type, fresh);
  const values: Record<string, DraftValue> = {};
  for (const field of type.fields) {
    const mine = draft.values[field.name] ?? emptyValue(field);
    const theirs = after.values[field.name] ?? emptyValue(field);
    const untouched = sameDraft(mine, before.values[field.name] ?? emptyValue(field));
    values[field.name] = untouched ? theirs : mine;
  }
  return {
    unit: draft.unit === before.unit ? after.unit : draft.unit,
    date: draft.date === before.date ? after.date : draft.date,
    values,
  };
}

function sameDraft(a: DraftValue, b: DraftValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}

export interface FieldChange {
  name: string;
  before: FieldValue | undefined;
  after: FieldValue | undefined;
}

export interface HistoryStep<E extends StoredRecord = StoredRecord> {
  entry: E;
  /** What this version changed against the one before (empty for the first and for a delete). */
  changes: FieldChange[];
}

/** The history (oldest first, as the server sends it) with what each version changed. */
export function historySteps<E extends StoredRecord & { op?: string }>(type: RecordType, entries: readonly E[]): HistoryStep<E>[] {
  const sorted = [...entries].sort((a, b) => a.version - b.version);
  return sorted.map((entry, index) => {
    const previous = index > 0 ? sorted[index - 1] : undefined;
    if (!previous || entry.op === 'delete') return { entry, changes: [] };
    const changes = changedFields(type, previous, entry).map((name) => ({
      name,
      before: name === 'unit' || name === 'date' ? previous[name] : previous[name] ?? null,
      after: name === 'unit' || name === 'date' ? entry[name] : entry[name] ?? null,
    }));
    return { entry, changes };
  });
}

/** A code's label in `lang`; the code itself when the list does not know it. */
export function codeLabel(items: readonly CodeItem[] | undefined, code: string, lang: Lang): string {
  const item = items?.find((i) => i.code === code);
  return item ? labelOf(item, lang) : code;
}

/**
 * The choices of a code field: the active codes, in the list's order, plus `current` when it is
 * no longer active (a record keeps the code it was stored with).
 */
export function codeOptions(items: readonly CodeItem[] | undefined, lang: Lang, current: readonly string[] = []): { value: string; label: string }[] {
  const list = items ?? [];
  const options = list.filter((item) => item.is_active).map((item) => ({ value: item.code, label: labelOf(item, lang) }));
  for (const code of current) {
    if (code === '' || options.some((o) => o.value === code)) continue;
    const known = list.find((item) => item.code === code);
    options.push({ value: code, label: known ? t('records.inactiveCode', { label: labelOf(known, lang) }, lang) : code });
  }
  return options;
}

/**
 * A stored value as text for reading: dates as the language writes them, numbers grouped, codes
 * by their labels, yes/no. Empty values give "" (the page shows a dash). Units are named by the
 * page, which knows the names.
 */
export function formatValue(field: FieldSpec, value: FieldValue | undefined, codes: readonly CodeItem[] | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.kind) {
    case 'integer':
      return typeof value === 'number' ? formatFieldNumber(field, value, lang) : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(value, lang) : String(value);
    case 'boolean':
      return t(value === true || value === 'true' ? 'records.yes' : 'records.no', undefined, lang);
    case 'code':
      return codeLabel(codes, String(value), lang);
    case 'codes':
      return (Array.isArray(value) ? value : [String(value)]).map((code) => codeLabel(codes, code, lang)).join('; ');
    case 'file': // the id means nothing to a reader; its start tells two versions apart
      return t('records.file.value', { id: String(value).slice(0, 8) }, lang);
    case 'accounts': // the page names them (accountsText) when it knows the accounts
      return accountsText(value, {});
    default:
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}

/** The first text field: what a record is called by (the organiser, the title, the name…). */
export function titleField(type: RecordType): FieldSpec | undefined {
  const short = (f: FieldSpec) => f.kind === 'text' && (f.max_length ?? 0) <= TEXTAREA_FROM;
  return type.fields.find((f) => short(f) && f.required) ?? type.fields.find(short);
}

/** What a record is called in a picker or a link: its title field, else the kind and the date. */
export function recordTitle(type: RecordType, record: { date: string; [field: string]: FieldValue | undefined }, lang: Lang): string {
  const field = titleField(type);
  const value = field ? record[field.name] : null;
  if (typeof value === 'string' && value.trim()) return value.trim();
  return `${labelOf(type, lang)}, ${formatDate(record.date, lang)}`;
}

/** Columns at most, besides the date and the unit. */
export const LIST_COLUMNS = 5;

/**
 * The fields a list shows besides the date and the unit: the code fields (by their labels), the
 * references, and the required short fields, in the type's order, at most LIST_COLUMNS.
 */
export function listColumns(type: RecordType): FieldSpec[] {
  const isLong = (f: FieldSpec) => f.kind === 'text' && (f.max_length ?? 0) > TEXTAREA_FROM;
  return type.fields
    .filter((f) => f.kind === 'code' || f.kind === 'codes' || f.kind === 'reference' || (f.required && !isLong(f) && f.kind !== 'boolean'))
    .slice(0, LIST_COLUMNS);
}

/**
 * A new record id: crypto.randomUUID() where the browser has it (secure contexts), otherwise a
 * version-4 UUID from crypto.getRandomValues (which plain http on a local network still allows).
 */
export function newRecordId(source: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The query of GET /api/<path>/duplicates for a new record: its unit and the trimmed texts of the
 * type's DUPLICATE_FIELDS; null when there is no unit or no text to compare yet.
 */
export function duplicateQuery(type: RecordType, draft: Draft): Record<string, string> | null {
  if (!draft.unit) return null;
  const query: Record<string, string> = {};
  for (const name of DUPLICATE_FIELDS) {
    const field = type.fields.find((f) => f.name === name);
    const value = draft.values[name];
    if (field && typeof value === 'string' && value.trim()) query[name] = value.trim();
  }
  return Object.keys(query).length > 0 ? { unit: draft.unit, ...query } : null;
}

interface ErrorLike {
  code: string;
  fields: readonly { field: string; code: string; message_vi: string; message_en: string }[];
}

export const POSSIBLE_DUPLICATE = 'possible_duplicate';

/** Whether a refused create says the record likely duplicates a stored one. */
export function isPossibleDuplicate(error: ErrorLike | null | undefined): boolean {
  return !!error && (error.code === POSSIBLE_DUPLICATE || error.fields.some((f) => f.code === POSSIBLE_DUPLICATE));
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The ids of the stored records that a possible_duplicate refusal names in its field messages. */
export function duplicateIds(error: ErrorLike | null | undefined): string[] {
  if (!error) return [];
  const ids: string[] = [];
  for (const field of error.fields) {
    if (field.code !== POSSIBLE_DUPLICATE) continue;
    for (const text of [field.message_en, field.message_vi]) {
      for (const match of text.matchAll(UUID)) {
        const id = match[0].toLowerCase();
        if (!ids.includes(id)) ids.push(id);
      }
    }
  }
  return ids;
}

/** The field names whose values a likely duplicate shares, as the form's labels ("Tên cơ sở"). */
export function matchedOnText(type: RecordType, matchedOn: string | undefined, lang: Lang): string {
  if (!matchedOn) return '';
  return matchedOn
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => fieldLabel(type, name, lang))
    .join(', ');
}
