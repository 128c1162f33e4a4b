// Billing → Rates: the month close's rates with their defaults. Everybody with Billing reads them; a user with
// the platform operator role edits them here: checked inline with the console's own input schema and the
// store's rules across rates (`checkRates`), a "Reset to default" per rate, Save. A change applies to months
// closed from then on; issued documents never change.
import { useEffect, useState } from 'react';
import { billingSetRatesSchema, type SetRatesRequest } from '../../../src-shared/api/billing-inputs';
import type { RateView } from '../../../src-shared/api/billing-types';
import type { FieldErrors } from '../../../src-shared/api/errors';
import { fieldErrorsOf } from '../../../src-shared/api/validation';
import { applyRatesChange, checkRates, parseRateValue, type BillingRateKey, type BillingRates } from '../../../src-shared/domain/billing-rates';
import { useActions, useApp } from '../../state/store-context';
import { useCapabilities } from '../../state/use-capabilities';
import { errorText, FieldError } from '../../ui/fields';
import { Icon } from '../../ui/icons';
import { bpToPercentText } from '../../ui/money';
import { LoadableCard } from '../../ui/loadable';
import { Callout, SkeletonRows } from '../../ui/states';
import { Table } from '../../ui/table';
import { useForm } from '../../ui/use-form';
import { Form } from '../../ui/form';
import './billing-rates-tab.css';

type RateTexts = Record<BillingRateKey, string>;

const WHO_CHANGES =
  'Only the platform operator changes these: a user with the operator role, here in the console, or with partnerdeck billing rates --set KEY=VALUE. Every rate shows its default.';
const SUFFIX: Partial<Record<RateView['unit'], string>> = { percent: '%', days: 'days' };

/** A rate's value as it is typed: percentages without the sign ("4.5"), days as a number, text as is. */
function textOf(view: RateView, value: string | number): string {
  return view.unit === 'percent' ? bpToPercentText(value as number) : String(value);
}

function currentRates(views: RateView[]): BillingRates {
  return Object.fromEntries(views.map((v) => [v.key, v.value])) as unknown as BillingRates;
}

/**
 * The form's texts as the console's request: the changed values, and rates typed back to their default as
 * resets. A text that does not parse is sent as typed, so the schema names the field and the problem.
 */
export function ratesRequest(views: RateView[], texts: RateTexts): SetRatesRequest {
  const set: Record<string, unknown> = {};
  const reset: BillingRateKey[] = [];
  for (const v of views) {
    const text = texts[v.key];
    if (text === textOf(v, v.value)) continue;
    const parsed = parseRateValue(v.key, text);
    if (parsed !== null && parsed === v.value) continue;
    if (parsed !== null && parsed === v.defaultValue) reset.push(v.key);
    else set[v.key] = parsed ?? text;
  }
  return { ...set, ...(reset.length > 0 ? { reset } : {}) } as SetRatesRequest;
}

/**
 * The same checks as the console: the input schema, then the rules across rates (`checkRates`) on the set the
 * valid values would make, so a cross-rate problem shows while another field is still wrong.
 */
function validateRates(views: RateView[]) {
  return (texts: RateTexts): FieldErrors => {
    const request = ratesRequest(views, texts);
    if (Object.keys(request).length === 0) return {};
    const parsed = billingSetRatesSchema.safeParse(request);
    const errors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
    const { reset = [], ...rest } = request;
    const set = Object.fromEntries(Object.entries(rest).filter(([key]) => !errors[key])) as Partial<BillingRates>;
    const problems = checkRates(applyRatesChange(currentRates(views), set, reset));
    for (const [key, problem] of Object.entries(problems)) errors[key] ??= [problem];
    return errors;
  };
}

export function RatesTab() {
  const rates = useApp((s) => s.billing.rates);
  const caps = useCapabilities();
  const actions = useActions();
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    void actions.loadRates();
  }, [actions]);
  const canEdit = caps.editRates;
  return (
    <LoadableCard
      flush
      testId="billing-rates"
      title="Rates of the month close"
      description={canEdit ? 'You set these as the platform operator. Every rate shows its default.' : <span data-testid="rates-who">{WHO_CHANGES}</span>}
      actions={
        canEdit && !editing && rates.data ? (
          <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="rates-edit">
            <Icon name="edit" /> Edit rates
          </button>
        ) : undefined
      }
      value={rates}
      onRetry={() => void actions.loadRates()}
      loading={<SkeletonRows rows={8} columns={3} />}
    >
      {(views) => (editing && canEdit ? <RatesEditor views={views} onDone={() => setEditing(false)} /> : <RatesTable views={views} />)}
    </LoadableCard>
  );
}

