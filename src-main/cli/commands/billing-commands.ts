// CLI commands of the month close (docs/billing.md): `close-month` (the operator closes every company, or
// one partner's scope; --preview writes nothing), `documents list|show|pdf|correct`, and `billing rates`
// (the operator's rates, with --set and --reset). They work on the data folder directly.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BillingDocument, ClosePreview, CloseResult, DocumentSummary } from '../../../src-shared/api/billing-types';
import { documentListSchema, MAX_AMOUNT_MINOR } from '../../../src-shared/api/billing-inputs';
import { parseInput } from '../../../src-shared/api/validation';
import { ApiError } from '../../../src-shared/api/errors';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, isMonth } from '../../../src-shared/domain/billing';
import { parseRateValue, RATE_DEFINITIONS, type BillingRateKey, type BillingRates } from '../../../src-shared/domain/billing-rates';
import { formatMinor, parseMinor } from '../../../src-shared/domain/currencies';
import { OPERATOR } from '../../core/access';
import type { Platform } from '../../core/platform';
import { UsageError, type CliIo } from '../cli-io';
import { ifFound, jsonOption, positiveInt, printTable, required, str, type Command, type CommandContext, type CommandGroup } from '../command-kit';
import { partSettlementSentence, settlementSentence } from '../../../src-shared/domain/payment-methods';
import { companyPaymentMethod } from './payment-method-command';

const money = (minor: number, currency: string) => `${formatMinor(minor, currency)} ${currency}`;

function withPlatform<T>(openPlatform: CommandContext['openPlatform'], run: (platform: Platform) => T | Promise<T>): Promise<T> {
  const platform = openPlatform('none');
  return Promise.resolve()
    .then(() => run(platform))
    .finally(() => platform.close());
}

function monthArgument(month: string): string {
  if (!isMonth(month)) throw new UsageError(`<month> must be a month as YYYY-MM, e.g. 2026-10 (got "${month}")`);
  return month;
}

function printTotals(io: CliIo, totals: ClosePreview['totals']): void {
  if (totals.length === 0) return;
  io.out('');
  printTable(
    io,
    totals.map((t) => ({
      currency: t.currency,
      invoices: t.invoices.count,
      invoiced: money(t.invoices.grossMinor, t.currency),
      'credit notes': t.creditNotes.count,
      credited: money(t.creditNotes.grossMinor, t.currency),
      reports: t.reports,
    })),
  );
}

function printWarnings(io: CliIo, warnings: ClosePreview['warnings']): void {
  const shown = warnings.slice(0, 20);
  for (const w of shown) io.out(`! ${w.message}`);
  if (warnings.length > shown.length) io.out(`! … and ${warnings.length - shown.length} more (see --json)`);
}

function documentRows(docs: DocumentSummary[]) {
  return docs.map((d) => ({
    number: d.number,
    type: DOCUMENT_TYPE_LABELS[d.type],
    month: d.month,
    recipient: d.recipientName,
    shops: d.shops || '',
    net: money(d.netMinor, d.currency),
    vat: money(d.vatMinor, d.currency),
    gross: money(d.grossMinor, d.currency),
  }));
}

