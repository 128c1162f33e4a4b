// The month close as a pure function (docs/billing.md): from a month's sales figures, the companies and the
// rates, which documents the platform issues to whom. No database, no clock: the preview, the close, the
// what-if and the unit tests all run this same code.
//
// Per company that is billed, month and currency:
//   report       sales by product kind (the totals), with the fees, credits and balance as summary lines;
//   invoice      the sales fee (a share of the net sales of the shop's own products) plus VAT by the VAT rule;
//   credit note  the collected gross sales of its own products, the developer payouts of its apps and
//                themes (a share of their net sales), and for a partner its revenue share of its clients' fees.
// Direct clients get their own documents; a Via Partner client's report, invoice and credit note become
// separate per-shop parts of its partner's documents (VAT by the partner's status: the partner is billed).
// The route, partner and sample flag in force now (at the close) apply to the whole month. Sample companies
// are never billed. Documents with nothing to say (no fees: no invoice; nothing to credit: no credit note;
// no activity: no report) are not issued. Currencies are never added: one set of documents per currency.
import type { AwaitingPaymentCompany, BillingWarning, DocumentLine, DocumentParty, DocumentSection, PlannedDocument } from '../../../../src-shared/api/billing-types';
import type { Company, PaymentRoute } from '../../../../src-shared/api/types';
import { DOCUMENT_TYPES, shareOf, vatTreatment, type DocumentType, type VatTreatment } from '../../../../src-shared/domain/billing';
import type { BillingRates } from '../../../../src-shared/domain/billing-rates';
import { findCountry } from '../../../../src-shared/domain/countries';
import { formatMinor } from '../../../../src-shared/domain/currencies';
import { methodProblem, type ClockDay, type DocumentSettlement, type MaskedPaymentMethod } from '../../../../src-shared/domain/payment-methods';
import { PRODUCT_KINDS, PRODUCT_KIND_LABELS, type ProductKind } from '../../../../src-shared/domain/shop';

/** A company as the close plans it (a development company: recorded with nothing to bill, never a document). */
export interface BillingCompany
  extends Pick<Company, 'id' | 'name' | 'email' | 'street' | 'city' | 'postalCode' | 'country' | 'vatId' | 'isSample' | 'isDevelopment' | 'isPartner' | 'partnerId'> {
  route: PaymentRoute;
}

export interface KindFigures {
  orders: number;
  quantity: number;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
}

/** A company's real (non-demo) sales of the month in one currency, from the monthly rollups. */
export interface CompanyFigures {
  companyId: number;
  currency: string;
  orders: number;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
  kinds: Partial<Record<ProductKind, KindFigures>>;
}

/** One app's or theme's real sales of the month in one currency (App Store sales, paid out to the developer). */
export interface StoreProductFigures {
  companyId: number;
  productId: number;
  name: string;
  kind: 'app' | 'theme';
  currency: string;
  orders: number;
  quantity: number;
  netMinor: number;
}

export interface CloseInput {
  month: string;
  rates: BillingRates;
  /** The platform as it appears on its documents. */
  issuer: DocumentParty;
  /** Every company in scope, and the partners of clients in scope. */
  companies: readonly BillingCompany[];
  /** The companies this close is about (a partner's scope: itself and its clients; the operator's: all). */
  scopeIds: readonly number[];
  figures: readonly CompanyFigures[];
  products: readonly StoreProductFigures[];
  /** Companies whose month was closed before: left out (their documents exist). */
  closed: ReadonlySet<number>;
  /** The payment methods on file by company (masked), and the day of the close (an expired card cannot be charged). */
  paymentMethods: ReadonlyMap<number, MaskedPaymentMethod>;
  today: ClockDay;
}

export type BilledAs = 'direct' | 'via_partner' | 'partner' | 'sample' | 'nothing';

