// SQL for the local outbox: every email the platform would send lands here (spec §9).
import type { Db } from '../db/database';

export interface OutboxRow {
  id: number;
  company_id: number | null;
  to_address: string;
  subject: string;
  body: string;
  kind: string;
  created_at: number;
  read_at: number | null;
}

export interface OutboxRepository {
  insert(row: Omit<OutboxRow, 'id' | 'read_at'>): number;
  get(id: number): OutboxRow | undefined;
  listForCompanies(companyIds: number[], limit: number): OutboxRow[];
  /** The newest `limit` messages of the companies that are of one of `kinds` or addressed to `to`. */
  listReadable(companyIds: number[], kinds: readonly string[], to: string, limit: number): OutboxRow[];
  listAll(limit: number): OutboxRow[];
  markRead(id: number, at: number): void;
}

export function createOutboxRepository(db: Db): OutboxRepository {
  const insert = db.prepare(
    `INSERT INTO outbox (company_id, to_address, subject, body, kind, created_at)
     VALUES (@company_id, @to_address, @subject, @body, @kind, @created_at)`,
  );
  const get = db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
  // json_each keeps one prepared statement whatever the number of companies.
  const forCompanies = db.prepare<[string, number], OutboxRow>(
    'SELECT * FROM outbox WHERE company_id IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT ?',
  );
  const readable = db.prepare<[string, string, string, number], OutboxRow>(
    `SELECT * FROM outbox WHERE company_id IN (SELECT value FROM json_each(?))
       AND (kind IN (SELECT value FROM json_each(?)) OR lower(to_address) = lower(?))
     ORDER BY id DESC LIMIT ?`,
  );
  const all = db.prepare<[number], OutboxRow>('SELECT * FROM outbox ORDER BY id DESC LIMIT ?');
  const markRead = db.prepare('UPDATE outbox SET read_at = ? WHERE id = ? AND read_at IS NULL');
  return {
    insert: (row) => Number(insert.run(row).lastInsertRowid),
    get: (id) => get.get(id),
    listForCompanies(companyIds, limit) {
      if (companyIds.length === 0) return [];
      return forCompanies.all(JSON.stringify(companyIds), limit);
    },
    listReadable(companyIds, kinds, to, limit) {
      if (companyIds.length === 0) return [];
      return readable.all(JSON.stringify(companyIds), JSON.stringify(kinds), to, limit);
    },
    listAll: (limit) => all.all(limit),
    markRead: (id, at) => void markRead.run(at, id),
  };
}