const closeMonth: Command = {
  name: 'close-month',
  summary: 'Close a month: reports, invoices and credit notes for every billed company (or one partner and its clients)',
  description: `Closes a month that has ended by the platform clock: Direct clients get their own documents, Via Partner clients separate per-shop documents inside their partner's, sample companies nothing. Numbers are gapless; emails announcing the documents land in the outbox. A company's month is closed once: running it again changes nothing and says so (and which orders changed since, for a correction).`,
  arguments: [{ name: 'month', description: 'the month as YYYY-MM, e.g. 2026-10', required: true }],
  options: {
    preview: { description: 'show what the close would issue, with warnings; write nothing' },
    partner: { value: 'ID', description: 'only this partner and its clients (default: every company)' },
    json: jsonOption(
      'the preview {month, state, documents, totals, companies, warnings, fingerprint} or the result {month, closeId, alreadyClosed, companiesClosed, issued, existing, drafts, warnings, message}',
    ),
  },
  examples: ['close-month 2026-10 --preview', 'close-month 2026-10', 'close-month 2026-10 --partner 2 --json'],
  async run({ values, positionals, io, openPlatform }) {
    const month = monthArgument(positionals[0]);
    const partnerId = positiveInt(str(values, 'partner'), 'partner') ?? null;
    return withPlatform(openPlatform, async (platform) => {
      if (partnerId !== null && !ifFound(() => platform.companies.get(OPERATOR, partnerId))?.isPartner) throw new UsageError(`--partner ${partnerId} is not a partner company`);
      if (values.preview) {
        const preview = await platform.billing.closing.preview(OPERATOR, partnerId, month);
        if (values.json) {
          io.out(JSON.stringify(preview));
          return 0;
        }
        io.out(`${preview.monthName} (${preview.state}): ${preview.companies.toClose} of ${preview.companies.inScope} companies to close, ${preview.documents.length} documents would be issued`);
        printTable(
          io,
          preview.documents.map((d) => ({
            type: DOCUMENT_TYPE_LABELS[d.type],
            recipient: d.recipientName,
            billed: d.billedAs === 'partner' ? `partner${d.shops ? ` (${d.shops} shops)` : ''}` : 'direct',
            net: money(d.netMinor, d.currency),
            vat: d.reverseCharge ? 'reverse charge' : money(d.vatMinor, d.currency),
            gross: money(d.grossMinor, d.currency),
          })),
        );
        printTotals(io, preview.totals);
        printWarnings(io, preview.warnings);
        return 0;
      }
      const result: CloseResult = await platform.billing.closing.close(OPERATOR, partnerId, month);
      if (values.json) {
        io.out(JSON.stringify(result));
        return 0;
      }
      io.out(result.message);
      if (result.issued.length > 0) printTable(io, documentRows(result.issued));
      printWarnings(io, result.warnings.filter((w) => w.kind === 'figures_changed' || !result.alreadyClosed));
      return 0;
    });
  },
};

const documentsList: Command = {
  name: 'documents list',
  summary: "Issued documents, newest first (platform documents and partners' invoices to their clients)",
  options: {
    month: { value: 'YYYY-MM', description: 'documents of this period' },
    type: { value: 'report|invoice|credit_note', description: 'only this kind', choices: DOCUMENT_TYPES },
    company: { value: 'ID', description: 'addressed to this company, or with a part about it (a managed shop)', field: 'companyId' },
    currency: { value: 'CODE', description: 'in this currency (e.g. EUR)' },
    search: { value: 'TEXT', description: 'number or recipient name' },
    limit: { value: 'N', description: 'how many (default 50, at most 500)' },
    json: jsonOption('{"items": [...], "total", "offset", "limit"}'),
  },
  examples: ['documents list --month 2026-10', 'documents list --type invoice --company 5 --json'],
  async run({ values, io, openPlatform }) {
    const type = str(values, 'type');
    if (type !== undefined && !(DOCUMENT_TYPES as readonly string[]).includes(type)) throw new UsageError(`--type must be report, invoice or credit_note (got "${type}")`);
    const month = str(values, 'month');
    if (month !== undefined && !isMonth(month)) throw new UsageError(`--month must be a month as YYYY-MM (got "${month}")`);
    const limit = positiveInt(str(values, 'limit'), 'limit') ?? 50;
    if (limit > 500) throw new UsageError(`--limit must be at most 500 (got ${limit})`);
    const query = parseInput(documentListSchema, {
      month,
      type,
      companyId: positiveInt(str(values, 'company'), 'company'),
      currency: str(values, 'currency'),
      search: str(values, 'search') ?? '',
      limit,
    });
    return withPlatform(openPlatform, async (platform) => {
      const { offset, limit: size, ...filter } = query;
      const page = await platform.billing.documents.list(OPERATOR, null, filter, offset, size);
      if (values.json) io.out(JSON.stringify(page));
      else {
        printTable(io, documentRows(page.items));
        if (page.total > page.items.length) io.out(`(${page.items.length} of ${page.total}; narrow the filter or raise --limit)`);
      }
      return 0;
    });
  },
};

async function documentOf(platform: Platform, ref: string): Promise<BillingDocument> {
  try {
    return await platform.billing.documents.get(OPERATOR, null, /^\d+$/.test(ref) ? Number(ref) : ref);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') throw new UsageError(`no document ${ref} (see partnerdeck documents list)`);
    throw error;
  }
}

