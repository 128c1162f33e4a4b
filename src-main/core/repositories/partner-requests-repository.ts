// SQL for requests from a company to be managed by a partner.
import type { Db } from '../db/database';
import type { PartnerRequestStatus } from '../../../src-shared/api/types';

export interface PartnerRequestRow {
  id: number;
  company_id: number;
  company_name: string;
  partner_id: number;
  partner_name: string;
  requested_by_user_id: number | null;
  requested_by: string | null;
  message: string;
  status: PartnerRequestStatus;
  created_at: number;
  decided_at: number | null;
}

export interface PartnerRequestsRepository {
  insert(row: { company_id: number; partner_id: number; requested_by_user_id: number | null; message: string; created_at: number }): number;
  get(id: number): PartnerRequestRow | undefined;
  pendingFor(companyId: number, partnerId: number): PartnerRequestRow | undefined;
  /** Requests in which the company is either side. */
  listInvolving(companyId: number): PartnerRequestRow[];
  setStatus(id: number, status: PartnerRequestStatus, decidedAt: number): void;
  cancelPendingOf(companyId: number, decidedAt: number): number[];
}

const SELECT = `SELECT r.*, c.name AS company_name, p.name AS partner_name, u.email AS requested_by
  FROM partner_requests r
  JOIN companies c ON c.id = r.company_id
  JOIN companies p ON p.id = r.partner_id
  LEFT JOIN users u ON u.id = r.requested_by_user_id`;

export function createPartnerRequestsRepository(db: Db): PartnerRequestsRepository {
  const insert = db.prepare(
    `INSERT INTO partner_requests (company_id, partner_id, requested_by_user_id, message, created_at)
     VALUES (@company_id, @partner_id, @requested_by_user_id, @message, @created_at)`,
  );
  const get = db.prepare<[number], PartnerRequestRow>(`${SELECT} WHERE r.id = ?`);
  const pending = db.prepare<[number, number], PartnerRequestRow>(`${SELECT} WHERE r.company_id = ? AND r.partner_id = ? AND r.status = 'pending'`);
  const involving = db.prepare<[number, number], PartnerRequestRow>(
    `${SELECT} WHERE r.company_id = ? OR r.partner_id = ? ORDER BY (r.status = 'pending') DESC, r.created_at DESC, r.id DESC LIMIT 500`,
  );
  const setStatus = db.prepare('UPDATE partner_requests SET status = ?, decided_at = ? WHERE id = ?');
  const pendingIds = db.prepare<[number], number>(`SELECT id FROM partner_requests WHERE company_id = ? AND status = 'pending'`).pluck();
  return {
    insert: (row) => Number(insert.run(row).lastInsertRowid),
    get: (id) => get.get(id),
    pendingFor: (companyId, partnerId) => pending.get(companyId, partnerId),
    listInvolving: (companyId) => involving.all(companyId, companyId),
    setStatus: (id, status, decidedAt) => void setStatus.run(status, decidedAt, id),
    cancelPendingOf(companyId, decidedAt) {
      const ids = pendingIds.all(companyId);
      for (const id of ids) setStatus.run('cancelled', decidedAt, id);
      return ids;
    },
  };
}
