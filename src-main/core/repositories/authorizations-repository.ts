// SQL for app authorizations: which company granted which app which scopes, by whom, and whether it was
// revoked. Revoking also revokes the token families issued under it (same statement group, the caller's
// transaction).
import type { Db } from '../db/database';

export interface AuthorizationRow {
  id: number;
  app_id: number;
  company_id: number;
  scopes: string;
  granted_by_user_id: number | null;
  granted_by: string;
  created_at: number;
  updated_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

export interface AuthorizationListRow extends AuthorizationRow {
  app_name: string;
  client_id: string;
  developer_company_name: string;
  developer_email: string;
  company_name: string;
}

export interface AuthorizationsRepository {
  insert(row: Omit<AuthorizationRow, 'id' | 'revoked_at' | 'revoked_by'>): number;
  get(id: number): AuthorizationListRow | undefined;
  findActive(appId: number, companyId: number): AuthorizationRow | undefined;
  updateGrant(id: number, patch: Pick<AuthorizationRow, 'scopes' | 'granted_by_user_id' | 'granted_by' | 'updated_at'>): void;
  /** Sets the granted scopes without changing who granted them (an app's permissions were narrowed). */
  setScopes(id: number, scopes: string, updatedAt: number): void;
  /** Active authorizations of these companies, newest first. */
  listActiveForCompanies(companyIds: number[]): AuthorizationListRow[];
  listActiveForApp(appId: number): AuthorizationListRow[];
  /** Marks the authorization revoked and every token family under it; false when it was not active. */
  revoke(id: number, at: number, by: string): boolean;
  /** Active authorizations of a company last granted by a user of another company (a partner's user). */
  listActiveGrantedByUsersOf(companyId: number, userCompanyId: number): AuthorizationRow[];
  /** Revokes the token families issued on a company to the users of another company; returns how many. */
  revokeFamiliesOfUsers(companyId: number, userCompanyId: number, at: number, reason: string): number;
}

export function createAuthorizationsRepository(db: Db): AuthorizationsRepository {
  const LIST_SELECT = `SELECT z.*, a.name AS app_name, a.client_id, a.developer_email, d.name AS developer_company_name, c.name AS company_name
     FROM app_authorizations z
     JOIN apps a ON a.id = z.app_id
     JOIN companies d ON d.id = a.company_id
     JOIN companies c ON c.id = z.company_id`;
  const insert = db.prepare(
    `INSERT INTO app_authorizations (app_id, company_id, scopes, granted_by_user_id, granted_by, created_at, updated_at)
     VALUES (@app_id, @company_id, @scopes, @granted_by_user_id, @granted_by, @created_at, @updated_at)`,
  );
  const get = db.prepare<[number], AuthorizationListRow>(`${LIST_SELECT} WHERE z.id = ?`);
  const findActive = db.prepare<[number, number], AuthorizationRow>(
    'SELECT * FROM app_authorizations WHERE app_id = ? AND company_id = ? AND revoked_at IS NULL',
  );
  const updateGrant = db.prepare(
    `UPDATE app_authorizations SET scopes = @scopes, granted_by_user_id = @granted_by_user_id, granted_by = @granted_by,
       updated_at = @updated_at WHERE id = @id`,
  );
  const setScopes = db.prepare('UPDATE app_authorizations SET scopes = ?, updated_at = ? WHERE id = ?');
  const forCompanies = db.prepare<[string], AuthorizationListRow>(
    `${LIST_SELECT} WHERE z.company_id IN (SELECT value FROM json_each(?)) AND z.revoked_at IS NULL ORDER BY z.updated_at DESC, z.id DESC`,
  );
  const forApp = db.prepare<[number], AuthorizationListRow>(`${LIST_SELECT} WHERE z.app_id = ? AND z.revoked_at IS NULL ORDER BY z.id`);
  const revoke = db.prepare('UPDATE app_authorizations SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL');
  const revokeFamilies = db.prepare(
    `UPDATE oauth_token_families SET revoked_at = ?, revoked_reason = 'authorization revoked' WHERE authorization_id = ? AND revoked_at IS NULL`,
  );
  const grantedByUsersOf = db.prepare<[number, number], AuthorizationRow>(
    `SELECT z.* FROM app_authorizations z JOIN users u ON u.id = z.granted_by_user_id
     WHERE z.company_id = ? AND z.revoked_at IS NULL AND u.company_id = ? ORDER BY z.id`,
  );
  const revokeFamiliesOfUsers = db.prepare(
    `UPDATE oauth_token_families SET revoked_at = ?, revoked_reason = ?
     WHERE company_id = ? AND revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE company_id = ?)`,
  );
  return {
    insert: (row) => Number(insert.run(row).lastInsertRowid),
    get: (id) => get.get(id),
    findActive: (appId, companyId) => findActive.get(appId, companyId),
    updateGrant: (id, patch) => void updateGrant.run({ ...patch, id }),
    setScopes: (id, scopes, updatedAt) => void setScopes.run(scopes, updatedAt, id),
    listActiveForCompanies: (companyIds) => (companyIds.length === 0 ? [] : forCompanies.all(JSON.stringify(companyIds))),
    listActiveForApp: (appId) => forApp.all(appId),
    revoke(id, at, by) {
      const changed = revoke.run(at, by, id).changes === 1;
      if (changed) revokeFamilies.run(at, id);
      return changed;
    },
    listActiveGrantedByUsersOf: (companyId, userCompanyId) => grantedByUsersOf.all(companyId, userCompanyId),
    revokeFamiliesOfUsers: (companyId, userCompanyId, at, reason) => revokeFamiliesOfUsers.run(at, reason, companyId, userCompanyId).changes,
  };
}
