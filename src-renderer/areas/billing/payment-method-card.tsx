// Company settings → Payment method (docs/billing.md "Payment methods"): the card or SEPA mandate the platform
// charges the company's invoices to and pays its credit notes out to, shown masked ("Visa …4242", "SEPA mandate
// …4411"); the company's administrator or its managing partner adds, replaces or removes it (removing asks first).
// The form takes the full number and checks it as you type with the very check the core runs (card network and
// Luhn, IBAN and mod 97, the expiry by the platform clock); only the masked parts are stored. The typed number
// lives in this form only while it is open: saving or cancelling clears it.
import { useEffect, useMemo, useState } from 'react';
import type { PaymentMethodView } from '../../../src-shared/api/billing-types';
import type { Company } from '../../../src-shared/api/types';
import { cardBrandOf, checkPaymentMethod, formatDay, type PaymentMethodEntry } from '../../../src-shared/domain/payment-methods';
import { useLeaveGuard } from '../../router/leave-guard';
import { useActions, useApp } from '../../state/store-context';
import { ConfirmActionDialog, ConfirmDialog } from '../../ui/dialog';
import { TextField } from '../../ui/fields';
import { CancelConfirm } from '../../ui/form-footer';
import { formatDateTime } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { Loaded } from '../../ui/loadable';
import { Card } from '../../ui/page';
import { Segmented } from '../../ui/segmented';
import { Callout, SkeletonBlock } from '../../ui/states';
import { useConfirmedAction } from '../../ui/use-action';
import { useForm, type FormApi } from '../../ui/use-form';
import { Form } from '../../ui/form';
import './payment-method-card.css';

interface EntryValues {
  kind: 'card' | 'sepa';
  number: string;
  expiry: string;
  holder: string;
  iban: string;
  mandateReference: string;
  signedOn: string;
}

const blank = (holder: string, today: string): EntryValues => ({ kind: 'card', number: '', expiry: '', holder, iban: '', mandateReference: '', signedOn: today });

function entryOf(values: EntryValues): PaymentMethodEntry {
  return values.kind === 'card'
    ? { kind: 'card', number: values.number, expiry: values.expiry, holder: values.holder }
    : { kind: 'sepa', iban: values.iban, holder: values.holder, mandateReference: values.mandateReference, signedOn: values.signedOn };
}

export function PaymentMethodCard({ company }: { company: Company }) {
  const view = useApp((s) => s.paymentMethods.byCompany[company.id]);
  const actions = useActions();
  useEffect(() => {
    void actions.loadPaymentMethod(company.id);
  }, [actions, company.id]);
  return (
    <Card
      title="Payment method"
      description="What the platform charges invoices to and pays credit notes out to. Only the brand or country and the last four digits are kept."
      testId="payment-method"
    >
      <Loaded value={view} errorTitle="Could not load the payment method" onRetry={() => void actions.loadPaymentMethod(company.id)} loading={<SkeletonBlock />}>
        {(shown) => <PaymentMethodBody view={shown} />}
      </Loaded>
    </Card>
  );
}

function PaymentMethodBody({ view }: { view: PaymentMethodView }) {
  const actions = useActions();
  const [editing, setEditing] = useState(false);
  const remove = useConfirmedAction((v: PaymentMethodView) => actions.removePaymentMethod(v.companyId));
  const { method } = view;

  if (editing) return <PaymentMethodForm view={view} onDone={() => setEditing(false)} />;
  return (
    <div className="pm-body">
      {method ? (
        <div className={`pm-method${view.problem === 'expired' ? ' pm-method-expired' : ''}`} data-testid="payment-method-current">
          <BrandMark method={method} />
          <div className="pm-method-text">
            <div className="pm-method-label" data-testid="payment-method-label">
              {method.label}
            </div>
            <div className="pm-method-detail">{method.detail}</div>
            <div className="muted small">
              Added {formatDateTime(method.updatedAt)} by {method.updatedBy.replace(/^user:/, '')}
            </div>
          </div>
        </div>
      ) : (
        <div className="pm-empty muted" data-testid="payment-method-none">
          <Icon name="receipt" size={18} /> No payment method on file.
        </div>
      )}

      <ChargedTo view={view} />

      {view.canEdit ? (
        <div className="pm-actions">
          <button type="button" className="btn btn-primary" onClick={() => setEditing(true)} data-testid="payment-method-edit">
            <Icon name={method ? 'edit' : 'plus'} size={14} /> {method ? 'Replace' : 'Add payment method'}
          </button>
          {method && (
            <button type="button" className="btn btn-danger-outline" onClick={() => remove.ask(view)} data-testid="payment-method-remove">
              Remove
            </button>
          )}
        </div>
      ) : (
        <p className="muted small">Only {view.companyName}'s administrator or its managing partner can change it.</p>
      )}

      <ConfirmActionDialog action={remove} title={() => 'Remove the payment method?'} confirmLabel="Remove" danger>
        {(v) => (
          <p>
            {v.method?.label} is removed from {v.companyName}. Its invoices and credit notes from the next close on say "awaiting payment details" until a card or SEPA
            mandate is added again. Documents already issued stay as they are.
          </p>
        )}
      </ConfirmActionDialog>
    </div>
  );
}

