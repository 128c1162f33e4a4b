// SQL of the month close (migration 007): the companies as the close sees them, the close records per
// company and month, gapless number sequences, issued documents with their parts and lines (insert and
// read only: triggers refuse changes), the document lists, and the route changes of the audit log.
import type { PaymentRoute } from '../../../src-shared/api/types';
import type { DocumentType } from '../../../src-shared/domain/billing';
import type { Db } from '../db/database';
import { escapeLike, type CompanyRow } from './companies-repository';
import { statementCache } from './table-access';

/** A company as the close reads it. */
export type BillingCompanyRow = Pick<
  CompanyRow,
  'id' | 'name' | 'email' | 'street' | 'city' | 'postal_code' | 'country' | 'vat_id' | 'is_sample' | 'is_development' | 'is_partner' | 'partner_id' | 'payment_route'
>;

export interface CloseRow {
  id: number;
  month: string;
  scope: string;
  actor: string;
  closed_at: number;
  companies: number;
  documents: number;
}

export interface CloseCompanyRow {
  month: string;
  company_id: number;
  close_id: number;
  billed_as: 'direct' | 'via_partner' | 'partner' | 'sample' | 'nothing';
  route: PaymentRoute;
  partner_id: number | null;
  figures: string;
}

export interface DocumentRow {
  id: number;
  number: string;
  type: DocumentType;
  issuer_company_id: number | null;
  recipient_company_id: number;
  issuer_name: string;
  recipient_name: string;
  month: string;
  currency: string;
  billed_as: 'direct' | 'partner';
  shop_count: number;
  close_id: number | null;
  corrects_document_id: number | null;
  reason: string | null;
  issuer: string;
  recipient: string;
  vat_rate_bp: number;
  vat_reason: string | null;
  reverse_charge: 0 | 1;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
  notes: string;
  issued_at: number;
  due_at: number | null;
  /** JSON `DocumentSettlement` (migration 019); null for reports, partners' invoices and documents issued before it. */
  settlement: string | null;
}

export type DocumentSummaryRow = Omit<DocumentRow, 'issuer' | 'recipient' | 'notes' | 'reason' | 'vat_reason' | 'close_id' | 'settlement'> & { corrects_number: string | null };

export interface SectionRow {
  id: number;
  document_id: number;
  position: number;
  number: string | null;
  company_id: number | null;
  title: string;
  subtitle: string;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
}

export interface LineRow {
  section_id: number;
  position: number;
  kind: string;
  description: string;
  quantity: number | null;
  basis_minor: number | null;
  rate_bp: number | null;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
  in_total: 0 | 1;
}

/** Who may see which documents: addressed to one of `recipientIds` (null: any), or issued by `issuerId`. */
export interface DocumentReach {
  recipientIds: number[] | null;
  issuerId: number | null;
}

export interface DocumentQuery {
  month?: string;
  type?: DocumentType;
  companyId?: number;
  currency?: string;
  search: string;
  sort: 'issued' | 'number' | 'recipient' | 'gross';
  direction: 'asc' | 'desc';
}

export interface MonthDocumentTotalsRow {
  month: string;
  currency: string;
  type: DocumentType;
  count: number;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
}

export interface RouteChangeRow {
  company_id: number;
  action: string;
  detail: string;
  created_at: number;
}

export interface PriceRow {
  company_id: number;
  partner_id: number;
  currency: string;
  monthly_fee_minor: number;
  percent_bp: number;
  updated_at: number;
}

export interface DraftRow {
  id: number;
  partner_id: number;
  company_id: number;
  company_name: string;
  month: string;
  currency: string;
  lines: string;
  vat_rate_bp: number;
  vat_reason: string;
  reverse_charge: 0 | 1;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
  created_at: number;
  updated_at: number;
}

