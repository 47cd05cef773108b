// Labelled form controls with a hint and an error under them, wired for screen readers
// (aria-describedby, aria-invalid). Every control is at least 48 px tall and the text 16 px, so
// that phones neither miss taps nor zoom into the field.

import type { ComponentChildren, Ref } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n';

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ComponentChildren;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame({ id, label, hint, error, children }: FieldFrameProps) {
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label class="field__label" for={id}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} class="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'password' | 'search' | 'date' | 'number' | 'url';
  hint?: string | undefined;
  error?: string | undefined;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'search' | 'url';
  maxLength?: number;
  min?: number;
  max?: number;
  step?: number;
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  /** For user names and codes: no capitalisation, no spelling correction. */
  isVerbatim?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  class?: string;
  list?: string;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, onInput, type = 'text', hint, error, isVerbatim } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        ref={props.inputRef}
        id={id}
        name={id}
        class={props.class ? `input ${props.class}` : 'input'}
        type={type}
        value={value}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        min={props.min}
        max={props.max}
        step={props.step}
        placeholder={props.placeholder}
        required={props.required}
        disabled={props.disabled}
        autoFocus={props.autoFocus}
        list={props.list}
        autoCapitalize={isVerbatim ? 'none' : undefined}
        autoCorrect={isVerbatim ? 'off' : undefined}
        spellcheck={isVerbatim ? false : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </FieldFrame>
  );
}

export interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  maxLength?: number;
  rows?: number;
  required?: boolean;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const { id, hint, error } = props;
  return (
    <FieldFrame id={id} label={props.label} hint={hint} error={error}>
      <textarea
        id={id}
        name={id}
        class="input textarea"
        value={props.value}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
    </FieldFrame>
  );
}

export interface CheckGroupFieldProps {
  id: string;
  label: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  options: readonly { value: string; label: string }[];
  hint?: string | undefined;
  error?: string | undefined;
}

/** Several choices of one list: a fieldset of checkboxes, the legend as the label. */
export function CheckGroupField({ id, label, values, onChange, options, hint, error }: CheckGroupFieldProps) {
  function toggle(value: string, checked: boolean) {
    const next = options.map((o) => o.value).filter((v) => (v === value ? checked : values.includes(v)));
    // Codes the options do not list (none should be left) stay as they were.
    onChange([...next, ...values.filter((v) => !options.some((o) => o.value === v))]);
  }
  return (
    <fieldset class={error ? 'field fieldset field--invalid' : 'field fieldset'} id={id} aria-describedby={describedBy(id, hint, error)}>
      <legend class="field__label">{label}</legend>
      <div class="check-group">
        {options.map((option, index) => (
          <div class="field field--check" key={option.value}>
            <input
              id={`${id}-${index}`}
              name={id}
              class="checkbox"
              type="checkbox"
              value={option.value}
              checked={values.includes(option.value)}
              onChange={(event) => toggle(option.value, event.currentTarget.checked)}
            />
            <label class="field__check-label" for={`${id}-${index}`}>
              {option.label}
            </label>
          </div>
        ))}
      </div>
      {hint && (
        <p id={`${id}-hint`} class="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export interface PasswordFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** A password with a "show" toggle: on a phone keyboard a typo is easy and invisible. */
export function PasswordField(props: PasswordFieldProps) {
  const [isShown, setShown] = useState(false);
  const { id, hint, error } = props;
  return (
    <FieldFrame id={id} label={props.label} hint={hint} error={error}>
      <div class="input-group">
        <input
          ref={props.inputRef}
          id={id}
          name={id}
          class="input input-group__input"
          type={isShown ? 'text' : 'password'}
          value={props.value}
          autoComplete={props.autoComplete}
          autoCapitalize="none"
          autoCorrect="off"
          spellcheck={false}
          required={props.required}
          autoFocus={props.autoFocus}
          maxLength={1000}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
        <button
          type="button"
          class="input-group__button"
          aria-pressed={isShown}
          aria-controls={id}
          onClick={() => setShown(!isShown)}
        >
          {t('form.showPassword')}
        </button>
      </div>
    </FieldFrame>
  );
}

export interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  disabled?: boolean;
}

export function SelectField(props: SelectFieldProps) {
  const { id, hint, error } = props;
  return (
    <FieldFrame id={id} label={props.label} hint={hint} error={error}>
      <select
        id={id}
        name={id}
        class="input select"
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export interface CheckboxFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  disabled?: boolean;
}

export function CheckboxField({ id, label, checked, onChange, hint, disabled }: CheckboxFieldProps) {
  return (
    <div class="field field--check">
      <input
        id={id}
        name={id}
        class="checkbox"
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <label class="field__check-label" for={id}>
        {label}
        {hint && (
          <span id={`${id}-hint`} class="field__hint">
            {hint}
          </span>
        )}
      </label>
    </div>
  );
}

/** A message about the whole form: an error (role=alert) or a success (role=status). */
export function FormMessage({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** A form's save and cancel buttons; the save button says so while saving and cannot be pressed again. */
export function SaveCancel({ isSaving, label, onCancel }: { isSaving: boolean; label: string; onCancel: () => void }) {
  return (
    <div class="actions">
      <button type="submit" class="button button--primary" disabled={isSaving}>
        {isSaving ? t('form.saving') : label}
      </button>
      <button type="button" class="button" onClick={onCancel}>
        {t('form.cancel')}
      </button>
    </div>
  );
}
