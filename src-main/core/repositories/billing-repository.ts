// SQL of the month close (migration 007): the companies as the close sees them, the close records per
// company and month, gapless number sequences, issued documents with their parts and lines (insert and
// read only: triggers refuse changes), the document lists, and the route changes of the audit log.
//
// Asynchronous, on the data layer (db/data.ts), SQLite and PostgreSQL. SQLite runs the statements it ran before,
// byte for byte (only `@named` parameters became `?`, a plucked COUNT got `AS n`); where PostgreSQL needs other
// SQL the statement says so with `dialect`: a JSON list of ids is `json_each` on SQLite and
// `json_array_elements_text` on PostgreSQL, a WHERE without condition `1` / `TRUE`, `COLLATE NOCASE` is `lower()`,
// LIKE (case-insensitive for ASCII on SQLite) is ILIKE, `json_extract` is `->>`, `INSERT OR IGNORE` is
// `ON CONFLICT DO NOTHING`, an upsert names its conflict target, a parameter whose type PostgreSQL cannot infer is
// cast, and an insert's id comes from `RETURNING id`.
import type { Dialect } from '../db/data';
import { returningId, statement, type Database, type Statement, type StatementBuilder } from '../db/data';
import type {
  BillingCompanyRow,
  CloseCompanyRow,
  CloseRow,
  DocumentLogoRow,
  DocumentQuery,
  DocumentReach,
  DocumentRow,
  DocumentSummaryRow,
  DraftRow,
  LineRow,
  MonthDocumentTotalsRow,
  PriceRow,
  RouteChangeRow,
  SectionRow,
} from './billing-rows';
import { escapeLike } from './companies-repository';

export type * from './billing-rows';

export interface BillingRepository {
  /** Every company (null) or one partner and its clients, as the close reads them. */
  companies(partnerId: number | null): Promise<BillingCompanyRow[]>;
  company(id: number): Promise<BillingCompanyRow | undefined>;
  /** Companies whose month is closed, of every company (null) or of some. */
  closedCompanies(month: string, companyIds: number[] | null): Promise<CloseCompanyRow[]>;
  /** Months with at least one closed company among these (null: any). */
  closedMonths(companyIds: number[] | null): Promise<string[]>;
  insertClose(row: Omit<CloseRow, 'id'>): Promise<number>;
  /** A close's rows, one per company, in one go. */
  insertCloseCompanies(rows: readonly CloseCompanyRow[]): Promise<unknown>;
  /** The next number of a gapless sequence; call inside the issuing transaction. */
  nextNumber(prefix: string, type: DocumentRow['type'], year: number): Promise<number>;
  insertDocument(row: Omit<DocumentRow, 'id'>): Promise<number>;
  /** In the issuing transaction: the issuer's logo as it is now goes with the document (migration 021), for good. */
  stampIssuerLogo(documentId: number, issuerCompanyId: number): Promise<void>;
  /** The logo a document was issued with (undefined: none). */
  documentLogo(documentId: number): Promise<DocumentLogoRow | undefined>;
  insertSection(row: Omit<SectionRow, 'id'>): Promise<number>;
  /** One part's lines, in order (one promise for all on SQLite: `runEach`). */
  insertLines(rows: readonly LineRow[]): Promise<unknown>;
  document(id: number): Promise<DocumentRow | undefined>;
  /** A document's id by its number (PD-INV-2026-000001, or a part's PD-INV-2026-000001/2: its document). */
  idOfNumber(number: string): Promise<number | undefined>;
  sections(documentId: number): Promise<SectionRow[]>;
  lines(documentId: number): Promise<LineRow[]>;
  corrections(documentId: number): Promise<DocumentSummaryRow[]>;
  /** Companies with their own part (per-shop) in a document. */
  sectionCompanies(documentId: number): Promise<number[]>;
  list(reach: DocumentReach, query: DocumentQuery, offset: number, limit: number): Promise<{ rows: DocumentSummaryRow[]; total: number }>;
  /** Every matching document, in list order (CSV export). */
  listAll(reach: DocumentReach, query: DocumentQuery): Promise<DocumentSummaryRow[]>;
  /** Documents of a month addressed to these companies (null: any). */
  ofMonth(month: string, recipientIds: number[] | null): Promise<DocumentSummaryRow[]>;
  /** Document counts and totals per month, currency and type, addressed to these companies (null: any). */
  monthTotals(months: string[], recipientIds: number[] | null): Promise<MonthDocumentTotalsRow[]>;
  /** Closed companies per month among these (null: any). */
  closedCounts(months: string[], companyIds: number[] | null): Promise<{ month: string; closed: number }[]>;
  /** Route, sample and partner changes of the audit log since `since` (ms), of these companies (null: any). */
  routeChanges(since: number, companyIds: number[] | null): Promise<RouteChangeRow[]>;
  prices(partnerId: number): Promise<PriceRow[]>;
  price(companyId: number): Promise<PriceRow | undefined>;
  upsertPrice(row: PriceRow): Promise<void>;
  drafts(partnerId: number, month: string | null): Promise<DraftRow[]>;
  draft(id: number): Promise<DraftRow | undefined>;
  upsertDraft(row: Omit<DraftRow, 'id' | 'company_name'>): Promise<number>;
  deleteDraft(id: number): Promise<void>;
}