/** What the close used of a company's figures in one currency (kept with the close to tell later changes). */
export interface FigureSnapshot {
  orders: number;
  netMinor: number;
  grossMinor: number;
  /** Net and gross of the shop's own products (physical, digital, service): the fee basis and what is collected. */
  ownNetMinor: number;
  ownGrossMinor: number;
  /** Net sales of apps and themes (App Store sales paid out to the developer). */
  storeNetMinor: number;
}

/** How one company's month is closed: recorded per company and month, so a second close changes nothing. */
export interface Contribution {
  companyId: number;
  billedAs: BilledAs;
  route: PaymentRoute;
  partnerId: number | null;
  figures: Record<string, FigureSnapshot>;
}

export interface ClosePlan {
  documents: PlannedDocument[];
  contributions: Contribution[];
  warnings: BillingWarning[];
  /** Recipients of an invoice or credit note without a usable payment method on file, by name. */
  awaitingPayment: AwaitingPaymentCompany[];
}

/** How the platform settles an invoice or credit note to `recipient`: with its method on file, or not yet. */
export function settlementOf(recipient: Pick<BillingCompany, 'id' | 'name'>, method: MaskedPaymentMethod | null, today: ClockDay): DocumentSettlement {
  const problem = methodProblem(method, today);
  if (problem === null) return { status: 'method', payerCompanyId: recipient.id, payerName: recipient.name, method: method!, date: null };
  return { status: 'awaiting', payerCompanyId: recipient.id, payerName: recipient.name, reason: problem, method };
}

const OWN_KINDS: readonly ProductKind[] = ['physical', 'digital', 'service'];

/** One shop's month in one currency, with what the rules make of it. */
interface ShopMonth {
  company: BillingCompany;
  currency: string;
  figures: CompanyFigures;
  ownNetMinor: number;
  ownGrossMinor: number;
  fee: number;
  payouts: { product: StoreProductFigures; rateBp: number; amount: number }[];
}

/** A company as it appears on a document. */
export function partyOf(company: BillingCompany): DocumentParty {
  const country = findCountry(company.country);
  const cityLine = [company.postalCode, company.city].filter(Boolean).join(' ');
  return {
    companyId: company.id,
    name: company.name,
    address: [company.street, cityLine, country?.name ?? company.country].filter((line) => line !== ''),
    country: company.country,
    vatId: company.vatId,
    email: company.email,
  };
}

function line(kind: DocumentLine['kind'], description: string, amounts: { net: number; vat?: number; quantity?: number | null; basis?: number | null; rate?: number | null; inTotal?: boolean }): DocumentLine {
  const vat = amounts.vat ?? 0;
  return {
    kind,
    description,
    quantity: amounts.quantity ?? null,
    basisMinor: amounts.basis ?? null,
    rateBp: amounts.rate ?? null,
    netMinor: amounts.net,
    vatMinor: vat,
    grossMinor: amounts.net + vat,
    inTotal: amounts.inTotal ?? true,
  };
}

function section(parts: { companyId: number | null; title: string; subtitle: string; lines: DocumentLine[] }): DocumentSection {
  let net = 0;
  let vat = 0;
  for (const l of parts.lines) {
    if (!l.inTotal) continue;
    net += l.netMinor;
    vat += l.vatMinor;
  }
  return { number: null, ...parts, netMinor: net, vatMinor: vat, grossMinor: net + vat };
}

const money = (minor: number, currency: string) => `${formatMinor(minor, currency)} ${currency}`;
const percent = (bp: number) => `${bp / 100} %`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Net and gross of the shop's own products (physical, digital, service): the fee basis and what is collected. */
function ownSums(figures: CompanyFigures): { netMinor: number; grossMinor: number } {
  let netMinor = 0;
  let grossMinor = 0;
  for (const kind of OWN_KINDS) {
    const k = figures.kinds[kind];
    if (!k) continue;
    netMinor += k.netMinor;
    grossMinor += k.grossMinor;
  }
  return { netMinor, grossMinor };
}