export interface BillingRepository {
  /** Every company (null) or one partner and its clients, as the close reads them. */
  companies(partnerId: number | null): BillingCompanyRow[];
  company(id: number): BillingCompanyRow | undefined;
  /** Companies whose month is closed, of every company (null) or of some. */
  closedCompanies(month: string, companyIds: number[] | null): CloseCompanyRow[];
  /** Months with at least one closed company among these (null: any). */
  closedMonths(companyIds: number[] | null): string[];
  insertClose(row: Omit<CloseRow, 'id'>): number;
  insertCloseCompany(row: CloseCompanyRow): void;
  /** The next number of a gapless sequence; call inside the issuing transaction. */
  nextNumber(prefix: string, type: DocumentType, year: number): number;
  insertDocument(row: Omit<DocumentRow, 'id'>): number;
  /** In the issuing transaction: the issuer's logo as it is now goes with the document (migration 021), for good. */
  stampIssuerLogo(documentId: number, issuerCompanyId: number): void;
  /** The logo a document was issued with (undefined: none). */
  documentLogo(documentId: number): DocumentLogoRow | undefined;
  insertSection(row: Omit<SectionRow, 'id'>): number;
  insertLine(row: LineRow): void;
  document(id: number): DocumentRow | undefined;
  /** A document's id by its number (PD-INV-2026-000001, or a part's PD-INV-2026-000001/2: its document). */
  idOfNumber(number: string): number | undefined;
  sections(documentId: number): SectionRow[];
  lines(documentId: number): LineRow[];
  corrections(documentId: number): DocumentSummaryRow[];
  /** Companies with their own part (per-shop) in a document. */
  sectionCompanies(documentId: number): number[];
  list(reach: DocumentReach, query: DocumentQuery, offset: number, limit: number): { rows: DocumentSummaryRow[]; total: number };
  /** Every matching document, in list order (CSV export). */
  iterate(reach: DocumentReach, query: DocumentQuery): IterableIterator<DocumentSummaryRow>;
  /** Documents of a month addressed to these companies (null: any). */
  ofMonth(month: string, recipientIds: number[] | null): DocumentSummaryRow[];
  /** Document counts and totals per month, currency and type, addressed to these companies (null: any). */
  monthTotals(months: string[], recipientIds: number[] | null): MonthDocumentTotalsRow[];
  /** Closed companies per month among these (null: any). */
  closedCounts(months: string[], companyIds: number[] | null): { month: string; closed: number }[];
  /** Route, sample and partner changes of the audit log since `since` (ms), of these companies (null: any). */
  routeChanges(since: number, companyIds: number[] | null): RouteChangeRow[];
  prices(partnerId: number): PriceRow[];
  price(companyId: number): PriceRow | undefined;
  upsertPrice(row: PriceRow): void;
  drafts(partnerId: number, month: string | null): DraftRow[];
  draft(id: number): DraftRow | undefined;
  upsertDraft(row: Omit<DraftRow, 'id' | 'company_name'>): number;
  deleteDraft(id: number): void;
}

/** A logo as it headed an issued document (migration 021). */
export interface DocumentLogoRow {
  sha256: string;
  mime: string;
  data: Buffer;
  pdf_png: Buffer | null;
  width: number;
  height: number;
}

const COMPANY_COLUMNS = 'id, name, email, street, city, postal_code, country, vat_id, is_sample, is_development, is_partner, partner_id, payment_route';
const SUMMARY_COLUMNS = `d.id, d.number, d.type, d.issuer_company_id, d.recipient_company_id, d.issuer_name, d.recipient_name, d.month, d.currency,
  d.billed_as, d.shop_count, d.corrects_document_id, d.vat_rate_bp, d.reverse_charge, d.net_minor, d.vat_minor, d.gross_minor, d.issued_at, d.due_at,
  (SELECT c.number FROM billing_documents c WHERE c.id = d.corrects_document_id) AS corrects_number`;
const SORT_SQL: Record<DocumentQuery['sort'], string> = {
  issued: 'd.id',
  number: 'd.number',
  recipient: 'd.recipient_name COLLATE NOCASE',
  gross: 'd.currency, d.gross_minor',
};