const COMPANY_COLUMNS = 'id, name, email, street, city, postal_code, country, vat_id, is_sample, is_development, is_partner, partner_id, payment_route';
const SUMMARY_COLUMNS = `d.id, d.number, d.type, d.issuer_company_id, d.recipient_company_id, d.issuer_name, d.recipient_name, d.month, d.currency,
  d.billed_as, d.shop_count, d.corrects_document_id, d.vat_rate_bp, d.reverse_charge, d.net_minor, d.vat_minor, d.gross_minor, d.issued_at, d.due_at,
  (SELECT c.number FROM billing_documents c WHERE c.id = d.corrects_document_id) AS corrects_number`;
const SORT_SQL: Record<Dialect, Record<DocumentQuery['sort'], string>> = {
  sqlite: { issued: 'd.id', number: 'd.number', recipient: 'd.recipient_name COLLATE NOCASE', gross: 'd.currency, d.gross_minor' },
  // NOCASE folds ASCII only, lower() every letter; "C": byte order as SQLite, whatever the database's collation.
  postgres: { issued: 'd.id', number: 'd.number COLLATE "C"', recipient: 'lower(d.recipient_name)', gross: 'd.currency, d.gross_minor' },
};

/** A condition that is always true (SQLite's `1` is no boolean on PostgreSQL). */
const always = ({ sql, dialect }: StatementBuilder) => sql.raw(dialect === 'sqlite' ? '1' : 'TRUE');
/** `column` in a JSON array of ids (one parameter). */
const inIds = ({ sql, dialect }: StatementBuilder, column: string, ids: string) =>
  dialect === 'sqlite' ? sql`${sql.raw(column)} IN (SELECT value FROM json_each(${ids}))` : sql`${sql.raw(column)} IN (SELECT value::bigint FROM json_array_elements_text(${ids}::json))`;
/** `column` in a JSON array of texts (months). */
const inTexts = ({ sql, dialect }: StatementBuilder, column: string, texts: string) =>
  dialect === 'sqlite' ? sql`${sql.raw(column)} IN (SELECT value FROM json_each(${texts}))` : sql`${sql.raw(column)} IN (SELECT value FROM json_array_elements_text(${texts}::json))`;
/** SQLite's `json_extract(column, '$.key') IS NOT NULL` (a JSON null is SQL NULL there, as `->>` makes it here). */
const hasKey = ({ sql, dialect }: StatementBuilder, column: string, key: string) =>
  dialect === 'sqlite' ? sql.raw(`json_extract(${column}, '$.${key}') IS NOT NULL`) : sql.raw(`(${column}::json ->> '${key}') IS NOT NULL`);
const nocase = (dialect: Dialect, column: string) => (dialect === 'sqlite' ? `${column} COLLATE NOCASE` : `lower(${column})`);

/** A statement over every company (`all`, the condition `1`) or over a JSON list of ids (`of`). */
interface Scoped<A extends readonly unknown[], R> {
  all: Statement<A, R>;
  of: Statement<[...A, string], R>;
}
const idsOf = (ids: number[]) => JSON.stringify(ids);

