// Labelled form controls that show their validation message and wire up aria-invalid/-describedby.
import type { ReactNode } from 'react';
import type { FormApi } from './use-form';

/** "Email" + "is not a valid email address" -> "Email is not a valid email address". */
export function errorText(label: string, message: string): string {
  return /^(is|are|must|may|should|has|cannot|can't|does)\b/.test(message) ? `${label} ${message}` : message.charAt(0).toUpperCase() + message.slice(1);
}

function inputId(formId: string, field: string): string {
  return `${formId}-${field}`;
}

export function FieldError({ formId, field, message }: { formId: string; field: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={`${inputId(formId, field)}-error`} data-testid={`error-${field}`} role="alert">
      {message}
    </p>
  );
}

/** What a control inside a Field needs: its id, and the aria wiring to the hint and the error. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * One labelled field: the label, the control (rendered by `children` with its ids and aria wiring), the hint
 * (while there is no error) and the error message. `formId` and `name` make the ids and the test ids
 * (`error-<name>`); every field of the console, in a form or on its own, is built from it.
 */
export function Field({
  formId,
  name,
  label,
  hint,
  error,
  className,
  children,
}: {
  formId: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = inputId(formId, name);
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, Boolean(hint), Boolean(error)) })}
      {hint && !error && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError formId={formId} field={name} message={error} />
    </div>
  );
}

interface BaseProps<V> {
  form: FormApi<V>;
  name: keyof V & string;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  /** Message for the error instead of "<label> <problem>". */
  errorLabel?: string;
}

function describedBy(id: string, hasHint: boolean, hasError: boolean): string | undefined {
  const ids = [hasHint ? `${id}-hint` : '', hasError ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A Field bound to a form value: the error in the user's words, and what the form's control needs. */
function FormField<V>({
  form,
  name,
  label,
  hint,
  className,
  errorLabel,
  children,
}: Omit<BaseProps<V>, 'required'> & { children: (control: ControlProps & { 'data-form': string; 'data-field': string; 'data-testid': string; onBlur: () => void }) => ReactNode }) {
  const raw = form.error(name);
  return (
    <Field formId={form.id} name={name} label={label} hint={hint} error={raw ? errorText(errorLabel ?? label, raw) : undefined} className={className}>
      {(control) => children({ ...control, 'data-form': form.id, 'data-field': name, 'data-testid': `input-${name}`, onBlur: () => form.blur(name) })}
    </Field>
  );
}

export function TextField<V>({
  required,
  type = 'text',
  placeholder,
  autoComplete,
  autoFocus,
  suffix,
  inputMode,
  maxLength,
  ...field
}: BaseProps<V> & {
  type?: 'text' | 'email' | 'tel' | 'password' | 'url' | 'date';
  placeholder?: string;
  autoComplete?: string;
  autoFocus?: boolean;
  suffix?: ReactNode;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email' | 'tel';
  maxLength?: number;
}) {
  const { form, name } = field;
  const value = form.values[name] as unknown;
  return (
    <FormField {...field}>
      {(control) => (
        <div className={`input-wrap${suffix ? ' has-suffix' : ''}`}>
          <input
            {...control}
            className="input"
            type={type}
            value={value == null ? '' : String(value)}
            placeholder={placeholder}
            autoComplete={autoComplete ?? 'off'}
            spellCheck={false}
            autoFocus={autoFocus}
            inputMode={inputMode}
            maxLength={maxLength}
            required={required}
            onChange={(e) => form.setValue(name, e.target.value as V[typeof name])}
          />
          {suffix && <span className="input-suffix">{suffix}</span>}
        </div>
      )}
    </FormField>
  );
}

export function TextAreaField<V>({ placeholder, rows = 4, ...field }: Omit<BaseProps<V>, 'required'> & { placeholder?: string; rows?: number }) {
  const { form, name } = field;
  return (
    <FormField {...field}>
      {(control) => (
        <textarea
          {...control}
          className="input textarea"
          rows={rows}
          value={String(form.values[name] ?? '')}
          placeholder={placeholder}
          onChange={(e) => form.setValue(name, e.target.value as V[typeof name])}
        />
      )}
    </FormField>
  );
}

export function SelectField<V>({ required, options, ...field }: BaseProps<V> & { options: { value: string; label: string }[] }) {
  const { form, name } = field;
  return (
    <FormField {...field}>
      {(control) => (
        <select {...control} className="input select" required={required} value={String(form.values[name] ?? '')} onChange={(e) => form.setValue(name, e.target.value as V[typeof name])}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

export function CheckboxField<V>({ form, name, label, hint, className, errorLabel }: BaseProps<V> & { label: string }) {
  const id = inputId(form.id, name);
  const raw = form.error(name);
  const error = raw ? (errorLabel ?? errorText(label, raw)) : undefined;
  return (
    <div className={`field field-check ${className ?? ''}`}>
      <div className="check-row">
        <input
          id={id}
          type="checkbox"
          className="checkbox"
          checked={Boolean(form.values[name])}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
          data-form={form.id}
          data-field={name}
          data-testid={`input-${name}`}
          onChange={(e) => {
            form.setValue(name, e.target.checked as V[typeof name]);
            form.blur(name);
          }}
        />
        <div>
          <label htmlFor={id} className="check-label">
            {label}
          </label>
          {hint && (
            <p className="field-hint" id={`${id}-hint`}>
              {hint}
            </p>
          )}
        </div>
      </div>
      <FieldError formId={form.id} field={name} message={error} />
    </div>
  );
}

/** A yes/no or one-of-n choice as large option cards with a title and an explanation each. */
export function ChoiceField<V, T extends string | boolean>({
  form,
  name,
  legend,
  options,
  testIdPrefix,
}: {
  form: FormApi<V>;
  name: keyof V & string;
  legend: string;
  options: { value: T; title: string; description: ReactNode }[];
  testIdPrefix: string;
}) {
  const raw = form.error(name);
  return (
    <fieldset className="field choice-field">
      <legend className="field-label">{legend}</legend>
      <div className="choices">
        {options.map((o) => {
          const id = `${form.id}-${name}-${String(o.value)}`;
          const checked = form.values[name] === o.value;
          return (
            <label key={String(o.value)} htmlFor={id} className={`choice${checked ? ' is-checked' : ''}`}>
              <input
                id={id}
                type="radio"
                name={`${form.id}-${name}`}
                className="radio"
                checked={checked}
                data-form={form.id}
                data-field={name}
                data-testid={`${testIdPrefix}-${String(o.value)}`}
                onChange={() => form.setValue(name, o.value as unknown as V[typeof name])}
              />
              <span className="choice-text">
                <span className="choice-title">{o.title}</span>
                <span className="choice-desc">{o.description}</span>
              </span>
            </label>
          );
        })}
      </div>
      <FieldError formId={form.id} field={name} message={raw ? errorText(legend, raw) : undefined} />
    </fieldset>
  );
}