const documentsShow: Command = {
  name: 'documents show',
  summary: 'One document with its parts (per-shop documents) and lines',
  arguments: [{ name: 'number|id', description: "e.g. PD-INV-2026-000001 (a part's number PD-INV-2026-000001/2 shows its document)", required: true }],
  options: { json: jsonOption('the document as the console shows it') },
  examples: ['documents show PD-INV-2026-000001'],
  async run({ values, positionals, io, openPlatform }) {
    return withPlatform(openPlatform, async (platform) => {
      const doc = await documentOf(platform, positionals[0]);
      if (values.json) {
        io.out(JSON.stringify(doc));
        return 0;
      }
      io.out(`${DOCUMENT_TYPE_LABELS[doc.type]} ${doc.number} — ${doc.month} — from ${doc.issuer.name} to ${doc.recipient.name}`);
      if (doc.correctsNumber) io.out(`corrects ${doc.correctsNumber}: ${doc.reason ?? ''}`);
      for (const section of doc.sections) {
        io.out('');
        io.out(`${section.number ? `${section.number}  ` : ''}${section.title}${section.subtitle ? ` — ${section.subtitle}` : ''}`);
        if (doc.settlement && doc.type !== 'report' && section.companyId !== null && section.companyId !== doc.recipient.companyId) io.out(partSettlementSentence(doc.type, doc.settlement));
        printTable(
          io,
          section.lines.map((l) => ({
            description: l.inTotal ? l.description : `(${l.description})`,
            net: money(l.netMinor, doc.currency),
            vat: money(l.vatMinor, doc.currency),
            gross: money(l.grossMinor, doc.currency),
          })),
        );
      }
      io.out('');
      io.out(`total: ${money(doc.netMinor, doc.currency)} net, ${doc.reverseCharge ? 'reverse charge' : `${money(doc.vatMinor, doc.currency)} VAT`}, ${money(doc.grossMinor, doc.currency)} gross`);
      if (doc.settlement && doc.type !== 'report') io.out(`payment: ${settlementSentence(doc.type, doc.settlement)}`);
      for (const note of doc.notes) io.out(`- ${note}`);
      return 0;
    });
  },
};

const documentsPdf: Command = {
  name: 'documents pdf',
  summary: 'Write a document as PDF',
  arguments: [{ name: 'number|id', description: 'the document', required: true }],
  options: {
    out: { value: 'FILE', description: 'where to write it (default: <number>.pdf in the current folder)', complete: 'file' },
    json: jsonOption('{"file", "bytes"}'),
  },
  examples: ['documents pdf PD-INV-2026-000001 --out invoice.pdf'],
  async run({ values, positionals, io, openPlatform }) {
    return withPlatform(openPlatform, async (platform) => {
      const doc = await documentOf(platform, positionals[0]);
      const pdf = await platform.billing.documents.pdf(OPERATOR, null, doc.id);
      const file = resolve(str(values, 'out') ?? pdf.fileName);
      writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
      io.out(values.json ? JSON.stringify({ file, bytes: pdf.bytes }) : `wrote ${file} (${pdf.bytes} bytes)`);
      return 0;
    });
  },
};

