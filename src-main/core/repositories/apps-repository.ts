// SQL for apps: the API credentials of spec §3/§6 (client id, sealed shared secret and its hash, redirect
// URIs, scopes, authorization URL, start URL, developer email). Rules live in the apps service.
import type { Db } from '../db/database';

export interface AppRow {
  id: number;
  company_id: number;
  name: string;
  client_id: string;
  client_secret_sealed: string;
  /** SHA-256 (hex) of the shared secret: verifying a client never needs the secret back. */
  client_secret_hash: string;
  /** JSON array of strings. */
  redirect_uris: string;
  /** Canonical comma-separated scopes. */
  scopes: string;
  authorization_url: string | null;
  start_url: string | null;
  developer_email: string;
  created_at: number;
  updated_at: number;
}

export interface AppWithCompanyRow extends AppRow {
  company_name: string;
}

export type NewAppRow = Omit<AppRow, 'id'>;

export interface AppsRepository {
  insert(row: NewAppRow): number;
  get(id: number): AppWithCompanyRow | undefined;
  findByClientId(clientId: string): AppWithCompanyRow | undefined;
  listAll(): AppWithCompanyRow[];
  listByCompanies(companyIds: number[]): AppWithCompanyRow[];
}

export function createAppsRepository(db: Db): AppsRepository {
  const SELECT = 'SELECT a.*, c.name AS company_name FROM apps a JOIN companies c ON c.id = a.company_id';
  const insert = db.prepare(
    `INSERT INTO apps (company_id, name, client_id, client_secret_sealed, client_secret_hash, redirect_uris, scopes,
       authorization_url, start_url, developer_email, created_at, updated_at)
     VALUES (@company_id, @name, @client_id, @client_secret_sealed, @client_secret_hash, @redirect_uris, @scopes,
       @authorization_url, @start_url, @developer_email, @created_at, @updated_at)`,
  );
  const get = db.prepare<[number], AppWithCompanyRow>(`${SELECT} WHERE a.id = ?`);
  const byClientId = db.prepare<[string], AppWithCompanyRow>(`${SELECT} WHERE a.client_id = ?`);
  const all = db.prepare<[], AppWithCompanyRow>(`${SELECT} ORDER BY a.id`);
  const byCompanies = db.prepare<[string], AppWithCompanyRow>(
    `${SELECT} WHERE a.company_id IN (SELECT value FROM json_each(?)) ORDER BY a.id`,
  );
  return {
    insert: (row) => Number(insert.run(row).lastInsertRowid),
    get: (id) => get.get(id),
    findByClientId: (clientId) => byClientId.get(clientId),
    listAll: () => all.all(),
    listByCompanies: (companyIds) => (companyIds.length === 0 ? [] : byCompanies.all(JSON.stringify(companyIds))),
  };
}
