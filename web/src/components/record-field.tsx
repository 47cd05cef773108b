// One field of a record form, drawn from its description: a line of text or a box for long texts,
// a whole number with its bounds, a date, a select of the active codes of its list, checkboxes for
// several codes, a yes/no box, a unit picker, a web address, a file (record-file-field) or a
// checklist of accounts (record-accounts-field). The hint
// says what the server accepts (optional, at most N characters, from min to max, which files); the
// error is the form's or the server's message for the field.

import { FILE_MAX_BYTES, type CodeItem, type FieldSpec, type RecordType, type StoredRecord } from '../api/records';
import type { UnitLevel } from '../api/units';
import { formatSize } from '../format';
import { t, type Lang } from '../i18n';
import { rememberUnitName } from '../lookups';
import { codeOptions, formatFieldNumber, inputKind, labelOf, type DraftValue } from '../records/values';
import { CheckboxField, CheckGroupField, SelectField, TextAreaField, TextField } from './form-fields';
import { RecordAccountsField } from './record-accounts-field';
import { RecordFileField } from './record-file-field';
import { RecordPicker } from './record-picker';
import { UnitPicker } from './unit-picker';

export interface RecordFieldProps {
  field: FieldSpec;
  id: string;
  value: DraftValue;
  onChange: (value: DraftValue) => void;
  codes: readonly CodeItem[] | undefined;
  lang: Lang;
  error?: string | undefined;
  /** Names of the units the page knows, for a field of kind "unit". */
  unitNames?: Record<string, string>;
  /** For a field of kind "reference": the kind referred to and the chosen record, once known. */
  refType?: RecordType | undefined;
  refRecord?: StoredRecord | undefined;
  /** For a field of kind "file": the path of the record type, which files are uploaded for. */
  typePath?: string;
  /** For a field of kind "file": the file id the saved record holds and where it downloads. */
  storedFile?: { id: string; href: string } | undefined;
  /** For a field of kind "file": told when an upload starts and ends. */
  onBusy?: ((isBusy: boolean) => void) | undefined;
  /** For a field of kind "accounts": the unit of the form's record ("" while none is chosen). */
  formUnit?: string | undefined;
}

/** What a field's hint says: optional or not, and its limits. */
export function fieldHint(field: FieldSpec, lang: Lang): string | undefined {
  const parts: string[] = [];
  if (!field.required && field.kind !== 'boolean') parts.push(t('records.optional', undefined, lang));
  if (field.kind === 'text' && field.max_length) parts.push(t('records.lengthHint', { n: field.max_length }, lang));
  if (field.kind === 'url') parts.push(t('records.urlHint', undefined, lang));
  if (field.kind === 'file') parts.push(t('records.file.hint', { max: formatSize(FILE_MAX_BYTES, lang) }, lang));
  if (field.kind === 'accounts') parts.push(t('records.accounts.hint', undefined, lang));
  if (field.kind === 'integer') {
    const { min, max } = field;
    const n = (value: number) => formatFieldNumber(field, value, lang);
    if (min !== undefined && max !== undefined) parts.push(t('records.rangeHint', { min: n(min), max: n(max) }, lang));
    else if (min !== undefined) parts.push(t('records.minHint', { min: n(min) }, lang));
    else if (max !== undefined) parts.push(t('records.maxHint', { max: n(max) }, lang));
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

const ALL_LEVELS: readonly UnitLevel[] = ['province', 'district', 'commune'];

export function RecordField(props: RecordFieldProps) {
  const { field, id, value, onChange, codes, lang, error, unitNames, refType, refRecord } = props;
  const label = labelOf(field, lang);
  const hint = fieldHint(field, lang);
  const text = typeof value === 'string' ? value : '';
  switch (inputKind(field)) {
    case 'textarea':
      return (
        <TextAreaField
          id={id}
          label={label}
          value={text}
          onInput={onChange}
          hint={hint}
          error={error}
          maxLength={field.max_length}
          rows={(field.max_length ?? 0) > 1000 ? 6 : 4}
        />
      );
    case 'number':
      return (
        <TextField
          id={id}
          type="number"
          inputMode="numeric"
          label={label}
          value={text}
          onInput={onChange}
          hint={hint}
          error={error}
          min={field.min}
          max={field.max}
          step={1}
          class="input--number"
        />
      );
    case 'date':
      return <TextField id={id} type="date" label={label} value={text} onInput={onChange} hint={hint} error={error} class="input--date" />;
    case 'url':
      return (
        <TextField id={id} type="url" inputMode="url" label={label} value={text} onInput={onChange} hint={hint} error={error} maxLength={field.max_length} isVerbatim />
      );
    case 'select':
      return (
        <SelectField
          id={id}
          label={label}
          value={text}
          onChange={onChange}
          hint={hint}
          error={error}
          options={[{ value: '', label: t('records.choose', undefined, lang) }, ...codeOptions(codes, lang, text ? [text] : [])]}
        />
      );
    case 'checks': {
      const values = Array.isArray(value) ? value : [];
      return <CheckGroupField id={id} label={label} values={values} onChange={onChange} options={codeOptions(codes, lang, values)} hint={hint} error={error} />;
    }
    case 'checkbox':
      return (
        <div class={error ? 'field field--invalid' : 'field'}>
          <CheckboxField id={id} label={label} checked={value === true} onChange={onChange} />
          {error && <p class="field__error">{error}</p>}
        </div>
      );
    case 'unit':
      return (
        <UnitPicker
          id={id}
          label={label}
          value={text ? { code: text, name: unitNames?.[text] ?? text } : null}
          onChange={(unit) => {
            if (unit) rememberUnitName(unit.code, unit.name);
            onChange(unit?.code ?? '');
          }}
          lang={lang}
          hint={hint}
          error={error}
          levels={ALL_LEVELS}
        />
      );
    case 'file': {
      const stored = props.storedFile;
      return (
        <RecordFileField
          field={field}
          id={id}
          value={text}
          onChange={onChange}
          lang={lang}
          typePath={props.typePath ?? ''}
          storedId={stored?.id}
          storedHref={stored?.href}
          hint={stored?.id ? [hint, t('records.file.replaceHint', undefined, lang)].filter(Boolean).join(' ') : hint}
          error={error}
          onBusy={props.onBusy}
        />
      );
    }
    case 'accounts':
      return (
        <RecordAccountsField
          field={field}
          id={id}
          value={Array.isArray(value) ? value : []}
          onChange={onChange}
          lang={lang}
          typePath={props.typePath ?? ''}
          unit={props.formUnit ?? ''}
          hint={hint}
          error={error}
        />
      );
    case 'reference':
      return <RecordPicker id={id} label={label} type={refType} value={text} record={refRecord} onChange={onChange} lang={lang} hint={hint} error={error} />;
    default:
      return <TextField id={id} label={label} value={text} onInput={onChange} hint={hint} error={error} maxLength={field.max_length} />;
  }
}
