// SQL for the OAuth server's codes and tokens (hashes only): authorization codes, token families, and the
// issued pairs (a refresh token and the access token issued with it, one row). Claims (`claimCode`,
// `claimRefreshToken`) are single conditional UPDATEs, so exactly one caller can win even across processes
// sharing the database file.
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

/** One issued pair: a refresh token and the access token issued with it. */
export interface TokenRow {
  id: number;
  family_id: number;
  parent_id: number | null;
  refresh_hash: string;
  access_hash: string;
  scopes: string;
  created_at: number;
  access_expires_at: number;
  used_at: number | null;
  /** The pair this (spent) refresh token was exchanged for, sealed with a key from the token, during the grace window. */
  successor_sealed: string | null;
}

/** What deciding about a presented token needs: its pair, family, authorization, app and user. */
export interface TokenLookup extends TokenRow {
  app_id: number;
  client_id: string;
  authorization_id: number;
  company_id: number;
  user_id: number | null;
  user_email: string | null;
  family_scopes: string;
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
  insertTokens(row: Omit<TokenRow, 'id' | 'used_at' | 'successor_sealed'>): number;
  /** A pair by its refresh token's hash. */
  findByRefreshHash(hash: string): TokenLookup | undefined;
  /** A pair by its id (the access token's selector). */
  findById(id: number): TokenLookup | undefined;
  /** Marks the refresh token exchanged; true only for the one caller that did. */
  claimRefreshToken(id: number, at: number): boolean;
  /** Keeps (or clears, with null) the sealed successor pair of a spent refresh token. */
  setSuccessor(id: number, sealed: string | null): void;
  revokeFamily(id: number, at: number, reason: string): boolean;
  /** Revokes the families an authorization code led to (code reuse). */
  revokeFamiliesOfCode(codeId: number, at: number, reason: string): number;
  /** Deletes what can no longer matter: codes a day after expiry, families (with their tokens) 30 days after revocation. */
  /** Deletes codes expired before, families revoked before (with their tokens), and rotated tokens used before the cutoffs. */
  prune(cutoffs: { codesExpiredBefore: number; familiesRevokedBefore: number; tokensUsedBefore: number; successorsUsedBefore: number }): OAuthPruned;
}

export interface OAuthPruned {
  codes: number;
  families: number;
  tokens: number;
  /** Sealed successor pairs cleared once their grace window ended. */
  successors: number;
}

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
  const insertTokens = db.prepare(
    `INSERT INTO oauth_tokens (family_id, parent_id, refresh_hash, access_hash, scopes, created_at, access_expires_at)
     VALUES (@family_id, @parent_id, @refresh_hash, @access_hash, @scopes, @created_at, @access_expires_at)`,
  );
  const LOOKUP = `SELECT t.*, f.app_id, a.client_id, f.authorization_id, f.company_id, f.user_id, u.email AS user_email,
       f.scopes AS family_scopes, f.revoked_at AS family_revoked_at, z.revoked_at AS authorization_revoked_at,
       z.scopes AS authorization_scopes
     FROM oauth_tokens t
     JOIN oauth_token_families f ON f.id = t.family_id
     JOIN apps a ON a.id = f.app_id
     JOIN app_authorizations z ON z.id = f.authorization_id
     LEFT JOIN users u ON u.id = f.user_id`;
  const byRefreshHash = db.prepare<[string], TokenLookup>(`${LOOKUP} WHERE t.refresh_hash = ?`);
  const byId = db.prepare<[number], TokenLookup>(`${LOOKUP} WHERE t.id = ?`);
  const claimRefresh = db.prepare('UPDATE oauth_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL');
  const revokeFamily = db.prepare('UPDATE oauth_token_families SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL');
  const revokeOfCode = db.prepare('UPDATE oauth_token_families SET revoked_at = ?, revoked_reason = ? WHERE code_id = ? AND revoked_at IS NULL');
  const pruneCodes = db.prepare('DELETE FROM oauth_codes WHERE expires_at < ?');
  const pruneFamilies = db.prepare('DELETE FROM oauth_token_families WHERE revoked_at IS NOT NULL AND revoked_at < ?');
  const pruneTokens = db.prepare('DELETE FROM oauth_tokens WHERE used_at IS NOT NULL AND used_at < ?');
  const setSuccessor = db.prepare('UPDATE oauth_tokens SET successor_sealed = ? WHERE id = ?');
  const pruneSuccessors = db.prepare('UPDATE oauth_tokens SET successor_sealed = NULL WHERE successor_sealed IS NOT NULL AND used_at < ?');

  return {
    insertCode: (row) => Number(insertCode.run(row).lastInsertRowid),
    findCode: (hash) => findCode.get(hash),
    claimCode: (id, at) => claimCode.run(at, id).changes === 1,
    insertFamily: (row) => Number(insertFamily.run(row).lastInsertRowid),
    getFamily: (id) => getFamily.get(id),
    insertTokens: (row) => Number(insertTokens.run(row).lastInsertRowid),
    findByRefreshHash: (hash) => byRefreshHash.get(hash),
    findById: (id) => byId.get(id),
    claimRefreshToken: (id, at) => claimRefresh.run(at, id).changes === 1,
    setSuccessor: (id, sealed) => void setSuccessor.run(sealed, id),
    revokeFamily: (id, at, reason) => revokeFamily.run(at, reason, id).changes === 1,
    revokeFamiliesOfCode: (codeId, at, reason) => revokeOfCode.run(at, reason, codeId).changes,
    prune(cutoffs) {
      return db.transaction(() => ({
        codes: pruneCodes.run(cutoffs.codesExpiredBefore).changes,
        families: pruneFamilies.run(cutoffs.familiesRevokedBefore).changes,
        tokens: pruneTokens.run(cutoffs.tokensUsedBefore).changes,
        successors: pruneSuccessors.run(cutoffs.successorsUsedBefore).changes,
      })).immediate();
    },
  };
}
