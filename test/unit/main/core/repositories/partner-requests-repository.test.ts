// Requests to be managed by a partner (partner_requests) on both databases of the data layer: insert with the names
// of both sides, the pending one per pair, a company's list (pending first), cancelling a company's pending ones — and
// two partners' requests of one company accepted at once from two servers: exactly one is accepted, the other
// cancelled (read, decide, write; PostgreSQL: SERIALIZABLE, the loser retried). The rules: partner-requests tests.
import { describe, expect, it } from 'vitest';
import { statement } from '../../../../../src-main/core/db/data';
import { createPartnerRequestsRepository, type PartnerRequestsRepository } from '../../../../../src-main/core/repositories/partner-requests-repository';
import { dataTargets, useData } from '../../../../helpers/databases';

const addCompany = statement('test.company', ({ sql }, id: number, name: string, isPartner: number) =>
  sql`INSERT INTO companies (id, name, country, is_partner, created_at, updated_at) VALUES (${id}, ${name}, 'DE', ${isPartner}, 0, 0)`,
);

describe.each(await dataTargets())('partner requests on $name', (target) => {
  const db = useData(target, ['partner_requests', 'companies']);
  async function fixture(repo: PartnerRequestsRepository) {
    await db.data.run(addCompany, 1, 'North Partners', 1);
    await db.data.run(addCompany, 4, 'South Partners', 1);
    await db.data.run(addCompany, 2, 'Shop', 0);
    const ask = (partnerId: number, at: number) => repo.insert({ company_id: 2, partner_id: partnerId, requested_by_user_id: null, message: 'hi', created_at: at });
    return { north: await ask(1, 10), south: await ask(4, 20) };
  }

  it('inserts with both names, finds the pending one per pair, lists pending first, cancels a company’s pending ones', async () => {
    const repo = createPartnerRequestsRepository(db.data);
    const { north, south } = await fixture(repo);
    expect(south).toBeGreaterThan(north);
    expect(await repo.get(north)).toMatchObject({ company_name: 'Shop', partner_name: 'North Partners', requested_by: null, status: 'pending', decided_at: null });
    expect((await repo.pendingFor(2, 4))!.id).toBe(south);
    await repo.setStatus(south, 'declined', 30);
    expect(await repo.pendingFor(2, 4)).toBeUndefined();
    expect((await repo.listInvolving(2)).map((r) => r.id)).toEqual([north, south]);
    expect((await repo.listInvolving(4)).map((r) => r.id)).toEqual([south]);
    expect(await repo.cancelPendingOf(2, 40)).toEqual([north]);
    expect(await repo.get(north)).toMatchObject({ status: 'cancelled', decided_at: 40 });
  });

  it('accepts exactly one of two partners’ requests of one company accepted at once from two servers', async () => {
    const a = createPartnerRequestsRepository(db.data);
    const b = createPartnerRequestsRepository(db.another());
    const { north, south } = await fixture(a);
    let read = 0;
    let allRead!: () => void;
    const everybodyRead = new Promise<void>((resolve) => (allRead = resolve));
    const accept = (repo: PartnerRequestsRepository, id: number) => {
      let attempt = 0;
      return repo.atomically(async () => {
        const request = (await repo.get(id))!;
        // Both have read their request pending before either decides (PostgreSQL; SQLite runs them one after the other).
        if (attempt++ === 0 && target.dialect === 'postgres') {
          if (++read === 2) allRead();
          await everybodyRead;
        }
        if (request.status !== 'pending') return false;
        await repo.setStatus(id, 'accepted', 50);
        await repo.cancelPendingOf(2, 50);
        return true;
      });
    };
    expect((await Promise.all([accept(a, north), accept(b, south)])).filter(Boolean)).toHaveLength(1);
    const statuses = [(await a.get(north))!.status, (await a.get(south))!.status].sort();
    expect(statuses).toEqual(['accepted', 'cancelled']);
  });
});
