// Form state with validation by the same zod schemas the console uses at its boundary: errors appear on
// blur and on submit, and field errors the console sends back (ApiError.fields) appear next to the fields.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { ApiError, type FieldErrors } from '../../src-shared/api/errors';
import { fieldErrorsOf } from '../../src-shared/api/validation';
import { useLeaveGuard } from '../router/leave-guard';

export type Validator<V> = (values: V) => FieldErrors;

/** A validator from a zod schema; `toInput` turns form values into the schema's input. */
export function zodValidator<V, S extends z.ZodTypeAny>(schema: S, toInput: (values: V) => unknown, extra?: Validator<V>): Validator<V> {
  return (values) => {
    const result = schema.safeParse(toInput(values));
    const errors: FieldErrors = result.success ? {} : fieldErrorsOf(result.error);
    if (extra) {
      // The extra check knows the form's own units and wording, so it wins over the schema's message.
      for (const [field, problems] of Object.entries(extra(values))) errors[field] = problems;
    }
    return errors;
  };
}

/** How the values of a form that creates or edits one item are checked: each schema on its own input. */
export interface ItemChecks<V, T> {
  create: z.ZodTypeAny;
  update: z.ZodTypeAny;
  toCreate: (values: V) => unknown;
  toUpdate: (values: V, item: T) => unknown;
  /** Checks in the form's own units and words, over the schema's (as in zodValidator). */
  extra?: Validator<V>;
}

/**
 * The form of a drawer that creates an item (`item` null) or edits one: checked by the create schema or by
 * the update schema; its id is `<name>-new` or `<name>-<item id>`.
 */
export function useItemForm<V extends object, T extends { id: number }>(name: string, item: T | null, initial: V, checks: ItemChecks<V, T>): FormApi<V> {
  // useForm checks with the newest validator it was given, so this one needs no memo.
  const validate = item
    ? zodValidator(checks.update, (values: V) => checks.toUpdate(values, item), checks.extra)
    : zodValidator(checks.create, checks.toCreate, checks.extra);
  return useForm<V>(`${name}-${item?.id ?? 'new'}`, initial, validate);
}

export interface FormApi<V> {
  id: string;
  values: V;
  setValue<K extends keyof V>(field: K, value: V[K]): void;
  setValues(values: Partial<V>): void;
  reset(values: V): void;
  blur(field: keyof V & string): void;
  /** The message to show for a field now, or undefined. */
  error(field: string): string | undefined;
  dirty: boolean;
  submitting: boolean;
  /** Validates everything; runs `handler` when valid and maps ApiError field errors when it throws. */
  submit(handler: (values: V) => Promise<void>): Promise<boolean>;
  setServerErrors(errors: FieldErrors): void;
}

export interface FormOptions {
  /**
   * The form's name for the unsaved-changes question ("Discard changes?" naming it): a page or dialog form
   * registers its guard here while it has changes. Forms in a FormDrawer leave it out (the drawer registers).
   */
  leaveGuard?: string;
}

export function useForm<V extends object>(id: string, initial: V, validate: Validator<V>, options: FormOptions = {}): FormApi<V> {
  const [values, setValuesState] = useState<V>(initial);
  const [baseline, setBaseline] = useState<V>(initial);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const validateRef = useRef(validate);
  validateRef.current = validate;

  const clientErrors = useMemo(() => validateRef.current(values), [values]);

  const clearServer = useCallback((fields: string[]) => {
    setServer((prev) => {
      if (!fields.some((f) => prev[f])) return prev;
      const next = { ...prev };
      for (const f of fields) delete next[f];
      return next;
    });
  }, []);

  const setValue = useCallback(
    <K extends keyof V>(field: K, value: V[K]) => {
      setValuesState((prev) => ({ ...prev, [field]: value }));
      clearServer([String(field)]);
    },
    [clearServer],
  );

  const setValues = useCallback(
    (partial: Partial<V>) => {
      setValuesState((prev) => ({ ...prev, ...partial }));
      clearServer(Object.keys(partial));
    },
    [clearServer],
  );

  const reset = useCallback((next: V) => {
    setValuesState(next);
    setBaseline(next);
    setTouched(new Set());
    setSubmitted(false);
    setServer({});
  }, []);

  const blur = useCallback((field: string) => {
    setTouched((prev) => (prev.has(field) ? prev : new Set(prev).add(field)));
  }, []);

  const error = (field: string): string | undefined => {
    const own = server[field]?.[0];
    if (own) return own;
    if (submitted || touched.has(field)) return clientErrors[field]?.[0];
    return undefined;
  };

  const dirty = useMemo(() => JSON.stringify(values) !== JSON.stringify(baseline), [values, baseline]);
  useLeaveGuard(dirty && options.leaveGuard !== undefined, options.leaveGuard ?? '');

  const submit = async (handler: (values: V) => Promise<void>): Promise<boolean> => {
    setSubmitted(true);
    const errors = validateRef.current(values);
    if (Object.keys(errors).length > 0) {
      focusFirstError(id, Object.keys(errors));
      return false;
    }
    setSubmitting(true);
    try {
      await handler(values);
      // What was saved is the new baseline: nothing is left to lose (the leave guard lets go).
      setBaseline(values);
      return true;
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length > 0) {
        setServer(e.fields);
        focusFirstError(id, Object.keys(e.fields));
      }
      return false;
    } finally {
      setSubmitting(false);
    }
  };

  return {
    id,
    values,
    setValue,
    setValues,
    reset,
    blur,
    error,
    dirty,
    submitting,
    submit,
    setServerErrors: setServer,
  };
}

function focusFirstError(formId: string, fields: string[]): void {
  if (typeof document === 'undefined') return;
  requestAnimationFrame(() => {
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(`[data-form="${formId}"][data-field]`))) {
      if (fields.includes(el.dataset.field ?? '')) {
        el.focus();
        return;
      }
    }
  });
}
