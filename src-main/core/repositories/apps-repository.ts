// SQL for apps: the API credentials of spec §3/§6 (client id, sealed shared secret and its hash, redirect
// URIs, scopes, authorization URL, start URL, developer email) and, since the App Store (migration 006), the
// listing each registration is: its kind (app or theme), its product in the developer's shop, its shop
// visibility and, for themes, the theme an install copies. Rules live in the apps and App Store services.
import type { Db } from '../db/database';

export type AppKind = 'app' | 'theme';
export type AppVisibility = 'development' | 'beta' | 'release';

export interface AppRow {
  id: number;
  company_id: number;
  name: string;
  client_id: string;
  client_secret_sealed: string;
  /** SHA-256 (hex) of the shared secret: verifying a client never needs the secret back. Empty for themes. */
  client_secret_hash: string;
  /** JSON array of strings. */
  redirect_uris: string;
  /** Canonical comma-separated scopes. */
  scopes: string;
  authorization_url: string | null;
  start_url: string | null;
  developer_email: string;
  kind: AppKind;
  /** The products row (kind app/theme) in the developer's shop; set for every app since migration 006. */
  product_id: number | null;
  visibility: AppVisibility;
  theme_id: number | null;
  secret_rotated_at: number | null;
  /** The secret replaced by the last rotation, valid until `previous_secret_expires_at` (migration 018). */
  previous_secret_sealed: string | null;
  previous_secret_hash: string | null;
  /** Platform ms; null when the last rotation had no grace period. */
  previous_secret_expires_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AppWithCompanyRow extends AppRow {
  company_name: string;
}

export type NewAppRow = Omit<AppRow, 'id' | 'visibility' | 'secret_rotated_at' | 'previous_secret_sealed' | 'previous_secret_hash' | 'previous_secret_expires_at'> & Partial<Pick<AppRow, 'visibility'>>;

/** Columns a listing edit may change. */
export type AppPatch = Partial<Pick<AppRow, 'name' | 'redirect_uris' | 'scopes' | 'authorization_url' | 'start_url' | 'developer_email' | 'theme_id'>>;

export interface AppsRepository {
  insert(row: NewAppRow): number;
  get(id: number): AppWithCompanyRow | undefined;
  /** The OAuth client behind a client id: apps only (a theme listing is never an OAuth client). */
  findByClientId(clientId: string): AppWithCompanyRow | undefined;
  /** Whether any registration (app or theme) uses this client id. */
  clientIdTaken(clientId: string): boolean;
  findByProductId(productId: number): AppWithCompanyRow | undefined;
  listAll(): AppWithCompanyRow[];
  listByCompanies(companyIds: number[]): AppWithCompanyRow[];
  update(id: number, patch: AppPatch, updatedAt: number): void;
  /** A new secret; `previous` keeps the replaced one valid until its expiry (null: it stops at once). */
  setSecret(id: number, sealed: string, hash: string, at: number, previous: { sealed: string; hash: string; expiresAt: number } | null): void;
  setVisibility(id: number, visibility: AppVisibility, at: number): void;
  /** Keeps the listing's name equal to its product's (renamed in the shop's Products). */
  renameByProduct(productId: number, name: string, at: number): boolean;
}

export function createAppsRepository(db: Db): AppsRepository {
  const SELECT = 'SELECT a.*, c.name AS company_name FROM apps a JOIN companies c ON c.id = a.company_id';
  const insert = db.prepare(
    `INSERT INTO apps (company_id, name, client_id, client_secret_sealed, client_secret_hash, redirect_uris, scopes,
       authorization_url, start_url, developer_email, kind, product_id, visibility, theme_id, created_at, updated_at)
     VALUES (@company_id, @name, @client_id, @client_secret_sealed, @client_secret_hash, @redirect_uris, @scopes,
       @authorization_url, @start_url, @developer_email, @kind, @product_id, @visibility, @theme_id, @created_at, @updated_at)`,
  );
  const get = db.prepare<[number], AppWithCompanyRow>(`${SELECT} WHERE a.id = ?`);
  const byClientId = db.prepare<[string], AppWithCompanyRow>(`${SELECT} WHERE a.client_id = ? AND a.kind = 'app'`);
  const clientIdTaken = db.prepare<[string], number>('SELECT 1 FROM apps WHERE client_id = ?').pluck();
  const byProduct = db.prepare<[number], AppWithCompanyRow>(`${SELECT} WHERE a.product_id = ?`);
  const all = db.prepare<[], AppWithCompanyRow>(`${SELECT} ORDER BY a.id`);
  const byCompanies = db.prepare<[string], AppWithCompanyRow>(
    `${SELECT} WHERE a.company_id IN (SELECT value FROM json_each(?)) ORDER BY a.id`,
  );
  const setSecret = db.prepare(
    `UPDATE apps SET client_secret_sealed = ?, client_secret_hash = ?, secret_rotated_at = ?, updated_at = ?,
       previous_secret_sealed = ?, previous_secret_hash = ?, previous_secret_expires_at = ? WHERE id = ?`,
  );
  const setVisibility = db.prepare('UPDATE apps SET visibility = ?, updated_at = ? WHERE id = ?');
  const renameByProduct = db.prepare('UPDATE apps SET name = ?, updated_at = ? WHERE product_id = ? AND name <> ?');
  const PATCHABLE = ['name', 'redirect_uris', 'scopes', 'authorization_url', 'start_url', 'developer_email', 'theme_id'] as const;
  return {
    insert: (row) => Number(insert.run({ visibility: 'development', ...row }).lastInsertRowid),
    get: (id) => get.get(id),
    findByClientId: (clientId) => byClientId.get(clientId),
    clientIdTaken: (clientId) => clientIdTaken.get(clientId) !== undefined,
    findByProductId: (productId) => byProduct.get(productId),
    listAll: () => all.all(),
    listByCompanies: (companyIds) => (companyIds.length === 0 ? [] : byCompanies.all(JSON.stringify(companyIds))),
    update(id, patch, updatedAt) {
      const columns = PATCHABLE.filter((c) => patch[c] !== undefined);
      const assignments = [...columns.map((c) => `${c} = @${c}`), 'updated_at = @updated_at'];
      db.prepare(`UPDATE apps SET ${assignments.join(', ')} WHERE id = @id`).run({ ...Object.fromEntries(columns.map((c) => [c, patch[c]])), updated_at: updatedAt, id });
    },
    setSecret: (id, sealed, hash, at, previous) => void setSecret.run(sealed, hash, at, at, previous?.sealed ?? null, previous?.hash ?? null, previous?.expiresAt ?? null, id),
    setVisibility: (id, visibility, at) => void setVisibility.run(visibility, at, id),
    renameByProduct: (productId, name, at) => renameByProduct.run(name, at, productId, name).changes > 0,
  };
}
