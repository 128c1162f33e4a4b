// SQL for the OAuth server's codes and tokens (hashes only): authorization codes, token families and their
// refresh and access tokens. Claims (`claimCode`, `claimRefreshToken`) are single conditional UPDATEs, so
// exactly one caller can win even across processes sharing the database file.
import type { Db } from '../db/database';

export interface CodeRow {
  id: number;
  code_hash: string;
  app_id: number;
  authorization_id: number;
  company_id: number;
  user_id: number | null;
  redirect_uri: string;
  scopes: string;
  code_challenge: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface FamilyRow {
  id: number;
  app_id: number;
  authorization_id: number;
  company_id: number;
  user_id: number | null;
  scopes: string;
  code_id: number | null;
  created_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
}

export interface RefreshTokenRow {
  id: number;
  token_hash: string;
  family_id: number;
  parent_id: number | null;
  scopes: string;
  created_at: number;
  used_at: number | null;
}

/** A refresh token with what deciding about it needs. */
export interface RefreshTokenLookup extends RefreshTokenRow {
  app_id: number;
  authorization_id: number;
  company_id: number;
  user_id: number | null;
  family_scopes: string;
  family_revoked_at: number | null;
  authorization_revoked_at: number | null;
  user_email: string | null;
}

/** An access token with everything a resource request needs, in one indexed lookup. */
export interface AccessTokenLookup {
  id: number;
  token_hash: string;
  family_id: number;
  scopes: string;
  created_at: number;
  expires_at: number;
  app_id: number;
  client_id: string;
  authorization_id: number;
  company_id: number;
  user_id: number | null;
  user_email: string | null;
  family_revoked_at: number | null;
  authorization_revoked_at: number | null;
  authorization_scopes: string;
}

export interface OAuthRepository {
  insertCode(row: Omit<CodeRow, 'id' | 'used_at'>): number;
  findCode(hash: string): CodeRow | undefined;
  /** Marks the code used; true only for the one caller that did. */
  claimCode(id: number, at: number): boolean;
  insertFamily(row: Omit<FamilyRow, 'id' | 'revoked_at' | 'revoked_reason'>): number;
  getFamily(id: number): FamilyRow | undefined;
  insertRefreshToken(row: Omit<RefreshTokenRow, 'id' | 'used_at'>): number;
  findRefreshToken(hash: string): RefreshTokenLookup | undefined;
  /** Marks the refresh token exchanged; true only for the one caller that did. */
  claimRefreshToken(id: number, at: number): boolean;
  insertAccessToken(row: Pick<AccessTokenLookup, 'token_hash' | 'family_id' | 'scopes' | 'created_at' | 'expires_at'>): number;
  findAccessToken(hash: string): AccessTokenLookup | undefined;
  revokeFamily(id: number, at: number, reason: string): boolean;
  /** Revokes the families an authorization code led to (code reuse). */
  revokeFamiliesOfCode(codeId: number, at: number, reason: string): number;
  /** Deletes what can no longer matter: expired access tokens and codes (a day after expiry), families revoked 30 days ago. */
  prune(now: number): { accessTokens: number; codes: number; families: number };
}

const DAY = 24 * 60 * 60 * 1000;

export function createOAuthRepository(db: Db): OAuthRepository {
  const insertCode = db.prepare(
    `INSERT INTO oauth_codes (code_hash, app_id, authorization_id, company_id, user_id, redirect_uri, scopes, code_challenge, created_at, expires_at)
     VALUES (@code_hash, @app_id, @authorization_id, @company_id, @user_id, @redirect_uri, @scopes, @code_challenge, @created_at, @expires_at)`,
  );
  const findCode = db.prepare<[string], CodeRow>('SELECT * FROM oauth_codes WHERE code_hash = ?');
  const claimCode = db.prepare('UPDATE oauth_codes SET used_at = ? WHERE id = ? AND used_at IS NULL');
  const insertFamily = db.prepare(
    `INSERT INTO oauth_token_families (app_id, authorization_id, company_id, user_id, scopes, code_id, created_at)
     VALUES (@app_id, @authorization_id, @company_id, @user_id, @scopes, @code_id, @created_at)`,
  );
  const getFamily = db.prepare<[number], FamilyRow>('SELECT * FROM oauth_token_families WHERE id = ?');
  const insertRefresh = db.prepare(
    `INSERT INTO oauth_refresh_tokens (token_hash, family_id, parent_id, scopes, created_at)
     VALUES (@token_hash, @family_id, @parent_id, @scopes, @created_at)`,
  );
  const findRefresh = db.prepare<[string], RefreshTokenLookup>(
    `SELECT r.*, f.app_id, f.authorization_id, f.company_id, f.user_id, f.scopes AS family_scopes,
       f.revoked_at AS family_revoked_at, z.revoked_at AS authorization_revoked_at, u.email AS user_email
     FROM oauth_refresh_tokens r
     JOIN oauth_token_families f ON f.id = r.family_id
     JOIN app_authorizations z ON z.id = f.authorization_id
     LEFT JOIN users u ON u.id = f.user_id
     WHERE r.token_hash = ?`,
  );
  const claimRefresh = db.prepare('UPDATE oauth_refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL');
  const insertAccess = db.prepare(
    `INSERT INTO oauth_access_tokens (token_hash, family_id, scopes, created_at, expires_at)
     VALUES (@token_hash, @family_id, @scopes, @created_at, @expires_at)`,
  );
  const findAccess = db.prepare<[string], AccessTokenLookup>(
    `SELECT t.id, t.token_hash, t.family_id, t.scopes, t.created_at, t.expires_at,
       f.app_id, a.client_id, f.authorization_id, f.company_id, f.user_id, u.email AS user_email,
       f.revoked_at AS family_revoked_at, z.revoked_at AS authorization_revoked_at, z.scopes AS authorization_scopes
     FROM oauth_access_tokens t
     JOIN oauth_token_families f ON f.id = t.family_id
     JOIN apps a ON a.id = f.app_id
     JOIN app_authorizations z ON z.id = f.authorization_id
     LEFT JOIN users u ON u.id = f.user_id
     WHERE t.token_hash = ?`,
  );
  const revokeFamily = db.prepare('UPDATE oauth_token_families SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL');
  const revokeOfCode = db.prepare('UPDATE oauth_token_families SET revoked_at = ?, revoked_reason = ? WHERE code_id = ? AND revoked_at IS NULL');
  const pruneAccess = db.prepare('DELETE FROM oauth_access_tokens WHERE expires_at < ?');
  const pruneCodes = db.prepare('DELETE FROM oauth_codes WHERE expires_at < ?');
  const pruneFamilies = db.prepare('DELETE FROM oauth_token_families WHERE revoked_at IS NOT NULL AND revoked_at < ?');

  return {
    insertCode: (row) => Number(insertCode.run(row).lastInsertRowid),
    findCode: (hash) => findCode.get(hash),
    claimCode: (id, at) => claimCode.run(at, id).changes === 1,
    insertFamily: (row) => Number(insertFamily.run(row).lastInsertRowid),
    getFamily: (id) => getFamily.get(id),
    insertRefreshToken: (row) => Number(insertRefresh.run(row).lastInsertRowid),
    findRefreshToken: (hash) => findRefresh.get(hash),
    claimRefreshToken: (id, at) => claimRefresh.run(at, id).changes === 1,
    insertAccessToken: (row) => Number(insertAccess.run(row).lastInsertRowid),
    findAccessToken: (hash) => findAccess.get(hash),
    revokeFamily: (id, at, reason) => revokeFamily.run(at, reason, id).changes === 1,
    revokeFamiliesOfCode: (codeId, at, reason) => revokeOfCode.run(at, reason, codeId).changes,
    prune(now) {
      return db.transaction(() => ({
        accessTokens: pruneAccess.run(now - DAY).changes,
        codes: pruneCodes.run(now - DAY).changes,
        families: pruneFamilies.run(now - 30 * DAY).changes,
      }))();
    },
  };
}