const companiesAll = statement('billing.companies', ({ sql }) => sql<BillingCompanyRow>`SELECT ${sql.raw(COMPANY_COLUMNS)} FROM companies ORDER BY id`);
const companiesOf = statement('billing.companiesOf', ({ sql }, partnerId: number) =>
  sql<BillingCompanyRow>`SELECT ${sql.raw(COMPANY_COLUMNS)} FROM companies WHERE id = ${partnerId} OR partner_id = ${partnerId} ORDER BY id`,
);
const company = statement('billing.company', ({ sql }, id: number) => sql<BillingCompanyRow>`SELECT ${sql.raw(COMPANY_COLUMNS)} FROM companies WHERE id = ${id}`);

const closedCompanies: Scoped<[string], CloseCompanyRow> = {
  all: statement('billing.closedCompanies', (b, month: string) => b.sql<CloseCompanyRow>`SELECT * FROM billing_close_companies WHERE month = ${month} AND ${always(b)}`),
  of: statement('billing.closedCompaniesOf', (b, month: string, ids: string) =>
    b.sql<CloseCompanyRow>`SELECT * FROM billing_close_companies WHERE month = ${month} AND ${inIds(b, 'company_id', ids)}`,
  ),
};
const closedMonths: Scoped<[], { month: string }> = {
  all: statement('billing.closedMonths', (b) => b.sql<{ month: string }>`SELECT DISTINCT month FROM billing_close_companies WHERE ${always(b)} ORDER BY month`),
  of: statement('billing.closedMonthsOf', (b, ids: string) =>
    b.sql<{ month: string }>`SELECT DISTINCT month FROM billing_close_companies WHERE ${inIds(b, 'company_id', ids)} ORDER BY month`,
  ),
};
const insertClose = statement(
  'billing.insertClose',
  (b, r: Omit<CloseRow, 'id'>) =>
    b.sql`INSERT INTO billing_closes (month, scope, actor, closed_at, companies, documents) VALUES (${r.month}, ${r.scope}, ${r.actor}, ${r.closed_at}, ${r.companies}, ${r.documents})${returningId(b)}`,
);
const insertCloseCompany = statement(
  'billing.insertCloseCompany',
  ({ sql }, r: CloseCompanyRow) =>
    sql`INSERT INTO billing_close_companies (month, company_id, close_id, billed_as, route, partner_id, figures) VALUES (${r.month}, ${r.company_id}, ${r.close_id}, ${r.billed_as}, ${r.route}, ${r.partner_id}, ${r.figures})`,
);
const nextNumber = statement(
  'billing.nextNumber',
  ({ sql, dialect }, prefix: string, type: string, year: number) =>
    sql<{ last_number: number }>`INSERT INTO billing_sequences (prefix, type, year, last_number) VALUES (${prefix}, ${type}, ${year}, 1)
       ${sql.raw(dialect === 'sqlite' ? 'ON CONFLICT DO UPDATE SET last_number = last_number + 1' : 'ON CONFLICT (prefix, type, year) DO UPDATE SET last_number = billing_sequences.last_number + 1')} RETURNING last_number`,
);
const insertDocument = statement(
  'billing.insertDocument',
  (b, r: Omit<DocumentRow, 'id'>) =>
    b.sql`INSERT INTO billing_documents (number, type, issuer_company_id, recipient_company_id, issuer_name, recipient_name, month, currency, billed_as,
       shop_count, close_id, corrects_document_id, reason, issuer, recipient, vat_rate_bp, vat_reason, reverse_charge, net_minor, vat_minor, gross_minor,
       notes, issued_at, due_at, settlement)
     VALUES (${r.number}, ${r.type}, ${r.issuer_company_id}, ${r.recipient_company_id}, ${r.issuer_name}, ${r.recipient_name}, ${r.month}, ${r.currency}, ${r.billed_as},
       ${r.shop_count}, ${r.close_id}, ${r.corrects_document_id}, ${r.reason}, ${r.issuer}, ${r.recipient}, ${r.vat_rate_bp}, ${r.vat_reason}, ${r.reverse_charge}, ${r.net_minor}, ${r.vat_minor}, ${r.gross_minor},
       ${r.notes}, ${r.issued_at}, ${r.due_at}, ${r.settlement})${returningId(b)}`,
);
const insertSection = statement(
  'billing.insertSection',
  (b, r: Omit<SectionRow, 'id'>) =>
    b.sql`INSERT INTO billing_document_sections (document_id, position, number, company_id, title, subtitle, net_minor, vat_minor, gross_minor)
     VALUES (${r.document_id}, ${r.position}, ${r.number}, ${r.company_id}, ${r.title}, ${r.subtitle}, ${r.net_minor}, ${r.vat_minor}, ${r.gross_minor})${returningId(b)}`,
);
const insertLine = statement(
  'billing.insertLine',
  ({ sql }, r: LineRow) =>
    sql`INSERT INTO billing_document_lines (section_id, position, kind, description, quantity, basis_minor, rate_bp, net_minor, vat_minor, gross_minor, in_total)
     VALUES (${r.section_id}, ${r.position}, ${r.kind}, ${r.description}, ${r.quantity}, ${r.basis_minor}, ${r.rate_bp}, ${r.net_minor}, ${r.vat_minor}, ${r.gross_minor}, ${r.in_total})`,
);
const stampLogo = statement('billing.stampLogo', ({ sql, dialect }, issuerCompanyId: number) =>
  dialect === 'sqlite'
    ? sql`INSERT OR IGNORE INTO document_logos (sha256, mime, data, pdf_png, width, height)
         SELECT sha256, mime, data, pdf_png, width, height FROM partner_logos WHERE company_id = ${issuerCompanyId}`
    : sql`INSERT INTO document_logos (sha256, mime, data, pdf_png, width, height)
         SELECT sha256, mime, data, pdf_png, width, height FROM partner_logos WHERE company_id = ${issuerCompanyId} ON CONFLICT (sha256) DO NOTHING`,
);
const stampDocumentLogo = statement('billing.stampDocumentLogo', ({ sql, dialect }, documentId: number, issuerCompanyId: number) =>
  sql`INSERT INTO billing_document_logos (document_id, sha256) SELECT ${documentId}${sql.raw(dialect === 'sqlite' ? '' : '::bigint')}, sha256 FROM partner_logos WHERE company_id = ${issuerCompanyId}`,
);
const documentLogo = statement('billing.documentLogo', ({ sql }, documentId: number) =>
  sql<DocumentLogoRow>`SELECT l.* FROM billing_document_logos d JOIN document_logos l ON l.sha256 = d.sha256 WHERE d.document_id = ${documentId}`,
);
const document = statement('billing.document', ({ sql }, id: number) => sql<DocumentRow>`SELECT * FROM billing_documents WHERE id = ${id}`);
const idOfNumber = statement('billing.idOfNumber', ({ sql }, number: string) => sql<{ id: number }>`SELECT id FROM billing_documents WHERE number = ${number}`);
const sections = statement('billing.sections', ({ sql }, documentId: number) =>
  sql<SectionRow>`SELECT * FROM billing_document_sections WHERE document_id = ${documentId} ORDER BY position`,
);
const lines = statement('billing.lines', ({ sql }, documentId: number) =>
  sql<LineRow>`SELECT l.* FROM billing_document_sections s JOIN billing_document_lines l ON l.section_id = s.id
         WHERE s.document_id = ${documentId} ORDER BY s.position, l.position`,
);
const corrections = statement('billing.corrections', ({ sql }, documentId: number) =>
  sql<DocumentSummaryRow>`SELECT ${sql.raw(SUMMARY_COLUMNS)} FROM billing_documents d WHERE d.corrects_document_id = ${documentId} ORDER BY d.id`,
);
const sectionCompanies = statement('billing.sectionCompanies', ({ sql }, documentId: number) =>
  sql<{ company_id: number }>`SELECT company_id FROM billing_document_sections WHERE document_id = ${documentId} AND company_id IS NOT NULL ORDER BY position`,
);
const ofMonth: Scoped<[string], DocumentSummaryRow> = {
  all: statement('billing.ofMonth', (b, month: string) =>
    b.sql<DocumentSummaryRow>`SELECT ${b.sql.raw(SUMMARY_COLUMNS)} FROM billing_documents d WHERE d.month = ${month} AND ${always(b)} ORDER BY d.id`,
  ),
  of: statement('billing.ofMonthOf', (b, month: string, ids: string) =>
    b.sql<DocumentSummaryRow>`SELECT ${b.sql.raw(SUMMARY_COLUMNS)} FROM billing_documents d WHERE d.month = ${month} AND ${inIds(b, 'd.recipient_company_id', ids)} ORDER BY d.id`,
  ),
};
const monthTotalsOf = (b: StatementBuilder, months: string, recipients: ReturnType<StatementBuilder['sql']['raw']>) =>
  b.sql<MonthDocumentTotalsRow>`SELECT month, currency, type, COUNT(*) AS count, SUM(net_minor) AS net_minor, SUM(vat_minor) AS vat_minor, SUM(gross_minor) AS gross_minor
         FROM billing_documents d WHERE d.issuer_company_id IS NULL AND ${inTexts(b, 'd.month', months)} AND ${recipients}
         GROUP BY month, currency, type ORDER BY month, currency, type`;
