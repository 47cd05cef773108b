// Records described by metadata (docs/contract.md, "Programme records"): the record types and
// their fields (GET /api/record-types), the code lists their code fields take values from
// (GET /api/code-lists/{list}), and for each type at /api/<path>: list, create, read, change,
// delete, history, CSV export and CSV import; for a type with a field of kind "file", the upload
// of a file (POST /api/<path>/files) and its download through the record that names it
// (GET /api/<path>/{id}/files/{field}; docs/contract.md, "Files of records"); for a type with a
// field of kind "accounts", who may be named in it (GET /api/<path>/assignable-accounts?unit=);
// for a type with duplicate detection, the likely duplicates of a new record
// (GET /api/<path>/duplicates) and the merging of one record into another (POST /{id}/merge;
// docs/contract.md, "Enforcement records"). The pages never name a type: they draw what the
// server describes, so a type added on the server appears without a change here. The one
// exception is DUPLICATES_PATH, until the types say which have duplicate detection.

import type { UnitLevel } from './units';
import { api, type ApiClient, type ListReply, type Query } from './client';

export type FieldKind = 'text' | 'integer' | 'date' | 'code' | 'codes' | 'boolean' | 'unit' | 'url' | 'reference' | 'file' | 'accounts';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  label_vi: string;
  label_en: string;
  max_length?: number;
  min?: number;
  max?: number;
  code_list?: string;
  /** For kind "reference": the id of the record type referred to ("industrial_zone"). */
  reference_type?: string;
}

export interface RecordType {
  /** The type's id ("communication_activity"), which reference fields name; older servers leave it out. */
  id?: string;
  /** The segment of the API path: "communication-activities" → /api/communication-activities. */
  path: string;
  label_vi: string;
  label_en: string;
  date_label_vi: string;
  date_label_en: string;
  unit_levels: UnitLevel[];
  /** The access resource, e.g. "programme_record": which area of the app shows the type. */
  resource: string;
  fields: FieldSpec[];
}

export interface CodeItem {
  code: string;
  label_vi: string;
  label_en: string;
  sort: number;
  is_active: boolean;
}

/** A stored value as JSON gives it; null when empty. */
export type FieldValue = string | number | boolean | string[] | null;

/**
 * The type a reference field points to: by the type's id when the server sends ids, otherwise by
 * the path its id usually gives ("industrial_zone" → "industrial-zones", "school" → "schools").
 */
export function referencedType(types: readonly RecordType[], reference: string | undefined): RecordType | undefined {
  if (!reference) return undefined;
  const byId = types.find((type) => type.id === reference);
  if (byId) return byId;
  const stem = reference.replace(/_/g, '-');
  return [stem, `${stem}s`, `${stem}es`].map((path) => types.find((type) => type.path === path)).find(Boolean);
}

/** A record: the fixed keys, plus one key per field of its type. */
export interface StoredRecord {
  id: string;
  type: string;
  unit: string;
  date: string;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
  /** References the reader may not follow (a peer group it does not lead): null above, kept on save. */
  hidden_fields?: string[];
  [field: string]: FieldValue | undefined;
}

export interface HistoryEntry extends StoredRecord {
  op: 'create' | 'update' | 'delete' | string;
  changed_at: string;
  changed_by: string;
}

export interface ImportProblem {
  line: number;
  field: string;
  code: string;
  message_vi: string;
  message_en: string;
}

export interface ImportReport {
  stored: boolean;
  created: number;
  unchanged: number;
  rejected: number;
  problems: ImportProblem[];
}

export type ImportMode = 'all' | 'valid';

/** The largest CSV file the server takes (16 MiB). */
export const IMPORT_MAX_BYTES = 16 * 1024 * 1024;

/** A file uploaded for a record type; a field of kind "file" holds its `id`. */
export interface UploadedFile {
  id: string;
  name: string;
  /** What the server found the bytes to be, whatever the name says ("application/pdf"). */
  content_type: string;
  size: number;
  sha256: string;
  uploaded_at: string;
}

