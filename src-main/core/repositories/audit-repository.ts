// SQL for the audit log: who changed what (attestations, route changes, relations).
import type { Db } from '../db/database';

export interface AuditRepository {
  record(entry: { company_id: number | null; actor: string; action: string; detail: Record<string, unknown>; created_at: number }): void;
  listForCompany(companyId: number): { action: string; actor: string; detail: string; created_at: number }[];
}

export function createAuditRepository(db: Db): AuditRepository {
  const insert = db.prepare('INSERT INTO audit_log (company_id, actor, action, detail, created_at) VALUES (?, ?, ?, ?, ?)');
  const list = db.prepare<[number], { action: string; actor: string; detail: string; created_at: number }>(
    'SELECT action, actor, detail, created_at FROM audit_log WHERE company_id = ? ORDER BY id',
  );
  return {
    record: (e) => void insert.run(e.company_id, e.actor, e.action, JSON.stringify(e.detail), e.created_at),
    listForCompany: (companyId) => list.all(companyId),
  };
}