function RatesTable({ views }: { views: RateView[] }) {
  return (
    <Table
      className="table billing-table"
      rows={views}
      rowKey={(r) => r.key}
      rowTestId={(r) => `rate-${r.key}`}
      columns={[
        { header: 'Setting', cellClassName: () => 'strong', cell: (r) => r.label },
        {
          header: 'Value',
          cellTestId: () => 'rate-value',
          cell: (r) => (
            <>
              {r.display || <span className="muted">—</span>} {!r.isDefault && <span className="badge badge-admin">changed</span>}
            </>
          ),
        },
        { header: 'Default', cellClassName: () => 'muted', cellTestId: () => 'rate-default', cell: (r) => r.defaultDisplay || '—' },
        { header: 'What it does', cellClassName: () => 'small muted', cell: (r) => r.description },
      ]}
    />
  );
}

function RatesEditor({ views, onDone }: { views: RateView[]; onDone: () => void }) {
  const actions = useActions();
  const form = useForm<RateTexts>('rates', Object.fromEntries(views.map((v) => [v.key, textOf(v, v.value)])) as RateTexts, validateRates(views), { leaveGuard: 'Billing rates' });
  const pending = Object.keys(ratesRequest(views, form.values)).length > 0;
  const save = () =>
    form.submit(async (texts) => {
      await actions.saveRates(ratesRequest(views, texts));
      onDone();
    });
  return (
    <Form data-testid="rates-form" noValidate onSubmit={save}>
      <div className="rates-note">
        <Callout title="Changes apply to months closed from now on" testId="rates-edit-note">
          Documents already issued never change; a correction is a new document. Previews of open months follow the new rates at once. Each change is
          recorded in the audit log with your name.
        </Callout>
      </div>
      <table className="table billing-table rates-edit">
        <thead>
          <tr>
            <th>Setting</th>
            <th>Value</th>
            <th>Default</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {views.map((v) => {
            const id = `rates-${v.key}`;
            const raw = form.error(v.key);
            const error = raw ? errorText(v.label, raw) : undefined;
            const defaultText = textOf(v, v.defaultValue);
            const atDefault = parseRateValue(v.key, form.values[v.key]) === v.defaultValue;
            const changed = form.values[v.key] !== textOf(v, v.value);
            return (
              <tr key={v.key} data-testid={`rate-${v.key}`}>
                <td>
                  <label htmlFor={id} className="strong">
                    {v.label}
                  </label>
                  <div className="small muted">{v.description}</div>
                </td>
                <td>
                  <span className="inline-field">
                    <input
                      id={id}
                      className={`input ${SUFFIX[v.unit] || v.unit === 'country' ? 'input-small' : 'input-rate-text'}${error ? ' is-invalid' : ''}`}
                      value={form.values[v.key]}
                      inputMode={v.unit === 'percent' ? 'decimal' : v.unit === 'days' ? 'numeric' : 'text'}
                      spellCheck={false}
                      autoComplete="off"
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                      data-form={form.id}
                      data-field={v.key}
                      data-testid={`input-${v.key}`}
                      onChange={(e) => form.setValue(v.key, e.target.value)}
                      onBlur={() => form.blur(v.key)}
                    />
                    {SUFFIX[v.unit] && <span className="muted">{SUFFIX[v.unit]}</span>}
                    {changed && !error && <span className="badge badge-admin">unsaved</span>}
                  </span>
                  <FieldError formId={form.id} field={v.key} message={error} />
                </td>
                <td className="muted" data-testid="rate-default">
                  {v.defaultDisplay || '—'}
                </td>
                <td className="col-actions">
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    disabled={atDefault}
                    onClick={() => {
                      form.setValue(v.key, defaultText);
                      form.blur(v.key);
                    }}
                    data-testid="rate-reset"
                  >
                    Reset to default
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="rates-actions">
        <span className="muted small">{pending ? 'Unsaved changes.' : 'No changes yet.'}</span>
        <button type="button" className="btn btn-ghost" onClick={onDone} data-testid="rates-cancel">
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={!pending || form.submitting} data-testid="rates-save">
          Save rates
        </button>
      </div>
    </Form>
  );
}