function shopMonth(company: BillingCompany, figures: CompanyFigures, products: readonly StoreProductFigures[], rates: BillingRates): ShopMonth {
  const own = ownSums(figures);
  const payouts = products.map((product) => {
    const rateBp = product.kind === 'app' ? rates.appDeveloperShareBp : rates.themeDeveloperShareBp;
    return { product, rateBp, amount: shareOf(product.netMinor, rateBp) };
  });
  return {
    company,
    currency: figures.currency,
    figures,
    ownNetMinor: own.netMinor,
    ownGrossMinor: own.grossMinor,
    fee: shareOf(own.netMinor, rates.salesFeeBp),
    payouts,
  };
}

/** What the close uses of one company's figures in one currency (no rates involved). */
export function snapshotOf(figures: CompanyFigures, products: readonly StoreProductFigures[]): FigureSnapshot {
  const own = ownSums(figures);
  return {
    orders: figures.orders,
    netMinor: figures.netMinor,
    grossMinor: figures.grossMinor,
    ownNetMinor: own.netMinor,
    ownGrossMinor: own.grossMinor,
    storeNetMinor: products.reduce((sum, p) => sum + p.netMinor, 0),
  };
}

/** True when two snapshots of a company's month (per currency) hold the same figures. */
export function sameFigures(a: Record<string, FigureSnapshot>, b: Record<string, FigureSnapshot>): boolean {
  const currencies = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const currency of currencies) {
    const x = a[currency];
    const y = b[currency];
    if (!x || !y) return false;
    for (const key of Object.keys(x) as (keyof FigureSnapshot)[]) if (x[key] !== y[key]) return false;
  }
  return true;
}

/** The invoice part of one shop: its sales fee, VAT by the billed company's treatment. */
function invoiceLines(shop: ShopMonth, rates: BillingRates, vat: VatTreatment): DocumentLine[] {
  if (shop.fee === 0) return [];
  return [
    line('fee', `Sales fee ${percent(rates.salesFeeBp)} of net sales ${money(shop.ownNetMinor, shop.currency)} (physical, digital, service)`, {
      net: shop.fee,
      vat: shareOf(shop.fee, vat.rateBp),
      basis: shop.ownNetMinor,
      rate: rates.salesFeeBp,
    }),
  ];
}

/** The credit-note part of one shop: its collected sales and its developer payouts. */
function creditLines(shop: ShopMonth): DocumentLine[] {
  const lines: DocumentLine[] = [];
  if (shop.ownGrossMinor !== 0) {
    lines.push(line('collected', 'Collected sales of physical, digital and service products (gross, VAT included)', { net: shop.ownGrossMinor }));
  }
  for (const p of shop.payouts) {
    if (p.amount === 0) continue;
    const kind = p.product.kind === 'app' ? 'App' : 'Theme';
    lines.push(
      line('payout', `${kind} payout: "${p.product.name}", ${plural(p.product.quantity, 'sale', 'sales')}, developer share ${percent(p.rateBp)} of net ${money(p.product.netMinor, shop.currency)}`, {
        net: p.amount,
        quantity: p.product.quantity,
        basis: p.product.netMinor,
        rate: p.rateBp,
      }),
    );
  }
  return lines;
}

/** The report part of one shop: sales by kind (the totals), then fees, credits and the balance as summaries. */
function reportLines(shop: ShopMonth, rates: BillingRates, vat: VatTreatment): DocumentLine[] {
  const lines: DocumentLine[] = [];
  for (const kind of PRODUCT_KINDS) {
    const k = shop.figures.kinds[kind];
    if (!k) continue;
    lines.push(line('sales', `${PRODUCT_KIND_LABELS[kind]} — ${plural(k.orders, 'order', 'orders')}, ${plural(k.quantity, 'unit', 'units')}`, { net: k.netMinor, vat: k.vatMinor, quantity: k.orders }));
  }
  const feeVat = shareOf(shop.fee, vat.rateBp);
  const credit = shop.ownGrossMinor + shop.payouts.reduce((sum, p) => sum + p.amount, 0);
  const payouts = shop.payouts.reduce((sum, p) => sum + p.amount, 0);
  lines.push(line('summary', `Orders in the month: ${shop.figures.orders}`, { net: 0, quantity: shop.figures.orders, inTotal: false }));
  lines.push(line('summary', `Sales fee ${percent(rates.salesFeeBp)} (invoiced)`, { net: shop.fee, vat: feeVat, basis: shop.ownNetMinor, rate: rates.salesFeeBp, inTotal: false }));
  lines.push(line('summary', 'Collected sales (credited)', { net: shop.ownGrossMinor, inTotal: false }));
  if (payouts !== 0) lines.push(line('summary', 'Developer payouts (credited)', { net: payouts, inTotal: false }));
  lines.push(line('summary', 'Balance: credited minus invoiced', { net: credit - (shop.fee + feeVat), inTotal: false }));
  return lines;
}

