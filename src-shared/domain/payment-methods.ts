// A company's payment method on file (seed: "charges and credits are processed using the payment data stored for
// the shop owner"; docs/billing.md "Payment methods"): a card or a SEPA direct-debit mandate. The form takes the
// full card number or IBAN, this module checks it (card numbers: the issuer's lengths and the Luhn check digit,
// with card-validator; IBANs: country format and the mod-97 check digits, with ibantools; the expiry against the
// platform clock's month) and keeps only the masked parts: brand and last four digits, or the IBAN's country and
// last four characters. Nothing else of the number is ever stored, logged or sent anywhere. Also here: how an
// issued invoice or credit note says it is charged or credited ("Debited from SEPA mandate …4411 on 5 Jan 2027").
// Used by the core (the one check before anything is written), the console's form (the same check as you type)
// and the document views (console, PDF).
import cardValidator from 'card-validator';
import { electronicFormatIBAN, getCountrySpecifications, isSEPACountry, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { findCountry } from './countries';

export const PAYMENT_METHOD_KINDS = ['card', 'sepa'] as const;
export type PaymentMethodKind = (typeof PAYMENT_METHOD_KINDS)[number];

/** What is kept of a card: never the number, only the brand and its last four digits. */
export interface MaskedCard {
  kind: 'card';
  /** The card network as printed ("Visa", "Mastercard", "American Express"). */
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  holder: string;
}

/** What is kept of a SEPA mandate: the IBAN's country and last four characters, the mandate's reference and date. */
export interface MaskedSepa {
  kind: 'sepa';
  ibanCountry: string;
  ibanLast4: string;
  holder: string;
  mandateReference: string;
  /** The day the mandate was signed, YYYY-MM-DD. */
  signedOn: string;
}

export type MaskedPaymentMethod = MaskedCard | MaskedSepa;

/** What the form and `company payment-method set` send: the full number, checked and masked before it is stored. */
export type PaymentMethodEntry =
  | { kind: 'card'; number: string; expiry: string; holder: string }
  | { kind: 'sepa'; iban: string; holder: string; mandateReference: string; signedOn: string };

/** The platform clock's day, as the checks need it (expiry month, mandate date not in the future). */
export interface ClockDay {
  year: number;
  /** 1-12. */
  month: number;
  /** YYYY-MM-DD. */
  iso: string;
}

export function clockDayOf(epochMs: number): ClockDay {
  const d = new Date(epochMs);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  return { year, month, iso: `${year}-${String(month).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}` };
}

export type FieldProblems = Record<string, string[]>;

export type CheckResult = { ok: true; method: MaskedPaymentMethod } | { ok: false; fields: FieldProblems };

/** Holder names: what a card or a SEPA mandate carries (SEPA allows 70 characters). */
export const HOLDER_MAX = 70;
/** SEPA mandate references: at most 35 characters of the SEPA character set (EPC rulebook). */
export const MANDATE_REFERENCE_MAX = 35;
const MANDATE_REFERENCE = /^[A-Za-z0-9+?/\-:().,' ]+$/;
// Control characters and the Unicode line/paragraph separators are never part of a name.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function checkHolder(holder: string, problems: FieldProblems): string {
  const value = holder.trim().replace(/\s+/g, ' ');
  if (value === '') problems.holder = ['is required (the name on the card or account)'];
  else if (value.length > HOLDER_MAX) problems.holder = [`must be at most ${HOLDER_MAX} characters`];
  else if (CONTROL.test(value)) problems.holder = ['may not contain control characters'];
  return value;
}

/** "12/28", "12/2028", "12-28", "1/29" -> month and four-digit year; null when it is not an expiry date. */
export function parseExpiry(text: string): { month: number; year: number } | null {
  const match = /^\s*(\d{1,2})\s*[/-]\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return null;
  return { month, year };
}

/** Cards are valid to the end of their expiry month. */
export function cardExpired(card: Pick<MaskedCard, 'expMonth' | 'expYear'>, today: ClockDay): boolean {
  return card.expYear < today.year || (card.expYear === today.year && card.expMonth < today.month);
}

/** Only the digits of a card number (spaces and dashes are how people type them); null when anything else is there. */
export function cardDigits(number: string): string | null {
  const compact = number.replace(/[\s-]/g, '');
  return /^\d+$/.test(compact) ? compact : null;
}

/** The card network of a (partly typed) number, as printed ("Visa"), or null. */
export function cardBrandOf(number: string): string | null {
  const digits = cardDigits(number);
  if (!digits) return null;
  return cardValidator.number(digits).card?.niceType ?? null;
}

function checkCard(entry: Extract<PaymentMethodEntry, { kind: 'card' }>, today: ClockDay, problems: FieldProblems): MaskedCard | null {
  const digits = cardDigits(entry.number);
  let brand: string | null = null;
  if (entry.number.trim() === '') problems.number = ['is required'];
  else if (!digits) problems.number = ['may contain only digits (spaces and dashes are fine)'];
  else {
    const verdict = cardValidator.number(digits);
    const card = verdict.card;
    if (!card) problems.number = ['is not a card number of a known network (Visa, Mastercard, American Express, …)'];
    else if (!card.lengths.includes(digits.length)) {
      problems.number = [`has ${digits.length} digits; a ${card.niceType} number has ${card.lengths.join(' or ')}`];
    } else if (!verdict.isValid) problems.number = ['has a wrong check digit (Luhn): look for a typo'];
    else brand = card.niceType;
  }
  const expiry = parseExpiry(entry.expiry);
  if (entry.expiry.trim() === '') problems.expiry = ['is required (MM/YY)'];
  else if (!expiry) problems.expiry = ['must be the month and year on the card as MM/YY (e.g. 08/29)'];
  else if (cardExpired({ expMonth: expiry.month, expYear: expiry.year }, today)) {
    problems.expiry = [`is in the past: the card expired at the end of ${String(expiry.month).padStart(2, '0')}/${expiry.year} (today is ${formatDay(today.iso)})`];
  } else if (expiry.year > today.year + 20) problems.expiry = [`is more than 20 years ahead (${expiry.year}): look for a typo`];
  const holder = checkHolder(entry.holder, problems);
  if (Object.keys(problems).length > 0 || !digits || !brand || !expiry) return null;
  return { kind: 'card', brand, last4: digits.slice(-4), expMonth: expiry.month, expYear: expiry.year, holder };
}

/** Our country list covers where companies are; IBANs come from more places (Intl knows every region's name). */
function countryNameOf(code: string): string {
  const known = findCountry(code)?.name;
  if (known) return known;
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function ibanProblem(iban: string): string | null {
  const country = iban.slice(0, 2);
  const spec = getCountrySpecifications()[country];
  const countryName = countryNameOf(country);
  const verdict = validateIBAN(iban);
  if (verdict.valid) {
    return isSEPACountry(country) ? null : `is from ${countryName}, which is outside SEPA: a SEPA mandate needs the IBAN of an account in a SEPA country`;
  }
  const codes = verdict.errorCodes;
  if (codes.includes(ValidationErrorsIBAN.NoIBANCountry) || !spec?.chars) return `does not start with the code of a country that has IBANs (e.g. DE, AT, FR)`;
  if (codes.includes(ValidationErrorsIBAN.WrongBBANLength)) return `has ${iban.length} characters; an IBAN from ${countryName} has ${spec.chars}`;
  if (codes.includes(ValidationErrorsIBAN.WrongBBANFormat)) return `does not have the format of an IBAN from ${countryName}`;
  if (codes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) return `has a wrong account check digit for ${countryName}: look for a typo`;
  return 'has wrong check digits (mod 97): look for a typo';
}

function checkSepa(entry: Extract<PaymentMethodEntry, { kind: 'sepa' }>, today: ClockDay, problems: FieldProblems): MaskedSepa | null {
  const iban = electronicFormatIBAN(entry.iban) ?? '';
  if (iban === '') problems.iban = ['is required'];
  else if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) problems.iban = ['may contain only letters and digits (spaces are fine), starting with the country code (e.g. DE89 3704 …)'];
  else {
    const problem = ibanProblem(iban);
    if (problem) problems.iban = [problem];
  }
  const reference = entry.mandateReference.trim();
  if (reference === '') problems.mandateReference = ['is required (the reference printed on the signed mandate)'];
  else if (reference.length > MANDATE_REFERENCE_MAX) problems.mandateReference = [`must be at most ${MANDATE_REFERENCE_MAX} characters`];
  else if (!MANDATE_REFERENCE.test(reference)) problems.mandateReference = ["may contain only letters, digits, spaces and + ? / - : ( ) . , '"];
  const signedOn = entry.signedOn.trim();
  if (signedOn === '') problems.signedOn = ['is required (the day the mandate was signed)'];
  else if (!isDay(signedOn)) problems.signedOn = ['must be a date as YYYY-MM-DD (e.g. 2026-11-30)'];
  else if (signedOn > today.iso) problems.signedOn = [`is in the future (today is ${formatDay(today.iso)})`];
  const holder = checkHolder(entry.holder, problems);
  if (Object.keys(problems).length > 0) return null;
  return { kind: 'sepa', ibanCountry: iban.slice(0, 2), ibanLast4: iban.slice(-4), holder, mandateReference: reference, signedOn };
}

/** Checks what was typed and masks it. Problems are by field (number, expiry, holder / iban, mandateReference, signedOn). */
export function checkPaymentMethod(entry: PaymentMethodEntry, today: ClockDay): CheckResult {
  const problems: FieldProblems = {};
  const method = entry.kind === 'card' ? checkCard(entry, today, problems) : checkSepa(entry, today, problems);
  return method ? { ok: true, method } : { ok: false, fields: problems };
}

/** A masked IBAN as shown: "DE•• •••• •••• •••• ••44 11" is noisy; we show the country and the last four: "DE …4411". */
export function maskedIban(method: Pick<MaskedSepa, 'ibanCountry' | 'ibanLast4'>): string {
  return `${method.ibanCountry} …${method.ibanLast4}`;
}

/** One line naming a method: "Visa …4242", "SEPA mandate …4411". */
export function paymentMethodLabel(method: MaskedPaymentMethod): string {
  return method.kind === 'card' ? `${method.brand} …${method.last4}` : `SEPA mandate …${method.ibanLast4}`;
}

/** The second line: "expires 08/2029 · Anna Huber", "DE …4411 · mandate PD-0042 signed 5 Jan 2026 · Anna Huber". */
export function paymentMethodDetail(method: MaskedPaymentMethod): string {
  return method.kind === 'card'
    ? `expires ${String(method.expMonth).padStart(2, '0')}/${method.expYear} · ${method.holder}`
    : `${maskedIban(method)} · mandate ${method.mandateReference} signed ${formatDay(method.signedOn)} · ${method.holder}`;
}

/** Whether a method can be charged on a day (a card that has expired cannot). */
export function methodProblem(method: MaskedPaymentMethod | null, today: ClockDay): 'missing' | 'expired' | null {
  if (!method) return 'missing';
  return method.kind === 'card' && cardExpired(method, today) ? 'expired' : null;
}

// ---- Days ---------------------------------------------------------------------------------------------

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function isDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** "2027-01-05" (or an ISO time) -> "5 Jan 2027", the same in every locale (documents must not depend on one). */
export function formatDay(isoDay: string): string {
  const [year, month, day] = [isoDay.slice(0, 4), Number(isoDay.slice(5, 7)), Number(isoDay.slice(8, 10))];
  return `${day} ${SHORT_MONTHS[month - 1]} ${year}`;
}

// ---- What a document says ------------------------------------------------------------------------------

/**
 * How an issued invoice or credit note of the platform is settled, decided when it is issued and kept with it
 * (documents never change): charged to or refunded to the recipient's method on file on `date`, or waiting for
 * payment details. The recipient is the payer: a Direct client for its own documents, the partner for its
 * combined documents (its managed clients' parts are settled with them, through the partner's method).
 */
export type DocumentSettlement =
  | { status: 'method'; payerCompanyId: number; payerName: string; method: MaskedPaymentMethod; date: string | null }
  | { status: 'awaiting'; payerCompanyId: number; payerName: string; reason: 'missing' | 'expired'; method: MaskedPaymentMethod | null };

export type SettledDocumentType = 'invoice' | 'credit_note';

/** The document's sentence: "Debited from SEPA mandate …4411 on 5 Jan 2027 (mandate reference NW-2026-01)." */
export function settlementSentence(type: SettledDocumentType, settlement: DocumentSettlement): string {
  if (settlement.status === 'awaiting') {
    const why =
      settlement.reason === 'expired' && settlement.method
        ? `the ${paymentMethodLabel(settlement.method)} on file for ${settlement.payerName} has expired`
        : `${settlement.payerName} has no payment method on file`;
    return `Awaiting payment details: ${why}. The amount is ${type === 'invoice' ? 'charged' : 'paid out'} once a card or SEPA mandate is added in Company settings.`;
  }
  const { method } = settlement;
  const on = settlement.date ? ` on ${formatDay(settlement.date)}` : ' when issued';
  if (type === 'invoice') {
    return method.kind === 'sepa'
      ? `Debited from SEPA mandate …${method.ibanLast4}${on} (mandate reference ${method.mandateReference}).`
      : `Charged to ${method.brand} …${method.last4}${on}.`;
  }
  return method.kind === 'sepa' ? `Refunded to the account of SEPA mandate …${method.ibanLast4} (${maskedIban(method)})${on}.` : `Refunded to ${method.brand} …${method.last4}${on}.`;
}

/** A managed shop's part inside its partner's document: settled with the document, with the partner's method. */
export function partSettlementSentence(type: SettledDocumentType, settlement: DocumentSettlement): string {
  if (settlement.status === 'awaiting') {
    return `Via Partner: settled with this document by ${settlement.payerName}, which is awaiting payment details.`;
  }
  const verb = type === 'invoice' ? 'charged to' : 'refunded to';
  return `Via Partner: settled with this document by ${settlement.payerName}, ${verb} its ${paymentMethodLabel(settlement.method)}.`;
}