const documentsCorrect: Command = {
  name: 'documents correct',
  summary: 'Issue a correction of an invoice or credit note (a new document; the original never changes)',
  arguments: [{ name: 'number|id', description: 'the invoice or credit note to correct', required: true }],
  options: {
    type: { value: 'invoice|credit_note', description: 'invoice (the recipient owes more) or credit_note (the issuer owes more / charged too much)', required: true, choices: ['invoice', 'credit_note'] },
    amount: { value: 'AMOUNT', description: "net amount in the document's currency, e.g. 12.50 (VAT follows the original's treatment)", required: true, field: 'amountMinor' },
    reason: { value: 'TEXT', description: 'why (printed on the document and in the email)', required: true },
    company: { value: 'ID', description: 'a managed shop with its own part in the original', field: 'companyId' },
    json: jsonOption('the new document'),
  },
  examples: ['documents correct 7 --type credit_note --amount 12.50 --reason "Duplicate charge"'],
  async run({ values, positionals, io, openPlatform }) {
    const type = required(values, 'type');
    if (type !== 'invoice' && type !== 'credit_note') throw new UsageError(`--type must be invoice or credit_note (got "${type}")`);
    const reason = required(values, 'reason');
    const amountText = required(values, 'amount');
    return withPlatform(openPlatform, async (platform) => {
      const original = await documentOf(platform, positionals[0]);
      const amountMinor = parseMinor(amountText, original.currency);
      if (amountMinor === null || amountMinor <= 0 || amountMinor > MAX_AMOUNT_MINOR) {
        throw new UsageError(`--amount must be a positive amount in ${original.currency}, e.g. 12.50 (got "${amountText}")`);
      }
      const doc = await platform.billing.documents.correct(OPERATOR, null, { documentId: original.id, type, amountMinor, reason, companyId: positiveInt(str(values, 'company'), 'company') });
      io.out(values.json ? JSON.stringify(doc) : `issued ${DOCUMENT_TYPE_LABELS[doc.type].toLowerCase()} ${doc.number} correcting ${original.number}: ${money(doc.grossMinor, doc.currency)}`);
      return 0;
    });
  },
};

const billingRates: Command = {
  name: 'billing rates',
  summary: "The month close's rates and issuer data, with their defaults; the operator changes them here",
  description: 'Changes are checked as a whole set and audit-logged; the console shows the same rates under Billing -> Rates.',
  options: {
    set: { value: 'KEY=VALUE', description: `change a rate: percentages as 5 or 12.5, e.g. --set salesFeeBp=4.5; keys: ${RATE_DEFINITIONS.map((d) => d.key).join(', ')}`, multiple: true },
    reset: { value: 'KEY', description: 'back to its default', multiple: true },
    'reset-all': { description: 'every rate back to its default' },
    json: jsonOption('the rates [{key, label, value, defaultValue, display, isDefault, ...}]'),
  },
  examples: ['billing rates', 'billing rates --set salesFeeBp=4.5 --set paymentTermDays=30', 'billing rates --reset-all'],
  async run({ values, io, openPlatform }) {
    const sets = (values.set as string[] | undefined) ?? [];
    const resets = (values.reset as string[] | undefined) ?? [];
    const keys = new Set<string>(RATE_DEFINITIONS.map((d) => d.key));
    const changes: Partial<Record<BillingRateKey, BillingRates[BillingRateKey]>> = {};
    for (const pair of sets) {
      const at = pair.indexOf('=');
      const key = pair.slice(0, at);
      if (at < 1 || !keys.has(key)) throw new UsageError(`--set needs KEY=VALUE with a key of: ${[...keys].join(', ')} (got "${pair}")`);
      const value = parseRateValue(key as BillingRateKey, pair.slice(at + 1));
      if (value === null) throw new UsageError(`--set ${key}: "${pair.slice(at + 1)}" is not a valid value (percentages as 5 or 12.5; days as a whole number)`);
      changes[key as BillingRateKey] = value;
    }
    for (const key of resets) if (!keys.has(key)) throw new UsageError(`--reset needs a key of: ${[...keys].join(', ')} (got "${key}")`);
    return withPlatform(openPlatform, (platform) => {
      const store = platform.billing.rates;
      const reset = values['reset-all'] ? RATE_DEFINITIONS.map((d) => d.key).filter((k) => !(k in changes)) : (resets as BillingRateKey[]);
      const views = sets.length > 0 || reset.length > 0 ? store.change(OPERATOR, { set: changes as Partial<BillingRates>, reset }) : store.views();
      if (values.json) io.out(JSON.stringify(views));
      else printTable(io, views.map((v) => ({ key: v.key, rate: v.label, value: v.display, default: v.isDefault ? '(default)' : v.defaultDisplay })));
      return 0;
    });
  },
};

export const BILLING_GROUPS: CommandGroup[] = [
  { name: 'documents', summary: 'Issued documents: list, show, PDF, correct' },
  { name: 'billing', summary: "The month close's settings" },
];

export const BILLING_COMMANDS: Command[] = [closeMonth, documentsList, documentsShow, documentsPdf, documentsCorrect, billingRates, companyPaymentMethod];