function isEmpty(lines: DocumentLine[]): boolean {
  return lines.every((l) => l.netMinor === 0 && l.vatMinor === 0);
}

/** Collects the parts of each (type, recipient, currency) document as the shops are walked. */
class DocumentBuilder {
  private readonly docs = new Map<string, { type: DocumentType; recipient: BillingCompany; currency: string; billedAs: 'direct' | 'partner'; sections: DocumentSection[]; vat: VatTreatment | null }>();

  add(type: DocumentType, recipient: BillingCompany, currency: string, billedAs: 'direct' | 'partner', part: DocumentSection, vat: VatTreatment | null): void {
    const key = `${type}|${recipient.id}|${currency}`;
    let doc = this.docs.get(key);
    if (!doc) {
      doc = { type, recipient, currency, billedAs, sections: [], vat };
      this.docs.set(key, doc);
    }
    doc.sections.push(part);
  }

  build(input: CloseInput): PlannedDocument[] {
    const out: PlannedDocument[] = [];
    for (const [key, doc] of this.docs) {
      // The partner's own part (revenue share) after the shops; shops by name, then id.
      const shops = doc.sections.filter((s) => s.companyId !== null).sort((a, b) => a.title.localeCompare(b.title) || a.companyId! - b.companyId!);
      const own = doc.sections.filter((s) => s.companyId === null);
      const sections = [...shops, ...own];
      let net = 0;
      let vat = 0;
      for (const s of sections) {
        net += s.netMinor;
        vat += s.vatMinor;
      }
      out.push({
        key,
        type: doc.type,
        month: input.month,
        currency: doc.currency,
        issuer: input.issuer,
        recipient: partyOf(doc.recipient),
        billedAs: doc.billedAs,
        vatRateBp: doc.vat?.rateBp ?? 0,
        vatReason: doc.vat?.reason ?? null,
        reverseCharge: doc.vat?.reverseCharge ?? false,
        netMinor: net,
        vatMinor: vat,
        grossMinor: net + vat,
        sections,
        notes: notesOf(doc.type, doc.billedAs, doc.vat, sections.filter((s) => s.companyId !== null && s.companyId !== doc.recipient.id).length, input.rates),
        settlement: doc.type === 'report' ? null : settlementOf(doc.recipient, input.paymentMethods.get(doc.recipient.id) ?? null, input.today),
      });
    }
    // Recipients by id, then currency, then report / invoice / credit note: the order numbers are given in.
    return out.sort(
      (a, b) =>
        a.recipient.companyId! - b.recipient.companyId! ||
        a.currency.localeCompare(b.currency) ||
        DOCUMENT_TYPES.indexOf(a.type) - DOCUMENT_TYPES.indexOf(b.type),
    );
  }
}