export function createBillingRepository(db: Db): BillingRepository {
  const prepared = statementCache(db);
  const idsParam = (ids: number[] | null) => JSON.stringify(ids ?? []);
  const inIds = (column: string, ids: number[] | null) => (ids === null ? '1' : `${column} IN (SELECT value FROM json_each(@ids))`);

  const insertDocument = db.prepare(
    `INSERT INTO billing_documents (number, type, issuer_company_id, recipient_company_id, issuer_name, recipient_name, month, currency, billed_as,
       shop_count, close_id, corrects_document_id, reason, issuer, recipient, vat_rate_bp, vat_reason, reverse_charge, net_minor, vat_minor, gross_minor,
       notes, issued_at, due_at, settlement)
     VALUES (@number, @type, @issuer_company_id, @recipient_company_id, @issuer_name, @recipient_name, @month, @currency, @billed_as,
       @shop_count, @close_id, @corrects_document_id, @reason, @issuer, @recipient, @vat_rate_bp, @vat_reason, @reverse_charge, @net_minor, @vat_minor, @gross_minor,
       @notes, @issued_at, @due_at, @settlement)`,
  );
  const insertSection = db.prepare(
    `INSERT INTO billing_document_sections (document_id, position, number, company_id, title, subtitle, net_minor, vat_minor, gross_minor)
     VALUES (@document_id, @position, @number, @company_id, @title, @subtitle, @net_minor, @vat_minor, @gross_minor)`,
  );
  const insertLine = db.prepare(
    `INSERT INTO billing_document_lines (section_id, position, kind, description, quantity, basis_minor, rate_bp, net_minor, vat_minor, gross_minor, in_total)
     VALUES (@section_id, @position, @kind, @description, @quantity, @basis_minor, @rate_bp, @net_minor, @vat_minor, @gross_minor, @in_total)`,
  );
  const nextNumber = db
    .prepare<[string, string, number], number>(
      `INSERT INTO billing_sequences (prefix, type, year, last_number) VALUES (?, ?, ?, 1)
       ON CONFLICT DO UPDATE SET last_number = last_number + 1 RETURNING last_number`,
    )
    .pluck();

  function where(reach: DocumentReach, query: DocumentQuery): { sql: string; params: Record<string, unknown> } {
    const parts: string[] = [];
    if (reach.recipientIds !== null || reach.issuerId !== null) {
      const either: string[] = [];
      if (reach.recipientIds !== null) either.push('d.recipient_company_id IN (SELECT value FROM json_each(@ids))');
      if (reach.issuerId !== null) either.push('d.issuer_company_id = @issuer');
      parts.push(`(${either.join(' OR ')})`);
    }
    if (query.month) parts.push('d.month = @month');
    if (query.type) parts.push('d.type = @type');
    if (query.currency) parts.push('d.currency = @currency');
    if (query.companyId !== undefined) {
      parts.push('(d.recipient_company_id = @company OR EXISTS (SELECT 1 FROM billing_document_sections s WHERE s.company_id = @company AND s.document_id = d.id))');
    }
    if (query.search) parts.push(`(d.number LIKE @like ESCAPE '\\' OR d.recipient_name LIKE @like ESCAPE '\\')`);
    return {
      sql: parts.length ? parts.join(' AND ') : '1',
      params: {
        ids: idsParam(reach.recipientIds),
        issuer: reach.issuerId,
        month: query.month,
        type: query.type,
        currency: query.currency,
        company: query.companyId,
        like: `%${escapeLike(query.search)}%`,
      },
    };
  }

  const order = (query: DocumentQuery) => {
    const dir = query.direction === 'asc' ? 'ASC' : 'DESC';
    return `ORDER BY ${SORT_SQL[query.sort].split(', ').map((c) => `${c} ${dir}`).join(', ')}, d.id ${dir}`;
  };

  return {
    companies: (partnerId) =>
      partnerId === null
        ? (prepared(`SELECT ${COMPANY_COLUMNS} FROM companies ORDER BY id`).all() as BillingCompanyRow[])
        : (prepared(`SELECT ${COMPANY_COLUMNS} FROM companies WHERE id = ? OR partner_id = ? ORDER BY id`).all(partnerId, partnerId) as BillingCompanyRow[]),
    company: (id) => prepared(`SELECT ${COMPANY_COLUMNS} FROM companies WHERE id = ?`).get(id) as BillingCompanyRow | undefined,

    closedCompanies: (month, companyIds) =>
      prepared(`SELECT * FROM billing_close_companies WHERE month = @month AND ${inIds('company_id', companyIds)}`).all({ month, ids: idsParam(companyIds) }) as CloseCompanyRow[],
    closedMonths: (companyIds) =>
      prepared(`SELECT DISTINCT month FROM billing_close_companies WHERE ${inIds('company_id', companyIds)} ORDER BY month`)
        .pluck()
        .all({ ids: idsParam(companyIds) }) as string[],
    insertClose: (row) =>
      Number(
        prepared('INSERT INTO billing_closes (month, scope, actor, closed_at, companies, documents) VALUES (@month, @scope, @actor, @closed_at, @companies, @documents)').run(row)
          .lastInsertRowid,
      ),
    insertCloseCompany: (row) =>
      void prepared(
        'INSERT INTO billing_close_companies (month, company_id, close_id, billed_as, route, partner_id, figures) VALUES (@month, @company_id, @close_id, @billed_as, @route, @partner_id, @figures)',
      ).run(row),

    nextNumber: (prefix, type, year) => nextNumber.get(prefix, type, year)!,
    insertDocument: (row) => Number(insertDocument.run(row).lastInsertRowid),
    stampIssuerLogo(documentId, issuerCompanyId) {
      prepared(
        `INSERT OR IGNORE INTO document_logos (sha256, mime, data, pdf_png, width, height)
         SELECT sha256, mime, data, pdf_png, width, height FROM partner_logos WHERE company_id = ?`,
      ).run(issuerCompanyId);
      prepared('INSERT INTO billing_document_logos (document_id, sha256) SELECT ?, sha256 FROM partner_logos WHERE company_id = ?').run(documentId, issuerCompanyId);
    },
    documentLogo: (documentId) =>
      prepared('SELECT l.* FROM billing_document_logos d JOIN document_logos l ON l.sha256 = d.sha256 WHERE d.document_id = ?').get(documentId) as DocumentLogoRow | undefined,
    insertSection: (row) => Number(insertSection.run(row).lastInsertRowid),
    insertLine: (row) => void insertLine.run(row),

    document: (id) => prepared('SELECT * FROM billing_documents WHERE id = ?').get(id) as DocumentRow | undefined,
    idOfNumber: (number) =>
      (prepared('SELECT id FROM billing_documents WHERE number = ?').pluck().get(number.replace(/\/\d+$/, '')) as number | undefined) ?? undefined,
    sections: (documentId) => prepared('SELECT * FROM billing_document_sections WHERE document_id = ? ORDER BY position').all(documentId) as SectionRow[],
    lines: (documentId) =>
      prepared(
        `SELECT l.* FROM billing_document_sections s JOIN billing_document_lines l ON l.section_id = s.id
         WHERE s.document_id = ? ORDER BY s.position, l.position`,
      ).all(documentId) as LineRow[],
    corrections: (documentId) =>
      prepared(`SELECT ${SUMMARY_COLUMNS} FROM billing_documents d WHERE d.corrects_document_id = ? ORDER BY d.id`).all(documentId) as DocumentSummaryRow[],
    sectionCompanies: (documentId) =>
      prepared('SELECT company_id FROM billing_document_sections WHERE document_id = ? AND company_id IS NOT NULL ORDER BY position').pluck().all(documentId) as number[],

    list(reach, query, offset, limit) {
      const w = where(reach, query);
      const rows = prepared(`SELECT ${SUMMARY_COLUMNS} FROM billing_documents d WHERE ${w.sql} ${order(query)} LIMIT @limit OFFSET @offset`).all({
        ...w.params,
        limit,
        offset,
      }) as DocumentSummaryRow[];
      const total = prepared(`SELECT COUNT(*) FROM billing_documents d WHERE ${w.sql}`).pluck().get(w.params) as number;
      return { rows, total };
    },
    iterate(reach, query) {
      const w = where(reach, query);
      return prepared(`SELECT ${SUMMARY_COLUMNS} FROM billing_documents d WHERE ${w.sql} ${order(query)}`).iterate(w.params) as IterableIterator<DocumentSummaryRow>;
    },
    ofMonth: (month, recipientIds) =>
      prepared(`SELECT ${SUMMARY_COLUMNS} FROM billing_documents d WHERE d.month = @month AND ${inIds('d.recipient_company_id', recipientIds)} ORDER BY d.id`).all({
        month,
        ids: idsParam(recipientIds),
      }) as DocumentSummaryRow[],
    monthTotals: (months, recipientIds) =>
      prepared(
        `SELECT month, currency, type, COUNT(*) AS count, SUM(net_minor) AS net_minor, SUM(vat_minor) AS vat_minor, SUM(gross_minor) AS gross_minor
         FROM billing_documents d WHERE d.issuer_company_id IS NULL AND d.month IN (SELECT value FROM json_each(@months)) AND ${inIds('d.recipient_company_id', recipientIds)}
         GROUP BY month, currency, type ORDER BY month, currency, type`,
      ).all({ months: JSON.stringify(months), ids: idsParam(recipientIds) }) as MonthDocumentTotalsRow[],
    closedCounts: (months, companyIds) =>
      prepared(
        `SELECT month, COUNT(*) AS closed FROM billing_close_companies
         WHERE month IN (SELECT value FROM json_each(@months)) AND ${inIds('company_id', companyIds)} GROUP BY month`,
      ).all({ months: JSON.stringify(months), ids: idsParam(companyIds) }) as { month: string; closed: number }[],

    routeChanges: (since, companyIds) =>
      prepared(
        `SELECT company_id, action, detail, created_at FROM audit_log
         WHERE created_at >= @since AND ${inIds('company_id', companyIds)}
           AND (action IN ('partner.relation_started', 'partner.relation_ended')
                OR (action = 'company.updated' AND (json_extract(detail, '$.paymentRoute') IS NOT NULL OR json_extract(detail, '$.isSample') IS NOT NULL)))
         ORDER BY id`,
      ).all({ since, ids: idsParam(companyIds) }) as RouteChangeRow[],

    prices: (partnerId) => prepared('SELECT * FROM partner_client_prices WHERE partner_id = ?').all(partnerId) as PriceRow[],
    price: (companyId) => prepared('SELECT * FROM partner_client_prices WHERE company_id = ?').get(companyId) as PriceRow | undefined,
    upsertPrice: (row) =>
      void prepared(
        `INSERT INTO partner_client_prices (company_id, partner_id, currency, monthly_fee_minor, percent_bp, updated_at)
         VALUES (@company_id, @partner_id, @currency, @monthly_fee_minor, @percent_bp, @updated_at)
         ON CONFLICT (company_id) DO UPDATE SET partner_id = excluded.partner_id, currency = excluded.currency,
           monthly_fee_minor = excluded.monthly_fee_minor, percent_bp = excluded.percent_bp, updated_at = excluded.updated_at`,
      ).run(row),
    drafts: (partnerId, month) =>
      prepared(
        `SELECT d.*, c.name AS company_name FROM partner_invoice_drafts d JOIN companies c ON c.id = d.company_id
         WHERE d.partner_id = @partner AND (@month IS NULL OR d.month = @month) ORDER BY d.month DESC, c.name COLLATE NOCASE, d.currency`,
      ).all({ partner: partnerId, month }) as DraftRow[],
    draft: (id) =>
      prepared('SELECT d.*, c.name AS company_name FROM partner_invoice_drafts d JOIN companies c ON c.id = d.company_id WHERE d.id = ?').get(id) as DraftRow | undefined,
    upsertDraft: (row) =>
      prepared(
        `INSERT INTO partner_invoice_drafts (partner_id, company_id, month, currency, lines, vat_rate_bp, vat_reason, reverse_charge, net_minor, vat_minor, gross_minor, created_at, updated_at)
         VALUES (@partner_id, @company_id, @month, @currency, @lines, @vat_rate_bp, @vat_reason, @reverse_charge, @net_minor, @vat_minor, @gross_minor, @created_at, @updated_at)
         ON CONFLICT (partner_id, company_id, month, currency) DO UPDATE SET lines = excluded.lines, vat_rate_bp = excluded.vat_rate_bp,
           vat_reason = excluded.vat_reason, reverse_charge = excluded.reverse_charge, net_minor = excluded.net_minor, vat_minor = excluded.vat_minor,
           gross_minor = excluded.gross_minor, updated_at = excluded.updated_at
         RETURNING id`,
      )
        .pluck()
        .get(row) as number,
    deleteDraft: (id) => void prepared('DELETE FROM partner_invoice_drafts WHERE id = ?').run(id),
  };
}