/** The largest file a record field takes (20 MiB). */
export const FILE_MAX_BYTES = 20 * 1024 * 1024;

/** The kinds of file the server takes (it checks the bytes; the browser only the name). */
export const FILE_TYPES: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** The name endings of FILE_TYPES, for a file the browser gives no type. */
export const FILE_EXTENSIONS: readonly string[] = ['.pdf', '.png', '.jpg', '.jpeg', '.gif', '.webp'];

/** Someone who may be named in a field of kind "accounts" of a record at a given unit. */
export interface AssignableAccount {
  id: string;
  display_name: string;
  /** A role id ("inspector"); GET /api/roles names it. */
  role: string;
  unit: string;
}

/**
 * The path of the one type whose likely duplicates the form asks for before saving
 * (GET /api/<path>/duplicates) and whose records may be merged. The record types do not say yet
 * which have duplicate detection; any type's create answering `possible_duplicate` is handled too.
 */
export const DUPLICATES_PATH = 'establishments';

/** The text fields the duplicates endpoint compares, sent when the type has them. */
export const DUPLICATE_FIELDS: readonly string[] = ['name', 'address', 'registration_number'];

/** A stored record that a new one would likely duplicate, with what matched ("registration_number", "name"). */
export interface DuplicateCandidate {
  id: string;
  unit: string;
  date: string;
  version: number;
  matched_on?: string;
  [field: string]: FieldValue | undefined;
}

let recordTypes: Promise<RecordType[]> | null = null;

/** The record types, once per page load (a failure is not kept). */
export function loadRecordTypes(): Promise<RecordType[]> {
  if (!recordTypes) {
    recordTypes = api.get<{ items: RecordType[] }>('/api/record-types').then((reply) => reply.items);
    recordTypes.catch(() => {
      recordTypes = null;
    });
  }
  return recordTypes;
}

const codeLists = new Map<string, Promise<CodeItem[]>>();

/** One code list, sorted, once per page load (a failure is not kept). */
export function loadCodeList(list: string): Promise<CodeItem[]> {
  let pending = codeLists.get(list);
  if (!pending) {
    pending = api
      .get<{ items: CodeItem[] }>(`/api/code-lists/${encodeURIComponent(list)}`)
      .then((reply) => [...reply.items].sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code)));
    pending.catch(() => codeLists.delete(list));
    codeLists.set(list, pending);
  }
  return pending;
}

function base(type: RecordType): string {
  return `/api/${encodeURIComponent(type.path)}`;
}

function one(type: RecordType, id: string): string {
  return `${base(type)}/${encodeURIComponent(id)}`;
}

export function listRecords(type: RecordType, query: Query, signal?: AbortSignal): Promise<ListReply<StoredRecord>> {
  return api.get<ListReply<StoredRecord>>(base(type), { query, signal });
}

export function getRecord(type: RecordType, id: string, signal?: AbortSignal): Promise<StoredRecord> {
  return api.get<StoredRecord>(one(type, id), { signal });
}

/** Creates a record; sending the same body with the same `id` again creates nothing more. */
export function createRecord(type: RecordType, body: Record<string, unknown>): Promise<StoredRecord> {
  return api.send<StoredRecord>('POST', base(type), body);
}

/** Changes a record: `changes` holds `version` and the changed fields (null clears one). */
export function updateRecord(type: RecordType, id: string, changes: Record<string, unknown>): Promise<StoredRecord> {
  return api.send<StoredRecord>('PATCH', one(type, id), changes);
}

export function deleteRecord(type: RecordType, id: string, version: number): Promise<unknown> {
  return api.send<unknown>('DELETE', one(type, id), undefined, { query: { version } });
}

/** Every version of a record, oldest first. */
export function recordHistory(type: RecordType, id: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  return api.get<{ items: HistoryEntry[] }>(`${one(type, id)}/history`, { signal }).then((reply) => reply.items);
}