/** Whose method pays this company's platform documents, and what is wrong if nothing can be charged. */
function ChargedTo({ view }: { view: PaymentMethodView }) {
  const { chargedTo } = view;
  if (chargedTo.kind === 'never_billed') return <Callout tone="sample">{chargedTo.reason}</Callout>;
  if (chargedTo.kind === 'partner') {
    return (
      <Callout tone="info" testId="payment-method-via-partner">
        Via Partner: {view.companyName}'s charges and credits are part of {chargedTo.partnerName}'s documents, settled with{' '}
        {chargedTo.partnerMethod ? <strong>{chargedTo.partnerMethod}</strong> : "the partner's payment method (none on file yet)"}. A method here is used if it switches to
        Direct.
      </Callout>
    );
  }
  if (view.problem === 'missing') {
    return (
      <Callout tone="warning" title="Awaiting payment details" testId="payment-method-missing">
        {view.companyName}'s invoices and credit notes will say "awaiting payment details" until a card or SEPA mandate is added here.
      </Callout>
    );
  }
  if (view.problem === 'expired') {
    return (
      <Callout tone="danger" title="The card has expired" testId="payment-method-expired">
        It cannot be charged: {view.companyName}'s next invoices and credit notes will say "awaiting payment details". Replace it with a valid card or a SEPA mandate.
      </Callout>
    );
  }
  return null;
}

function BrandMark({ method }: { method: NonNullable<PaymentMethodView['method']> }) {
  const text = method.kind === 'sepa' ? 'SEPA' : method.brand === 'American Express' ? 'AMEX' : method.brand === 'Mastercard' ? 'MC' : method.brand.toUpperCase().slice(0, 6);
  return (
    <span className={`pm-brand pm-brand-${method.kind === 'sepa' ? 'sepa' : method.brand.toLowerCase().replace(/[^a-z]+/g, '-')}`} aria-hidden="true">
      {text}
    </span>
  );
}

function PaymentMethodForm({ view, onDone }: { view: PaymentMethodView; onDone: () => void }) {
  const actions = useActions();
  const initial = useMemo(() => blank(view.method?.holder ?? '', view.today.iso), [view.method?.holder, view.today.iso]);
  const validate = useMemo(() => (values: EntryValues) => {
    const checked = checkPaymentMethod(entryOf(values), view.today);
    return checked.ok ? {} : checked.fields;
  }, [view.today]);
  const form = useForm(`payment-method-${view.companyId}`, initial, validate);
  useLeaveGuard(form.dirty, 'The payment details you typed are not saved.');
  const [asking, setAsking] = useState(false);

  const save = () =>
    form.submit(async (values) => {
      await actions.setPaymentMethod({ companyId: view.companyId, ...entryOf(values) });
      // The full number is not kept anywhere once it is saved.
      form.reset(initial);
      onDone();
    });
  const cancel = () => (form.dirty ? setAsking(true) : onDone());

  return (
    <Form className="pm-form" noValidate autoComplete="off" onSubmit={save} data-testid="payment-method-form">
      <Segmented
        label="Kind of payment method"
        value={form.values.kind}
        options={[
          { value: 'card', label: 'Card' },
          { value: 'sepa', label: 'SEPA direct debit' },
        ]}
        onChange={(kind) => form.setValue('kind', kind)}
        testIdPrefix="payment-kind"
      />
      {form.values.kind === 'card' ? <CardFields form={form} /> : <SepaFields form={form} />}
      <p className="muted small pm-privacy">
        <Icon name="lock" size={12} /> Checked on this computer; only {form.values.kind === 'card' ? 'the brand and the last four digits' : "the IBAN's country and last four characters"}{' '}
        are stored. Nothing leaves the machine.
      </p>
      <div className="pm-actions">
        <CancelConfirm onCancel={cancel} busy={form.submitting} confirmType="submit" confirmLabel="Save payment method" confirmIcon="check" confirmTestId="payment-method-save" />
      </div>
      {asking && (
        <ConfirmDialog
          title="Discard the payment details?"
          confirmLabel="Discard"
          danger
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            form.reset(initial);
            setAsking(false);
            onDone();
          }}
        >
          <p>What you typed is not saved and will be cleared.</p>
        </ConfirmDialog>
      )}
    </Form>
  );
}

function CardFields({ form }: { form: FormApi<EntryValues> }) {
  const brand = cardBrandOf(form.values.number);
  return (
    <div className="form-grid">
      <TextField
        form={form}
        name="number"
        label="Card number"
        placeholder="4242 4242 4242 4242"
        inputMode="numeric"
        autoComplete="off"
        maxLength={30}
        className="span-2"
        suffix={brand ? <span data-testid="payment-card-brand">{brand}</span> : undefined}
        autoFocus
      />
      <TextField form={form} name="expiry" label="Expiry" placeholder="MM/YY" inputMode="numeric" maxLength={7} hint="Month and year on the card" />
      <TextField form={form} name="holder" label="Name on the card" maxLength={70} />
    </div>
  );
}

function SepaFields({ form }: { form: FormApi<EntryValues> }) {
  return (
    <div className="form-grid">
      <TextField form={form} name="iban" label="IBAN" placeholder="DE89 3704 0044 0532 0130 00" maxLength={42} className="span-2" autoFocus />
      <TextField form={form} name="holder" label="Account holder" maxLength={70} />
      <TextField form={form} name="mandateReference" label="Mandate reference" maxLength={35} hint="As printed on the signed mandate" />
      <TextField form={form} name="signedOn" label="Signed on" type="date" hint={form.values.signedOn ? formatDay(form.values.signedOn) : undefined} />
    </div>
  );
}
