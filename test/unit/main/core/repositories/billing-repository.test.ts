// The month close's SQL (billing-repository.ts) on both databases of the data layer, and the billing rules that
// rest on it proved on each: gapless numbers per issuer (two issuers racing from two servers, a rollback giving
// its number back), issued documents immutable (the triggers of migration 007 on SQLite, their plpgsql form on
// PostgreSQL), a correction a new document that references the original, two closers of one month racing (one
// closes, the other finds it closed: SQLite's single writer, PostgreSQL's SERIALIZABLE retry), the lists and
// their filters (JSON id lists, case-insensitive search, sort), totals, drafts and prices. The tables keep what
// each test wrote (issued documents cannot be deleted): every test uses its own companies, months and prefixes.
import { describe, expect, it } from 'vitest';
import type { PlannedDocument } from '../../../../../src-shared/api/billing-types';
import { statement, type Database } from '../../../../../src-main/core/db/data';
import { createBillingRepository, type DocumentQuery } from '../../../../../src-main/core/repositories/billing-repository';
import { writeDocument } from '../../../../../src-main/core/services/billing/document-writer';
import { dataTargets, useData } from '../../../../helpers/databases';

const addPartner = statement('test.billing.partner', ({ sql }, id: number, name: string) =>
  sql`INSERT INTO companies (id, name, country, is_partner, created_at, updated_at) VALUES (${id}, ${name}, 'DE', 1, 0, 0)`,
);
const addClient = statement('test.billing.client', ({ sql }, id: number, name: string, partnerId: number) =>
  sql`INSERT INTO companies (id, name, country, partner_id, payment_route, created_at, updated_at) VALUES (${id}, ${name}, 'DE', ${partnerId}, 'via_partner', 0, 0)`,
);
/** A partner (no partner id) or a partner's Via Partner client. */
const addCompany = (data: Database, id: number, name: string, partnerId: number | null) =>
  partnerId === null ? data.run(addPartner, id, name) : data.run(addClient, id, name, partnerId);
const changeDocument = statement('test.billing.change', ({ sql }, id: number) => sql`UPDATE billing_documents SET net_minor = 1, gross_minor = 1 + vat_minor WHERE id = ${id}`);
const dropDocument = statement('test.billing.drop', ({ sql }, id: number) => sql`DELETE FROM billing_documents WHERE id = ${id}`);
const reopen = statement('test.billing.reopen', ({ sql }, month: string) => sql`DELETE FROM billing_close_companies WHERE month = ${month}`);
const audit = statement('test.billing.audit', ({ sql }, companyId: number, action: string, detail: string, at: number) =>
  sql`INSERT INTO audit_log (company_id, actor, action, detail, created_at) VALUES (${companyId}, 'test', ${action}, ${detail}, ${at})`,
);

const ISSUED = Date.UTC(2026, 10, 2, 10);
const party = (companyId: number | null, name: string) => ({ companyId, name, address: [], country: 'DE', vatId: null, email: '' });

function planned(type: PlannedDocument['type'], recipientId: number, name: string, month: string, netMinor: number, shops: number[] = []): PlannedDocument {
  const vat = Math.round(netMinor * 0.19);
  const line = (description: string) => ({ kind: 'fee' as const, description, quantity: null, basisMinor: null, rateBp: 1900, netMinor, vatMinor: vat, grossMinor: netMinor + vat, inTotal: true });
  return {
    key: `${type}|${recipientId}|EUR`,
    type,
    month,
    currency: 'EUR',
    issuer: party(null, 'PartnerDeck Platform'),
    recipient: party(recipientId, name),
    billedAs: shops.length ? 'partner' : 'direct',
    vatRateBp: 1900,
    vatReason: type === 'invoice' ? 'domestic' : null,
    reverseCharge: false,
    netMinor,
    vatMinor: vat,
    grossMinor: netMinor + vat,
    sections: [recipientId, ...shops].map((companyId) => ({ number: null, companyId, title: `Part ${companyId}`, subtitle: '', lines: [line(`Fee ${companyId}`)], netMinor, vatMinor: vat, grossMinor: netMinor + vat })),
    notes: ['a note'],
    settlement: null,
  } as PlannedDocument;
}