const monthTotals: Scoped<[string], MonthDocumentTotalsRow> = {
  all: statement('billing.monthTotals', (b, months: string) => monthTotalsOf(b, months, always(b))),
  of: statement('billing.monthTotalsOf', (b, months: string, ids: string) => monthTotalsOf(b, months, inIds(b, 'd.recipient_company_id', ids))),
};
const closedCountsOf = (b: StatementBuilder, months: string, companies: ReturnType<StatementBuilder['sql']['raw']>) =>
  b.sql<{ month: string; closed: number }>`SELECT month, COUNT(*) AS closed FROM billing_close_companies
         WHERE ${inTexts(b, 'month', months)} AND ${companies} GROUP BY month`;
const closedCounts: Scoped<[string], { month: string; closed: number }> = {
  all: statement('billing.closedCounts', (b, months: string) => closedCountsOf(b, months, always(b))),
  of: statement('billing.closedCountsOf', (b, months: string, ids: string) => closedCountsOf(b, months, inIds(b, 'company_id', ids))),
};
const routeChangesOf = (b: StatementBuilder, since: number, companies: ReturnType<StatementBuilder['sql']['raw']>) =>
  b.sql<RouteChangeRow>`SELECT company_id, action, detail, created_at FROM audit_log
         WHERE created_at >= ${since} AND ${companies}
           AND (action IN ('partner.relation_started', 'partner.relation_ended')
                OR (action = 'company.updated' AND (${hasKey(b, 'detail', 'paymentRoute')} OR ${hasKey(b, 'detail', 'isSample')})))
         ORDER BY id`;