function notesOf(type: DocumentType, billedAs: 'direct' | 'partner', vat: VatTreatment | null, shops: number, rates: BillingRates): string[] {
  const notes: string[] = [];
  if (billedAs === 'partner' && shops > 0) {
    notes.push(`Contains a separate ${type === 'credit_note' ? 'credit note' : type} for each of ${plural(shops, 'managed shop', 'managed shops')} (Via Partner), numbered /1, /2, … after this document's number.`);
  }
  if (type === 'invoice' && vat) {
    notes.push(vat.note);
    if (rates.paymentTermDays > 0) notes.push(`Payable within ${rates.paymentTermDays} days; the amount is settled against your credit note of the same month where there is one.`);
  }
  if (type === 'credit_note') {
    notes.push('Credit notes carry no VAT of their own: collected sales are passed on as collected (their VAT is the shop\'s), payouts and revenue shares are stated net.');
  }
  if (type === 'report') notes.push('Real sales only (paid and fulfilled orders); demo orders of sample companies never count.');
  return notes;
}

/** The plan of a close: the documents it issues and how each company's month is recorded. */
export function planClose(input: CloseInput): ClosePlan {
  const { rates } = input;
  const byId = new Map(input.companies.map((c) => [c.id, c]));
  const figuresOf = new Map<number, CompanyFigures[]>();
  for (const f of input.figures) {
    const list = figuresOf.get(f.companyId) ?? [];
    list.push(f);
    figuresOf.set(f.companyId, list);
  }
  const productsOf = new Map<string, StoreProductFigures[]>();
  for (const p of input.products) {
    const key = `${p.companyId}|${p.currency}`;
    const list = productsOf.get(key) ?? [];
    list.push(p);
    productsOf.set(key, list);
  }

  const builder = new DocumentBuilder();
  const contributions: Contribution[] = [];
  const warnings: BillingWarning[] = [];
  /** Revenue share parts per (partner, currency): one line per client. */
  const shares = new Map<string, { partner: BillingCompany; currency: string; lines: DocumentLine[] }>();
  const partnersWithParts = new Set<number>();

  const scope = [...new Set(input.scopeIds)].sort((a, b) => a - b);
  for (const id of scope) {
    const company = byId.get(id);
    if (!company || input.closed.has(id)) continue;
    if (company.isSample) {
      contributions.push({ companyId: id, billedAs: 'sample', route: company.route, partnerId: company.partnerId, figures: {} });
      warnings.push({ kind: 'sample_skipped', companyId: id, companyName: company.name, message: `${company.name} is a sample company: never billed, no documents.` });
      continue;
    }
    if (company.isDevelopment) {
      // Its orders are an app developer's test orders (`partnerdeck app dev`): never billed.
      contributions.push({ companyId: id, billedAs: 'nothing', route: company.route, partnerId: company.partnerId, figures: {} });
      warnings.push({ kind: 'development_skipped', companyId: id, companyName: company.name, message: `${company.name} is a development company: its test orders are never billed.` });
      continue;
    }
    if (company.isPartner) continue; // recorded below, once its parts are known
    const partner = company.partnerId !== null ? byId.get(company.partnerId) ?? null : null;
    const managed = company.route === 'via_partner' && partner !== null;
    const billed = managed ? partner : company;
    const vat = vatTreatment(rates.sellerCountry, billed);
    const snapshots: Record<string, FigureSnapshot> = {};
    let anything = false;
    for (const figures of (figuresOf.get(id) ?? []).sort((a, b) => a.currency.localeCompare(b.currency))) {
      const products = productsOf.get(`${id}|${figures.currency}`) ?? [];
      const shop = shopMonth(company, figures, products, rates);
      snapshots[shop.currency] = snapshotOf(figures, products);
      const subtitle = managed
        ? `Via Partner client of ${partner.name} · ${[company.city, findCountry(company.country)?.name ?? company.country].filter(Boolean).join(', ')}`
        : `Direct · ${[company.city, findCountry(company.country)?.name ?? company.country].filter(Boolean).join(', ')}`;
      const billedAs = managed ? 'partner' : 'direct';
      const report = reportLines(shop, rates, vat);
      const invoice = invoiceLines(shop, rates, vat);
      const credit = creditLines(shop);
      if (isEmpty(report) && isEmpty(invoice) && isEmpty(credit)) continue;
      anything = true;
      builder.add('report', billed, shop.currency, billedAs, section({ companyId: id, title: company.name, subtitle, lines: report }), null);
      if (!isEmpty(invoice)) builder.add('invoice', billed, shop.currency, billedAs, section({ companyId: id, title: company.name, subtitle, lines: invoice }), vat);
      if (!isEmpty(credit)) builder.add('credit_note', billed, shop.currency, billedAs, section({ companyId: id, title: company.name, subtitle, lines: credit }), null);
      const shareBp = managed ? rates.partnerShareManagedBp : rates.partnerShareDirectBp;
      const share = shareOf(shop.fee, shareBp);
      if (partner !== null && share > 0) {
        const key = `${partner.id}|${shop.currency}`;
        const part = shares.get(key) ?? { partner, currency: shop.currency, lines: [] };
        part.lines.push(
          line('revenue_share', `Revenue share ${percent(shareBp)} of the sales fee ${money(shop.fee, shop.currency)} of ${company.name} (${managed ? 'Via Partner' : 'Direct'})`, {
            net: share,
            basis: shop.fee,
            rate: shareBp,
          }),
        );
        shares.set(key, part);
      }
      if (managed) partnersWithParts.add(partner.id);
    }
    contributions.push({ companyId: id, billedAs: !anything ? 'nothing' : managed ? 'via_partner' : 'direct', route: company.route, partnerId: company.partnerId, figures: snapshots });
  }

  // The partners' own parts: their revenue share, credited, and listed in their report.
  for (const part of [...shares.values()].sort((a, b) => a.partner.id - b.partner.id || a.currency.localeCompare(b.currency))) {
    const total = part.lines.reduce((sum, l) => sum + l.netMinor, 0);
    if (total === 0) continue;
    partnersWithParts.add(part.partner.id);
    const title = `${part.partner.name} — revenue share`;
    const subtitle = `Partner · ${plural(part.lines.length, 'client', 'clients')} with fees in ${part.currency}`;
    builder.add('credit_note', part.partner, part.currency, 'partner', section({ companyId: null, title, subtitle, lines: part.lines }), null);
    builder.add(
      'report',
      part.partner,
      part.currency,
      'partner',
      section({ companyId: null, title, subtitle, lines: [...part.lines.map((l) => ({ ...l, kind: 'summary' as const, inTotal: false })), line('summary', 'Revenue share (credited)', { net: total, inTotal: false })] }),
      null,
    );
  }

  for (const id of scope) {
    const company = byId.get(id);
    if (!company || !company.isPartner || company.isSample || input.closed.has(id)) continue;
    contributions.push({ companyId: id, billedAs: partnersWithParts.has(id) ? 'partner' : 'nothing', route: company.route, partnerId: company.partnerId, figures: {} });
  }

  const documents = builder.build(input);
  const awaiting = new Map<number, AwaitingPaymentCompany>();
  for (const d of documents) {
    if (d.settlement?.status !== 'awaiting') continue;
    awaiting.set(d.settlement.payerCompanyId, { companyId: d.settlement.payerCompanyId, companyName: d.settlement.payerName, reason: d.settlement.reason });
  }
  const awaitingPayment = [...awaiting.values()].sort((a, b) => a.companyName.localeCompare(b.companyName) || a.companyId - b.companyId);
  if (awaitingPayment.length > 0) {
    const n = awaitingPayment.length;
    const names = awaitingPayment.slice(0, 3).map((c) => c.companyName).join(', ') + (n > 3 ? ` and ${n - 3} more` : '');
    warnings.push({
      kind: 'awaiting_payment_details',
      companyId: n === 1 ? awaitingPayment[0].companyId : null,
      companyName: n === 1 ? awaitingPayment[0].companyName : null,
      message: `${plural(n, 'company has', 'companies have')} no usable payment method on file (${names}): their invoices and credit notes will say "awaiting payment details". Add a card or SEPA mandate in their Company settings before you close.`,
    });
  }
  return { documents, contributions: contributions.sort((a, b) => a.companyId - b.companyId), warnings, awaitingPayment };
}
