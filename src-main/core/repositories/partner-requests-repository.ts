// SQL for requests from a company to be managed by a partner. On the asynchronous data layer (db/data.ts): the same
// SQL on SQLite and PostgreSQL (RETURNING id added on PostgreSQL), written once as steps (db/steps.ts) and run awaited
// on either database (`createPartnerRequestsRepository`) or at once on SQLite (`createPartnerRequestsRepositoryNow`):
// the service stays synchronous while the demo seed (one synchronous transaction) creates a request through it.
import type { PartnerRequestStatus } from '../../../src-shared/api/types';
import type { Database } from '../db/data';
import { all, atOnce, awaiting, insert, one, run, type AtOnce, type Awaiting, type Step } from '../db/steps';
import { textStatement } from '../db/text-statements';

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

export interface PartnerRequestsSteps {
  insert(row: { company_id: number; partner_id: number; requested_by_user_id: number | null; message: string; created_at: number }): Step<number>;
  get(id: number): Step<PartnerRequestRow | undefined>;
  pendingFor(companyId: number, partnerId: number): Step<PartnerRequestRow | undefined>;
  /** Requests in which the company is either side. */
  listInvolving(companyId: number): Step<PartnerRequestRow[]>;
  setStatus(id: number, status: PartnerRequestStatus, decidedAt: number): Step<void>;
  cancelPendingOf(companyId: number, decidedAt: number): Step<number[]>;
}

/** Awaited, on either database; `atomically`: one write transaction, SERIALIZABLE on PostgreSQL (read, decide, write). */
export type PartnerRequestsRepository = Awaiting<PartnerRequestsSteps> & { atomically<T>(work: () => Promise<T>): Promise<T> };
/** At once, on SQLite only (what the synchronous service uses). */
export type PartnerRequestsRepositoryNow = AtOnce<PartnerRequestsSteps>;

const SELECT = `SELECT r.*, c.name AS company_name, p.name AS partner_name, u.email AS requested_by
  FROM partner_requests r
  JOIN companies c ON c.id = r.company_id
  JOIN companies p ON p.id = r.partner_id
  LEFT JOIN users u ON u.id = r.requested_by_user_id`;

const INSERT = `INSERT INTO partner_requests (company_id, partner_id, requested_by_user_id, message, created_at)
     VALUES (@company_id, @partner_id, @requested_by_user_id, @message, @created_at)`;
const insertRequest = textStatement('partnerRequests.insert', INSERT, `${INSERT} RETURNING id`);
const get = textStatement<PartnerRequestRow>('partnerRequests.get', `${SELECT} WHERE r.id = ?`);
const pending = textStatement<PartnerRequestRow>('partnerRequests.pending', `${SELECT} WHERE r.company_id = ? AND r.partner_id = ? AND r.status = 'pending'`);
const involving = textStatement<PartnerRequestRow>(
  'partnerRequests.involving',
  `${SELECT} WHERE r.company_id = ? OR r.partner_id = ? ORDER BY (r.status = 'pending') DESC, r.created_at DESC, r.id DESC LIMIT 500`,
);
const setStatus = textStatement('partnerRequests.setStatus', 'UPDATE partner_requests SET status = ?, decided_at = ? WHERE id = ?');
const pendingIds = textStatement<{ id: number }>('partnerRequests.pendingIds', `SELECT id FROM partner_requests WHERE company_id = ? AND status = 'pending'`);

const steps: PartnerRequestsSteps = {
  insert: (row) => insert(insertRequest, row),
  get: (id) => one(get, [id]),
  pendingFor: (companyId, partnerId) => one(pending, [companyId, partnerId]),
  listInvolving: (companyId) => all(involving, [companyId, companyId]),
  *setStatus(id, status, decidedAt) {
    yield* run(setStatus, [status, decidedAt, id]);
  },
  *cancelPendingOf(companyId, decidedAt) {
    const ids = (yield* all(pendingIds, [companyId])).map((r) => r.id);
    for (const id of ids) yield* run(setStatus, ['cancelled', decidedAt, id]);
    return ids;
  },
};

export function createPartnerRequestsRepository(data: Database): PartnerRequestsRepository {
  return { ...awaiting(steps, data), atomically: (work) => data.transaction(work, { serializable: true }) };
}

export function createPartnerRequestsRepositoryNow(data: Database): PartnerRequestsRepositoryNow {
  return atOnce(steps, data, 'partnerRequests');
}