const ready = statement('test.billing.ready', ({ sql }) => sql<{ n: number }>`SELECT 1 AS n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const sequenceOf = (numbers: string[]) => numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);

/**
 * Resolves when `count` callers have arrived, or after `ms` (on SQLite the second closer cannot read before the
 * first commits: its transaction waits in line, so the first goes on alone).
 */
function barrier(count: number, ms: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const all = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === count) open();
    return Promise.race([all, sleep(ms)]).then(() => undefined);
  };
}

/** The close's transaction as close-service.ts runs it: read which companies are closed, decide, write the close and its documents. */
function closeMonth(data: Database, month: string, prefix: string, companyIds: number[], bothRead: () => Promise<void>) {
  return data.transaction(
    async () => {
      const repo = createBillingRepository(data);
      const closed = await repo.closedCompanies(month, companyIds);
      await bothRead(); // on PostgreSQL both closers have read (nothing closed) before either writes
      if (closed.length > 0) return null;
      const closeId = await repo.insertClose({ month, scope: 'all', actor: 'operator', closed_at: ISSUED, companies: companyIds.length, documents: companyIds.length });
      await repo.insertCloseCompanies(companyIds.map((id) => ({ month, company_id: id, close_id: closeId, billed_as: 'direct' as const, route: 'direct' as const, partner_id: null, figures: '{}' })));
      for (const id of companyIds) await writeDocument(repo, planned('invoice', id, `Company ${id}`, month, 1000), { prefix, issuerCompanyId: null, closeId, issuedAt: ISSUED, paymentTermDays: 14 });
      return closeId;
    },
    { serializable: true },
  );
}

describe.each(await dataTargets())('the month close on $name', (target) => {
  const db = useData(target, []);

  it('writes a document with its parts and lines and reads it back; numbers are gapless; a rollback gives its number back', async () => {
    const repo = createBillingRepository(db.data);
    await addCompany(db.data, 100, 'Northwind', null);
    await addCompany(db.data, 101, 'Managed Shop', 100);
    const first = await db.data.transaction(() => writeDocument(repo, planned('invoice', 100, 'Northwind', '2026-01', 2000, [101]), { prefix: 'A1', issuerCompanyId: null, closeId: null, issuedAt: ISSUED, paymentTermDays: 14 }));
    expect(first.number).toBe('A1-INV-2026-000001');
    await expect(
      db.data.transaction(async () => {
        await writeDocument(repo, planned('invoice', 100, 'Northwind', '2026-01', 10), { prefix: 'A1', issuerCompanyId: null, closeId: null, issuedAt: ISSUED, paymentTermDays: 14 });
        throw new Error('refused half-way');
      }),
    ).rejects.toThrow('refused half-way');
    const second = await db.data.transaction(() => writeDocument(repo, planned('invoice', 100, 'Northwind', '2026-01', 30), { prefix: 'A1', issuerCompanyId: null, closeId: null, issuedAt: ISSUED, paymentTermDays: null }));
    expect(second.number).toBe('A1-INV-2026-000002');

    const row = (await repo.document(first.id))!;
    expect(row).toMatchObject({ number: first.number, type: 'invoice', recipient_company_id: 100, billed_as: 'partner', shop_count: 1, net_minor: 2000, vat_minor: 380, gross_minor: 2380, due_at: ISSUED + 14 * 86_400_000, reverse_charge: 0 });
    expect(JSON.parse(row.recipient)).toMatchObject({ companyId: 100, name: 'Northwind' });
    expect((await repo.sections(first.id)).map((s) => [s.position, s.number, s.company_id])).toEqual([
      [1, null, 100],
      [2, `${first.number}/2`, 101],
    ]);
    expect((await repo.lines(first.id)).map((l) => [l.position, l.description, l.in_total])).toEqual([
      [1, 'Fee 100', 1],
      [1, 'Fee 101', 1],
    ]);
    expect(await repo.sectionCompanies(first.id)).toEqual([100, 101]);
    expect(await repo.idOfNumber(`${first.number}/2`)).toBe(first.id);
    expect(await repo.idOfNumber('A1-INV-2026-999999')).toBeUndefined();
  });

  it('keeps issued documents as they are: changes and deletions are refused by the database', async () => {
    const repo = createBillingRepository(db.data);
    await addCompany(db.data, 110, 'Immutable GmbH', null);
    const doc = await db.data.transaction(() => writeDocument(repo, planned('invoice', 110, 'Immutable GmbH', '2026-02', 500), { prefix: 'B1', issuerCompanyId: null, closeId: null, issuedAt: ISSUED, paymentTermDays: 14 }));
    await expect(db.data.run(changeDocument, doc.id)).rejects.toThrow(/immutable/);
    await expect(db.data.run(dropDocument, doc.id)).rejects.toThrow(/immutable/);
    expect((await repo.document(doc.id))!.net_minor).toBe(500);
  });

  it('a correction is a new document that references the original; the original stays as issued', async () => {
    const repo = createBillingRepository(db.data);
    await addCompany(db.data, 120, 'Corrected GmbH', null);
    const original = await db.data.transaction(() => writeDocument(repo, planned('invoice', 120, 'Corrected GmbH', '2026-03', 1000), { prefix: 'C1', issuerCompanyId: null, closeId: null, issuedAt: ISSUED, paymentTermDays: 14 }));
    const before = await repo.document(original.id);
    const credit = await db.data.transaction(() =>
      writeDocument(repo, planned('credit_note', 120, 'Corrected GmbH', '2026-03', 200), { prefix: 'C1', issuerCompanyId: null, closeId: null, correctsDocumentId: original.id, reason: 'Returned lamp', issuedAt: ISSUED, paymentTermDays: 14 }),
    );
    expect(credit.number).toBe('C1-CRN-2026-000001');
    expect(await repo.document(credit.id)).toMatchObject({ corrects_document_id: original.id, reason: 'Returned lamp', due_at: null });
    expect((await repo.corrections(original.id)).map((c) => [c.number, c.corrects_number])).toEqual([[credit.number, original.number]]);
    expect(await repo.document(original.id)).toEqual(before);
  });

  it('numbers stay gapless and unique when two servers issue in one sequence at once', async () => {
    const repo = createBillingRepository(db.data);
    await addCompany(db.data, 130, 'Raced GmbH', null);
    const other = db.another();
    const issue = (data: Database, i: number) =>
      data.transaction(
        async () => {
          const written = await writeDocument(createBillingRepository(data), planned('invoice', 130, 'Raced GmbH', '2026-04', 100 + i), { prefix: 'D1', issuerCompanyId: null, closeId: null, issuedAt: ISSUED, paymentTermDays: 14 });
          await sleep(2);
          return written;
        },
        { serializable: true },
      );
    const written = await Promise.all(Array.from({ length: 10 }, (_, i) => issue(i % 2 === 0 ? db.data : other, i)));
    expect(sequenceOf(written.map((w) => w.number))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const listed = await repo.listAll({ recipientIds: [130], issuerId: null }, { month: '2026-04', search: '', sort: 'number', direction: 'asc' });
    expect(listed.map((d) => d.number)).toEqual(Array.from({ length: 10 }, (_, i) => `D1-INV-2026-${String(i + 1).padStart(6, '0')}`));
  });

  it('two closers of one month at once: one closes, the other finds it closed; no duplicate, no gap', async () => {
    const repo = createBillingRepository(db.data);
    for (const id of [140, 141, 142]) await addCompany(db.data, id, `Closed ${id}`, null);
    const other = db.another();
    await other.one(ready); // the second server's pool is connected before the race
    const bothRead = barrier(2, 300);
    const outcomes = await Promise.all([closeMonth(db.data, '2026-05', 'E1', [140, 141, 142], bothRead), closeMonth(other, '2026-05', 'E1', [140, 141, 142], bothRead)]);
    expect(outcomes.filter((o) => o !== null)).toHaveLength(1);
    expect((await repo.closedCompanies('2026-05', null)).map((r) => [r.company_id, r.close_id]).sort()).toEqual([140, 141, 142].map((id) => [id, outcomes.find((o) => o !== null)]));
    const docs = await repo.ofMonth('2026-05', [140, 141, 142]);
    expect(sequenceOf(docs.map((d) => d.number))).toEqual([1, 2, 3]);
    // A closed month stays closed (the close rows refuse deletion).
    await expect(db.data.run(reopen, '2026-05')).rejects.toThrow(/stays closed/);
  });

  it('lists documents by reach and filter (search ignores case), counts and totals them, and lists closed months', async () => {
    const repo = createBillingRepository(db.data);
    await addCompany(db.data, 150, 'Listing Partner', null);
    await addCompany(db.data, 151, 'alpha client', 150);
    await addCompany(db.data, 152, 'Beta Client', 150);
    const closeId = await repo.insertClose({ month: '2026-06', scope: 'partner:150', actor: 'dana', closed_at: ISSUED, companies: 2, documents: 3 });
    await repo.insertCloseCompanies([151, 152].map((id) => ({ month: '2026-06', company_id: id, close_id: closeId, billed_as: 'via_partner' as const, route: 'via_partner' as const, partner_id: 150, figures: '{"EUR":{}}' })));
    const write = (type: PlannedDocument['type'], id: number, name: string, net: number, options: { issuer?: number } = {}) =>
      db.data.transaction(() => writeDocument(repo, planned(type, id, name, '2026-06', net), { prefix: options.issuer ? `P${options.issuer}` : 'F1', issuerCompanyId: options.issuer ?? null, closeId: null, issuedAt: ISSUED, paymentTermDays: 14 }));
    await write('invoice', 151, 'alpha client', 1000);
    await write('credit_note', 152, 'Beta Client', 300);
    await write('invoice', 152, 'Beta Client', 700, { issuer: 150 });
    const all: DocumentQuery = { month: '2026-06', search: '', sort: 'recipient', direction: 'asc' };
    const names = async (reach: Parameters<typeof repo.list>[0], query: DocumentQuery) => (await repo.list(reach, query, 0, 50)).rows.map((d) => `${d.recipient_name}:${d.type}`);
    expect(await names({ recipientIds: null, issuerId: null }, all)).toEqual(['alpha client:invoice', 'Beta Client:credit_note', 'Beta Client:invoice']);
    expect(await names({ recipientIds: [151], issuerId: null }, all)).toEqual(['alpha client:invoice']);
    expect(await names({ recipientIds: [999], issuerId: 150 }, all)).toEqual(['Beta Client:invoice']);
    expect(await names({ recipientIds: null, issuerId: null }, { ...all, search: 'ALPHA' })).toEqual(['alpha client:invoice']);
    expect(await names({ recipientIds: null, issuerId: null }, { ...all, search: '100%' })).toEqual([]);
    expect(await names({ recipientIds: null, issuerId: null }, { ...all, type: 'invoice', companyId: 152 })).toEqual(['Beta Client:invoice']);
    expect(await names({ recipientIds: null, issuerId: null }, { ...all, sort: 'gross', direction: 'desc' })).toEqual(['alpha client:invoice', 'Beta Client:invoice', 'Beta Client:credit_note']);
    const page = await repo.list({ recipientIds: null, issuerId: null }, all, 1, 1);
    expect([page.rows.length, page.total]).toEqual([1, 3]);

    // Totals count the platform's documents only (not the partner's invoices to its clients).
    expect(await repo.monthTotals(['2026-06', '2026-07'], [151, 152])).toEqual([
      { month: '2026-06', currency: 'EUR', type: 'credit_note', count: 1, net_minor: 300, vat_minor: 57, gross_minor: 357 },
      { month: '2026-06', currency: 'EUR', type: 'invoice', count: 1, net_minor: 1000, vat_minor: 190, gross_minor: 1190 },
    ]);
    expect(await repo.closedCounts(['2026-06', '2026-07'], [151, 152, 150])).toEqual([{ month: '2026-06', closed: 2 }]);
    expect(await repo.closedMonths([151])).toEqual(['2026-06']);
    expect(await repo.closedMonths(null)).toContain('2026-06');
    expect((await repo.companies(150)).map((c) => c.name)).toEqual(['Listing Partner', 'alpha client', 'Beta Client']);
    expect(await repo.company(151)).toMatchObject({ partner_id: 150, payment_route: 'via_partner', is_partner: 0 });
  });

  it("reads the route changes of the audit log; a partner's document keeps the partner's logo as it was at issue", async () => {
    const repo = createBillingRepository(db.data);
    await addCompany(db.data, 160, 'Logo Partner', null);
    await addCompany(db.data, 161, 'Logo Client', 160);
    await db.data.run(audit, 161, 'company.updated', JSON.stringify({ paymentRoute: ['direct', 'via_partner'] }), ISSUED);
    await db.data.run(audit, 161, 'company.updated', JSON.stringify({ name: ['a', 'b'], isSample: null }), ISSUED);
    await db.data.run(audit, 161, 'partner.relation_started', '{}', ISSUED + 1);
    await db.data.run(audit, 161, 'company.updated', JSON.stringify({ paymentRoute: ['via_partner', 'direct'] }), ISSUED - 1);
    expect((await repo.routeChanges(ISSUED, [161])).map((r) => [r.action, r.created_at])).toEqual([
      ['company.updated', ISSUED],
      ['partner.relation_started', ISSUED + 1],
    ]);
    expect((await repo.routeChanges(ISSUED, null)).filter((r) => r.company_id === 161)).toHaveLength(2);

    const logos = statement('test.billing.logo', ({ sql }, companyId: number, data: Buffer) =>
      sql`INSERT INTO partner_logos (company_id, mime, data, width, height, size_bytes, sha256, file_name, uploaded_at, uploaded_by)
          VALUES (${companyId}, 'image/png', ${data}, 10, 10, 3, 'sha-g1', 'l.png', 0, 'x')`,
    );
    await db.data.run(logos, 160, Buffer.from([0, 1, 2]));
    const doc = await db.data.transaction(() => writeDocument(repo, planned('invoice', 161, 'Logo Client', '2026-07', 100), { prefix: 'P160', issuerCompanyId: 160, closeId: null, issuedAt: ISSUED, paymentTermDays: 14 }));
    // The same logo again (another document): stored once.
    const again = await db.data.transaction(() => writeDocument(repo, planned('invoice', 161, 'Logo Client', '2026-07', 200), { prefix: 'P160', issuerCompanyId: 160, closeId: null, issuedAt: ISSUED, paymentTermDays: 14 }));
    expect(await repo.documentLogo(doc.id)).toEqual({ sha256: 'sha-g1', mime: 'image/png', data: Buffer.from([0, 1, 2]), pdf_png: null, width: 10, height: 10 });
    expect((await repo.documentLogo(again.id))?.sha256).toBe('sha-g1');
  });

  it("keeps a partner's prices and drafts: upserts, lists by month or all, deletes", async () => {
    const repo = createBillingRepository(db.data);
    await addCompany(db.data, 170, 'Pricing Partner', null);
    await addCompany(db.data, 171, 'zeta shop', 170);
    await addCompany(db.data, 172, 'Alpha Shop', 170);
    await repo.upsertPrice({ company_id: 171, partner_id: 170, currency: 'EUR', monthly_fee_minor: 4900, percent_bp: 0, updated_at: 1 });
    await repo.upsertPrice({ company_id: 171, partner_id: 170, currency: 'EUR', monthly_fee_minor: 5000, percent_bp: 200, updated_at: 2 });
    expect(await repo.prices(170)).toEqual([{ company_id: 171, partner_id: 170, currency: 'EUR', monthly_fee_minor: 5000, percent_bp: 200, updated_at: 2 }]);
    expect(await repo.price(172)).toBeUndefined();
    const draft = (companyId: number, month: string, net: number) => ({
      partner_id: 170, company_id: companyId, month, currency: 'EUR', lines: '[]', vat_rate_bp: 1900, vat_reason: 'domestic', reverse_charge: 0 as const,
      net_minor: net, vat_minor: 0, gross_minor: net, created_at: 1, updated_at: 1,
    });
    const a = await repo.upsertDraft(draft(171, '2026-08', 100));
    expect(await repo.upsertDraft({ ...draft(171, '2026-08', 150), updated_at: 2 })).toBe(a);
    await repo.upsertDraft(draft(172, '2026-08', 200));
    await repo.upsertDraft(draft(171, '2026-07', 300));
    expect((await repo.drafts(170, '2026-08')).map((d) => [d.company_name, d.net_minor])).toEqual([
      ['Alpha Shop', 200],
      ['zeta shop', 150],
    ]);
    expect((await repo.drafts(170, null)).map((d) => d.month)).toEqual(['2026-08', '2026-08', '2026-07']);
    expect(await repo.draft(a)).toMatchObject({ company_name: 'zeta shop', net_minor: 150, created_at: 1, updated_at: 2 });
    await repo.deleteDraft(a);
    expect(await repo.draft(a)).toBeUndefined();
  });
});