/** Who may be named in the "accounts" fields of a record of `type` at `unit` (422 without a unit). */
export function listAssignableAccounts(typePath: string, unit: string, signal?: AbortSignal): Promise<AssignableAccount[]> {
  return api
    .get<{ items: AssignableAccount[] }>(`/api/${encodeURIComponent(typePath)}/assignable-accounts`, { query: { unit }, signal })
    .then((reply) => reply.items);
}

/** The stored records a new one with these values (unit and text fields) would likely duplicate. */
export function findDuplicates(typePath: string, query: Query, signal?: AbortSignal): Promise<DuplicateCandidate[]> {
  return api.get<{ items: DuplicateCandidate[] }>(`/api/${encodeURIComponent(typePath)}/duplicates`, { query, signal }).then((reply) => reply.items);
}

/**
 * Merges the record `id` (read at `version`) into `into`: what referred to it refers to `into`,
 * and it is deleted. Resolves with the kept record's id.
 */
export function mergeRecord(type: RecordType, id: string, into: string, version: number): Promise<{ id: string; merged: string }> {
  return api.send<{ id: string; merged: string }>('POST', `${one(type, id)}/merge`, { into, version });
}

/** The CSV export of the records that `query` (the list's filters) selects. */
export function exportRecords(type: RecordType, query: Query, signal?: AbortSignal): Promise<{ blob: Blob; filename: string | null }> {
  return api.download(`${base(type)}/export`, { query: { format: 'csv', ...query }, signal });
}

/**
 * Sends a CSV file's text for import. The report comes back whether the server stored anything
 * (200) or not (422); other failures throw an ApiError.
 */
export async function importRecords(
  type: RecordType,
  csv: string,
  mode: ImportMode,
  onProgress?: (fraction: number | null) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const reply = await api.upload<Partial<ImportReport>>(`${base(type)}/import`, csv, {
    query: { mode },
    contentType: 'text/csv; charset=utf-8',
    acceptStatuses: [422],
    onProgress,
    signal,
  });
  return normaliseReport(reply.body, reply.status);
}

/** A report with every part present, whatever the server left out. */
export function normaliseReport(body: Partial<ImportReport> | undefined, status: number): ImportReport {
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  return {
    stored: typeof body?.stored === 'boolean' ? body.stored : status >= 200 && status < 300,
    created: count(body?.created),
    unchanged: count(body?.unchanged),
    rejected: count(body?.rejected),
    problems: Array.isArray(body?.problems) ? body.problems : [],
  };
}

/**
 * Where the file in `field` of a record downloads from, as an attachment. The same-origin session
 * cookie goes with a plain link, so `<a href download>` needs nothing else.
 */
export function recordFileUrl(typePath: string, id: string, field: string): string {
  return `/api/${encodeURIComponent(typePath)}/${encodeURIComponent(id)}/files/${encodeURIComponent(field)}`;
}

export interface UploadFileOptions {
  /** How much has gone up: 0…1, or null when the browser cannot tell. */
  onProgress?: (fraction: number | null) => void;
  signal?: AbortSignal;
  /** The client to send through; tests pass one with a fake XMLHttpRequest. */
  client?: ApiClient;
}

/**
 * Uploads a file for the record type at `typePath` ("communication-materials"): the bytes as they
 * are, the name percent-encoded in X-File-Name. Resolves with the stored file, whose id the record
 * then names; a refused file (unsupported_type, empty, too_large) rejects with an ApiError whose
 * field is "file".
 */
export async function uploadRecordFile(typePath: string, file: Blob, name: string, options: UploadFileOptions = {}): Promise<UploadedFile> {
  const { onProgress, signal, client = api } = options;
  const reply = await client.upload<UploadedFile>(`/api/${encodeURIComponent(typePath)}/files`, file, {
    contentType: 'application/octet-stream',
    headers: { 'X-File-Name': encodeURIComponent(name) },
    onProgress,
    signal,
  });
  return reply.body;
}