const routeChanges: Scoped<[number], RouteChangeRow> = {
  all: statement('billing.routeChanges', (b, since: number) => routeChangesOf(b, since, always(b))),
  of: statement('billing.routeChangesOf', (b, since: number, ids: string) => routeChangesOf(b, since, inIds(b, 'company_id', ids))),
};
const prices = statement('billing.prices', ({ sql }, partnerId: number) => sql<PriceRow>`SELECT * FROM partner_client_prices WHERE partner_id = ${partnerId}`);
const price = statement('billing.price', ({ sql }, companyId: number) => sql<PriceRow>`SELECT * FROM partner_client_prices WHERE company_id = ${companyId}`);
const upsertPrice = statement(
  'billing.upsertPrice',
  ({ sql }, r: PriceRow) =>
    sql`INSERT INTO partner_client_prices (company_id, partner_id, currency, monthly_fee_minor, percent_bp, updated_at)
         VALUES (${r.company_id}, ${r.partner_id}, ${r.currency}, ${r.monthly_fee_minor}, ${r.percent_bp}, ${r.updated_at})
         ON CONFLICT (company_id) DO UPDATE SET partner_id = excluded.partner_id, currency = excluded.currency,
           monthly_fee_minor = excluded.monthly_fee_minor, percent_bp = excluded.percent_bp, updated_at = excluded.updated_at`,
);
const drafts = statement(
  'billing.drafts',
  ({ sql, dialect }, partnerId: number, month: string | null) =>
    sql<DraftRow>`SELECT d.*, c.name AS company_name FROM partner_invoice_drafts d JOIN companies c ON c.id = d.company_id
         WHERE d.partner_id = ${partnerId} AND (${month}${sql.raw(dialect === 'sqlite' ? '' : '::text')} IS NULL OR d.month = ${month}) ORDER BY d.month DESC, ${sql.raw(nocase(dialect, 'c.name'))}, d.currency`,
);
const draft = statement('billing.draft', ({ sql }, id: number) =>
  sql<DraftRow>`SELECT d.*, c.name AS company_name FROM partner_invoice_drafts d JOIN companies c ON c.id = d.company_id WHERE d.id = ${id}`,
);
const upsertDraft = statement(
  'billing.upsertDraft',
  ({ sql }, r: Omit<DraftRow, 'id' | 'company_name'>) =>
    sql<{ id: number }>`INSERT INTO partner_invoice_drafts (partner_id, company_id, month, currency, lines, vat_rate_bp, vat_reason, reverse_charge, net_minor, vat_minor, gross_minor, created_at, updated_at)
         VALUES (${r.partner_id}, ${r.company_id}, ${r.month}, ${r.currency}, ${r.lines}, ${r.vat_rate_bp}, ${r.vat_reason}, ${r.reverse_charge}, ${r.net_minor}, ${r.vat_minor}, ${r.gross_minor}, ${r.created_at}, ${r.updated_at})
         ON CONFLICT (partner_id, company_id, month, currency) DO UPDATE SET lines = excluded.lines, vat_rate_bp = excluded.vat_rate_bp,
           vat_reason = excluded.vat_reason, reverse_charge = excluded.reverse_charge, net_minor = excluded.net_minor, vat_minor = excluded.vat_minor,
           gross_minor = excluded.gross_minor, updated_at = excluded.updated_at
         RETURNING id`,
);
const deleteDraft = statement('billing.deleteDraft', ({ sql }, id: number) => sql`DELETE FROM partner_invoice_drafts WHERE id = ${id}`);

