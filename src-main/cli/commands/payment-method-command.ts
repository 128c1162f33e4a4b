// `partnerdeck company payment-method show|set|remove` (docs/billing.md "Payment methods"): a company's card or SEPA
// mandate on file, as the operator. `set` takes the full card number or IBAN, which the platform checks (Luhn / IBAN
// mod 97, the expiry by the platform clock) and stores masked (brand or country and the last four): the full number
// is never written anywhere. Problems name the flag; nothing is written then.
import type { PaymentMethodView } from '../../../src-shared/api/billing-types';
import { clockDayOf, type PaymentMethodEntry } from '../../../src-shared/domain/payment-methods';
import { OPERATOR } from '../../core/access';
import { UsageError, type CliIo } from '../cli-io';
import { jsonOption, positiveInt, required, type Command } from '../command-kit';

const ACTIONS = ['show', 'set', 'remove'] as const;

function printView(io: CliIo, view: PaymentMethodView): void {
  io.out(`${view.companyName} (company ${view.companyId}): ${view.method ? view.method.label : 'no payment method on file'}`);
  if (view.method) io.out(`  ${view.method.detail}`);
  if (view.method) io.out(`  set ${view.method.updatedAt.slice(0, 10)} by ${view.method.updatedBy}`);
  if (view.chargedTo.kind === 'partner') {
    io.out(`  Via Partner: its platform documents go to ${view.chargedTo.partnerName}, charged to ${view.chargedTo.partnerMethod ?? "the partner's method (none on file yet)"}`);
  } else if (view.chargedTo.kind === 'never_billed') io.out(`  ${view.chargedTo.reason}`);
  else if (view.problem === 'missing') io.out('  ! its invoices and credit notes will say "awaiting payment details" until a card or SEPA mandate is added');
  else if (view.problem === 'expired') io.out('  ! the card has expired: its invoices and credit notes will say "awaiting payment details"');
}

/** The flags of `set` as the form's fields: a card (--card) or a SEPA mandate (--iban), never both. The holder
 * defaults to the company's name, the mandate's date to today by the platform clock. */
function entryOf(values: Record<string, unknown>, companyName: string, today: string): PaymentMethodEntry {
  const text = (key: string, fallback = '') => (typeof values[key] === 'string' ? (values[key] as string) : fallback);
  const card = values.card !== undefined;
  const sepa = values.iban !== undefined;
  if (card === sepa) throw new UsageError('set needs either --card (a card number) or --iban (a SEPA mandate)');
  if (card) {
    for (const flag of ['mandate', 'signed']) if (values[flag] !== undefined) throw new UsageError(`--${flag} is for a SEPA mandate (--iban), not a card`);
    return { kind: 'card', number: text('card'), expiry: text('expiry'), holder: text('holder', companyName) };
  }
  if (values.expiry !== undefined) throw new UsageError('--expiry is for a card (--card), not a SEPA mandate');
  return { kind: 'sepa', iban: text('iban'), holder: text('holder', companyName), mandateReference: text('mandate'), signedOn: text('signed', today) };
}

export const companyPaymentMethod: Command = {
  name: 'company payment-method',
  summary: "Show, set or remove a company's payment method on file (card or SEPA mandate, stored masked)",
  description: [
    "Direct clients' invoices and credit notes (and a partner's combined documents) are charged or credited with the",
    "company's payment method on file; without one they say \"awaiting payment details\". `set` checks the full card",
    'number (card network, length, Luhn check digit; expiry not past by the platform clock) or IBAN (country format,',
    'mod-97 check digits, a SEPA country) and stores only the brand or country and the last four: the full number is',
    'never stored, logged or sent anywhere. Runs as the platform operator.',
  ].join(' '),
  arguments: [{ name: 'action', description: 'show, set or remove', required: true, choices: ACTIONS }],
  options: {
    company: { value: 'ID', description: 'the company', required: true, field: 'companyId' },
    card: { value: 'NUMBER', description: 'set: a card number (spaces allowed; only brand and last four are kept)', field: 'number' },
    expiry: { value: 'MM/YY', description: "set: the card's expiry month" },
    iban: { value: 'IBAN', description: "set: a SEPA mandate's IBAN (only country and last four are kept)" },
    mandate: { value: 'REF', description: "set: the mandate's reference (up to 35 characters)", field: 'mandateReference' },
    signed: { value: 'YYYY-MM-DD', description: 'set: the day the mandate was signed (default: today by the platform clock)', field: 'signedOn' },
    holder: { value: 'NAME', description: "set: the name on the card or account (default: the company's name)" },
    yes: { description: 'remove: yes, remove it (its next documents say "awaiting payment details")' },
    json: jsonOption('the payment method view (masked)'),
  },
  examples: [
    'company payment-method show --company 4',
    'company payment-method set --company 4 --card 4242424242424242 --expiry 08/29',
    'company payment-method set --company 4 --iban DE89370400440532013000 --mandate NW-0001',
    'company payment-method remove --company 4 --yes',
  ],
  async run({ values, positionals, io, openPlatform }) {
    const action = positionals[0] as (typeof ACTIONS)[number];
    const companyId = positiveInt(required(values, 'company'), 'company')!;
    if (action !== 'set') {
      for (const flag of ['card', 'expiry', 'holder', 'iban', 'mandate', 'signed']) {
        if (values[flag] !== undefined) throw new UsageError(`--${flag} is only for \`set\``);
      }
    }
    if (action === 'remove' && !values.yes) {
      throw new UsageError(`remove needs --yes: company ${companyId}'s next invoices and credit notes will say "awaiting payment details"`);
    }
    if (action === 'set' && values.card === undefined && values.iban === undefined) throw new UsageError('set needs either --card (a card number) or --iban (a SEPA mandate)');
    const platform = openPlatform('none');
    try {
      const methods = platform.billing.paymentMethods;
      const current = await methods.get(OPERATOR, companyId);
      const entry = action === 'set' ? entryOf(values, current.companyName, clockDayOf(platform.clock.now()).iso) : null;
      const view = entry ? await methods.set(OPERATOR, companyId, entry) : action === 'remove' ? await methods.remove(OPERATOR, companyId) : current;
      if (values.json) io.out(JSON.stringify(view));
      else {
        if (action === 'set') io.out(`Saved: only ${view.method!.label} is kept, never the full number.`);
        if (action === 'remove') io.out('Removed.');
        printView(io, view);
      }
      return 0;
    } finally {
      platform.close();
    }
  },
};