/** The documents list's parameters: one row argument, whose fields the list's statements take. */
interface ListParams {
  ids: string;
  issuer: number | null;
  month: string | undefined;
  type: string | undefined;
  currency: string | undefined;
  company: number | undefined;
  like: string;
  limit: number;
  offset: number;
}

/** The documents list's WHERE for one shape of filter (which parts it has), over the fields of `p`. */
function listWhere(b: StatementBuilder, reach: DocumentReach, query: DocumentQuery, p: ListParams) {
  const { sql, dialect } = b;
  const parts: ReturnType<typeof sql.raw>[] = [];
  if (reach.recipientIds !== null || reach.issuerId !== null) {
    const either: ReturnType<typeof sql.raw>[] = [];
    if (reach.recipientIds !== null) either.push(inIds(b, 'd.recipient_company_id', p.ids));
    if (reach.issuerId !== null) either.push(sql`d.issuer_company_id = ${p.issuer}`);
    parts.push(sql`(${sql.join(either, sql` OR `)})`);
  }
  if (query.month) parts.push(sql`d.month = ${p.month}`);
  if (query.type) parts.push(sql`d.type = ${p.type}`);
  if (query.currency) parts.push(sql`d.currency = ${p.currency}`);
  if (query.companyId !== undefined) {
    parts.push(sql`(d.recipient_company_id = ${p.company} OR EXISTS (SELECT 1 FROM billing_document_sections s WHERE s.company_id = ${p.company} AND s.document_id = d.id))`);
  }
  const like = sql.raw(dialect === 'sqlite' ? 'LIKE' : 'ILIKE');
  if (query.search) parts.push(sql`(d.number ${like} ${p.like} ESCAPE '\\' OR d.recipient_name ${like} ${p.like} ESCAPE '\\')`);
  return parts.length ? sql.join(parts, sql` AND `) : always(b);
}

function listOrder(dialect: Dialect, query: DocumentQuery): string {
  const dir = query.direction === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${SORT_SQL[dialect][query.sort].split(', ').map((c) => `${c} ${dir}`).join(', ')}, d.id ${dir}`;
}

/** The list's statements per shape of filter (at most a few hundred shapes; each made once). */
const listStatements = new Map<string, { page: Statement<[ListParams], DocumentSummaryRow>; count: Statement<[ListParams], { n: number }>; every: Statement<[ListParams], DocumentSummaryRow> }>();

function listStatementsOf(reach: DocumentReach, query: DocumentQuery) {
  const shape = [reach.recipientIds !== null, reach.issuerId !== null, !!query.month, !!query.type, !!query.currency, query.companyId !== undefined, !!query.search, query.sort, query.direction].join('|');
  let found = listStatements.get(shape);
  if (!found) {
    const shaped = { recipientIds: reach.recipientIds && [], issuerId: reach.issuerId };
    const q = { ...query };
    found = {
      page: statement(`billing.list[${shape}]`, (b, p: ListParams) =>
        b.sql<DocumentSummaryRow>`SELECT ${b.sql.raw(SUMMARY_COLUMNS)} FROM billing_documents d WHERE ${listWhere(b, shaped, q, p)} ${b.sql.raw(listOrder(b.dialect, q))} LIMIT ${p.limit} OFFSET ${p.offset}`,
      ),
      count: statement(`billing.count[${shape}]`, (b, p: ListParams) => b.sql<{ n: number }>`SELECT COUNT(*) AS n FROM billing_documents d WHERE ${listWhere(b, shaped, q, p)}`),
      every: statement(`billing.listAll[${shape}]`, (b, p: ListParams) =>
        b.sql<DocumentSummaryRow>`SELECT ${b.sql.raw(SUMMARY_COLUMNS)} FROM billing_documents d WHERE ${listWhere(b, shaped, q, p)} ${b.sql.raw(listOrder(b.dialect, q))}`,
      ),
    };
    listStatements.set(shape, found);
  }
  return found;
}

function listParams(reach: DocumentReach, query: DocumentQuery, offset: number, limit: number): ListParams {
  return {
    ids: idsOf(reach.recipientIds ?? []),
    issuer: reach.issuerId,
    month: query.month,
    type: query.type,
    currency: query.currency,
    company: query.companyId,
    like: `%${escapeLike(query.search)}%`,
    limit,
    offset,
  };
}

export function createBillingRepository(data: Database): BillingRepository {
  /** Runs the `all` form (ids null) or the `of` form with the ids as JSON. */
  const scoped = <A extends readonly unknown[], R>(s: Scoped<A, R>, ids: number[] | null, ...args: A): Promise<R[]> =>
    ids === null ? data.all(s.all, ...args) : data.all(s.of, ...([...args, idsOf(ids)] as unknown as [...A, string]));

  return {
    companies: (partnerId) => (partnerId === null ? data.all(companiesAll) : data.all(companiesOf, partnerId)),
    company: (id) => data.one(company, id),

    closedCompanies: (month, companyIds) => scoped(closedCompanies, companyIds, month),
    closedMonths: async (companyIds) => (await scoped(closedMonths, companyIds)).map((r) => r.month),
    insertClose: (row) => data.insert(insertClose, row),
    insertCloseCompanies: (rows) => data.runEach(insertCloseCompany, rows.map((row) => [row] as const)),

    nextNumber: (prefix, type, year) => data.one(nextNumber, prefix, type, year).then((row) => row!.last_number),
    insertDocument: (row) => data.insert(insertDocument, row),
    async stampIssuerLogo(documentId, issuerCompanyId) {
      await data.run(stampLogo, issuerCompanyId);
      await data.run(stampDocumentLogo, documentId, issuerCompanyId);
    },
    documentLogo: (documentId) => data.one(documentLogo, documentId),
    insertSection: (row) => data.insert(insertSection, row),
    insertLines: (rows) => data.runEach(insertLine, rows.map((row) => [row] as const)),

    document: (id) => data.one(document, id),
    idOfNumber: async (number) => (await data.one(idOfNumber, number.replace(/\/\d+$/, '')))?.id,
    sections: (documentId) => data.all(sections, documentId),
    lines: (documentId) => data.all(lines, documentId),
    corrections: (documentId) => data.all(corrections, documentId),
    sectionCompanies: async (documentId) => (await data.all(sectionCompanies, documentId)).map((r) => r.company_id),

    async list(reach, query, offset, limit) {
      const s = listStatementsOf(reach, query);
      const p = listParams(reach, query, offset, limit);
      const rows = await data.all(s.page, p);
      const total = (await data.one(s.count, p))!.n;
      return { rows, total };
    },
    listAll: (reach, query) => data.all(listStatementsOf(reach, query).every, listParams(reach, query, 0, 0)),
    ofMonth: (month, recipientIds) => scoped(ofMonth, recipientIds, month),
    monthTotals: (months, recipientIds) => scoped(monthTotals, recipientIds, JSON.stringify(months)),
    closedCounts: (months, companyIds) => scoped(closedCounts, companyIds, JSON.stringify(months)),
    routeChanges: (since, companyIds) => scoped(routeChanges, companyIds, since),

    prices: (partnerId) => data.all(prices, partnerId),
    price: (companyId) => data.one(price, companyId),
    upsertPrice: async (row) => void (await data.run(upsertPrice, row)),
    drafts: (partnerId, month) => data.all(drafts, partnerId, month),
    draft: (id) => data.one(draft, id),
    upsertDraft: async (row) => (await data.one(upsertDraft, row))!.id,
    deleteDraft: async (id) => void (await data.run(deleteDraft, id)),
  };
}
