// The OAuth 2.0 authorization server's rules (spec §3): issuing single-use authorization codes, exchanging
// them for tokens (PKCE S256 enforced when a challenge was sent), rotating refresh tokens with reuse
// detection, and checking access tokens for tokeninfo and the REST API. Codes and tokens are random
// (≥128 bits), stored only as SHA-256 hashes, and every claim is one conditional UPDATE inside an
// IMMEDIATE transaction, so two exchanges of the same code or refresh token can never both win, even from
// two processes on one data folder. Lifetimes are the constants below.
//
// Token formats: the refresh token is 32 lowercase hex characters (the hosted platform's shape), found by its
// hash. The access token is opaque to apps: `<pair id in base 36>.<256-bit secret, base64url>`; the id selects
// the row, the secret is compared with the stored hash in constant time (selector/verifier). One row per
// issued pair keeps a refresh to one random index write.
import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { orderedScopes, type OAuthScope } from '../../../src-shared/domain/oauth-scopes';
import { secureRandomBytes } from '../ids';
import { immediateTransaction } from '../db/transactions';
import type { AppRow } from '../repositories/apps-repository';
import type { OAuthPruned, TokenLookup } from '../repositories/oauth-repository';
import { hashSecret, matchesHash } from '../secrets/secret-hash';
import type { ServiceContext } from './service-context';

/** Lifetimes (seconds). `expires_in` reports one second less than the lifetime, as the hosted platform does
 * (its example: issued 13:30:22, expires 14:00:22, expires_in 1799), so a client that counts from the
 * moment it receives the answer never uses a token past its end. */
export const OAUTH_LIFETIMES = {
  accessTokenSeconds: 1800,
  codeSeconds: 600,
  /**
   * A refresh token used again within this many seconds of its first use, by the same client and for the same
   * scope, gets the very pair the first use received (an app's retry, or two of its workers racing) instead of
   * revoking the grant; after it, a reuse revokes the whole family (RFC 9700 §4.14.2).
   */
  refreshGraceSeconds: 10,
} as const;

/**
 * How long what can no longer be used is kept (days), and how often it is swept (platform time). Codes: a day
 * after they expire (a second use within that day is still recognized as reuse and revokes what the first
 * issued). Rotated (used) refresh tokens: 30 days after their use — reusing one within that window revokes its
 * family; after it, the old token is merely unknown. Revoked families with all their tokens: 30 days after the
 * revocation. Live tokens (the current pair of a family) are kept until used or revoked.
 */
export const OAUTH_RETENTION = { codeDaysAfterExpiry: 1, rotatedTokenDays: 30, revokedFamilyDays: 30, sweepEveryMs: 60 * 60 * 1000 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Random bytes: access tokens 32 (256 bits), refresh tokens 16 (128 bits, the spec's 32 lowercase hex), codes 32. */
export const TOKEN_BYTES = { access: 32, refresh: 16, code: 32 } as const;

/** A failed grant, as RFC 6749 §5.2 names it; the token endpoint turns it into the JSON error. */
export class GrantError extends Error {
  constructor(
    readonly error: 'invalid_grant' | 'invalid_request' | 'invalid_scope',
    readonly description: string,
  ) {
    super(description);
    this.name = 'GrantError';
  }
}

/** What a successful grant hands out (the token endpoint formats it). */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  issuedAt: number;
  expiresAt: number;
  scopes: OAuthScope[];
  clientId: string;
  userEmail: string;
  companyId: number;
}

export interface CodeRequest {
  app: AppRow;
  authorizationId: number;
  companyId: number;
  userId: number;
  redirectUri: string;
  scopes: readonly OAuthScope[];
  /** PKCE S256 challenge (base64url SHA-256 of the verifier), or null. */
  codeChallenge: string | null;
}

/** A checked access token: who, for which company and app, with which scopes. */
export interface AccessGrant {
  tokenId: number;
  appId: number;
  clientId: string;
  authorizationId: number;
  companyId: number;
  userId: number;
  userEmail: string;
  scopes: OAuthScope[];
  expiresAt: number;
}

/** A refused token that was recognised (expired, revoked) still names its app and company, for the API request log. */
export type AccessCheck = { ok: true; grant: AccessGrant } | { ok: false; reason: 'invalid' | 'expired'; appId?: number; companyId?: number };

export interface OAuthService {
  /** Issues a code for an approved authorization request; returns the code (only its hash is stored). */
  issueCode(request: CodeRequest): string;
  exchangeCode(app: AppRow, input: { code: string; redirectUri: string; codeVerifier: string | null }): IssuedTokens;
  /** `grace: false` (hosted-compatibility mode): a spent token presented again is a reuse even within the grace
   * window. A pair handed out again within the window carries `replayed: true`. */
  refresh(app: AppRow, input: { refreshToken: string; scope: OAuthScope[] | null; grace?: boolean }): IssuedTokens & { replayed?: true };
  /**
   * `findRow`: where the token pair's row comes from (default: the database; the REST server passes its memo of rows
   * kept while the database is unchanged, db/read-memo.ts). The secret, revocation and expiry are checked either way.
   */
  checkAccessToken(token: string, findRow?: (id: number) => TokenLookup | undefined): AccessCheck;
  /** Deletes what OAUTH_RETENTION no longer keeps (expired codes, rotated tokens, revoked families); returns how many rows went. */
  prune(): OAuthPruned;
}

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** `<pair id, base 36>.<secret>` (ids up to 2^53 fit in 11 base-36 digits). */
const ACCESS_TOKEN = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

/** RFC 7636 S256: base64url(SHA-256(ascii(verifier))) compared in constant time. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

const GRACE_SALT = Buffer.from('partnerdeck refresh grace');
const HKDF_FIRST_BLOCK = Buffer.from([1]);

/**
 * The key that seals a spent refresh token's successor pair: HKDF-SHA256 (RFC 5869) of that refresh token (128
 * random bits), salt "partnerdeck refresh grace", info the pair's id, 32 bytes. Written out as its two HMACs
 * (extract, then the one expand block 32 bytes need): the same bytes as crypto.hkdfSync (a unit test compares
 * them), at half its cost, which is mostly hkdfSync's own argument handling.
 */
export function graceKey(refreshToken: string, tokenId: number): Buffer {
  const prk = createHmac('sha256', GRACE_SALT).update(refreshToken, 'utf8').digest();
  return createHmac('sha256', prk).update(String(tokenId), 'utf8').update(HKDF_FIRST_BLOCK).digest();
}

/** AES-256-GCM: base64(iv | tag | ciphertext). */
export function sealSuccessor(refreshToken: string, tokenId: number, pair: { accessToken: string; refreshToken: string; id: number }): string {
  const iv = secureRandomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', graceKey(refreshToken, tokenId), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(pair), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function openSuccessor(refreshToken: string, tokenId: number, sealed: string): { accessToken: string; refreshToken: string; id: number } | null {
  try {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', graceKey(refreshToken, tokenId), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
  } catch {
    return null;
  }
}

export function createOAuthService(ctx: ServiceContext): OAuthService {
  const { db, repos, clock, ids } = ctx;
  const oauth = repos.oauth;

  /** Inserts a new pair (refresh and access token) into a family; returns what the client receives. */
  function mint(familyId: number, parentId: number | null, scopes: readonly OAuthScope[], app: AppRow, userEmail: string, companyId: number): IssuedTokens {
    return mintPair(familyId, parentId, scopes, app, userEmail, companyId).tokens;
  }

  function mintPair(familyId: number, parentId: number | null, scopes: readonly OAuthScope[], app: AppRow, userEmail: string, companyId: number): { tokens: IssuedTokens; pairId: number } {
    const now = clock.now();
    const accessSecret = ids.token(TOKEN_BYTES.access);
    const refreshToken = ids.hex(TOKEN_BYTES.refresh);
    const expiresAt = now + OAUTH_LIFETIMES.accessTokenSeconds * 1000;
    const id = oauth.insertTokens({
      family_id: familyId,
      parent_id: parentId,
      refresh_hash: hashSecret(refreshToken),
      access_hash: hashSecret(accessSecret),
      scopes: orderedScopes(scopes).join(','),
      created_at: now,
      access_expires_at: expiresAt,
    });
    return { pairId: id, tokens: { accessToken: `${id.toString(36)}.${accessSecret}`, refreshToken, issuedAt: now, expiresAt, scopes: orderedScopes(scopes), clientId: app.client_id, userEmail, companyId } };
  }

  let lastSweepAt = Number.NEGATIVE_INFINITY;

  function prune(): OAuthPruned {
    const now = clock.now();
    lastSweepAt = now;
    return oauth.prune({
      codesExpiredBefore: now - OAUTH_RETENTION.codeDaysAfterExpiry * DAY_MS,
      familiesRevokedBefore: now - OAUTH_RETENTION.revokedFamilyDays * DAY_MS,
      tokensUsedBefore: now - OAUTH_RETENTION.rotatedTokenDays * DAY_MS,
      successorsUsedBefore: now - OAUTH_LIFETIMES.refreshGraceSeconds * 1000,
    });
  }

  /** Runs `work` in an IMMEDIATE transaction. A work that detects reuse returns the error instead of throwing,
   * so the revocation it wrote commits; it is thrown after the commit. Issuing also sweeps what retention no
   * longer keeps, at most once per OAUTH_RETENTION.sweepEveryMs of platform time (so a moved clock sweeps too). */
  function inWriteTransaction(work: () => IssuedTokens | GrantError): IssuedTokens {
    const result = immediateTransaction(db, work);
    if (clock.now() - lastSweepAt >= OAUTH_RETENTION.sweepEveryMs) {
      try {
        prune();
      } catch {
        // The tokens are issued and committed; a sweep that fails (e.g. the database busy) is retried later.
      }
    }
    if (result instanceof GrantError) throw result;
    return result;
  }

  /**
   * A spent refresh token presented again within the grace window, for the same scope: the pair its first use
   * received, if that pair is still current (not itself refreshed, not revoked). Null otherwise (a reuse).
   */
  function graceReplay(token: TokenLookup, presented: string, scopes: OAuthScope[], now: number): (IssuedTokens & { replayed: true }) | null {
    if (token.used_at === null || token.successor_sealed === null) return null;
    if (Math.abs(now - token.used_at) > OAUTH_LIFETIMES.refreshGraceSeconds * 1000) return null;
    const pair = openSuccessor(presented, token.id, token.successor_sealed);
    const next = pair ? oauth.findById(pair.id) : undefined;
    if (!pair || !next || next.family_id !== token.family_id || next.used_at !== null || next.family_revoked_at !== null) return null;
    if (next.scopes !== orderedScopes(scopes).join(',') || token.user_email === null) return null;
    return {
      replayed: true as const,
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      issuedAt: next.created_at,
      expiresAt: next.access_expires_at,
      scopes: orderedScopes(scopes),
      clientId: token.client_id,
      userEmail: token.user_email,
      companyId: token.company_id,
    };
  }

  return {
    issueCode(request) {
      const code = ids.token(TOKEN_BYTES.code);
      const now = clock.now();
      oauth.insertCode({
        code_hash: hashSecret(code),
        app_id: request.app.id,
        authorization_id: request.authorizationId,
        company_id: request.companyId,
        user_id: request.userId,
        redirect_uri: request.redirectUri,
        scopes: orderedScopes(request.scopes).join(','),
        code_challenge: request.codeChallenge,
        created_at: now,
        expires_at: now + OAUTH_LIFETIMES.codeSeconds * 1000,
      });
      return code;
    },

    exchangeCode(app, input) {
      if (input.codeVerifier !== null && !VERIFIER.test(input.codeVerifier)) {
        throw new GrantError('invalid_request', 'code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" and "~" (RFC 7636)');
      }
      return inWriteTransaction(() => {
        const now = clock.now();
        const code = oauth.findCode(hashSecret(input.code));
        if (!code || code.app_id !== app.id) return new GrantError('invalid_grant', 'code is invalid or was not issued to this client');
        if (code.used_at !== null || !oauth.claimCode(code.id, now)) {
          const revoked = oauth.revokeFamiliesOfCode(code.id, now, 'authorization code reuse');
          return new GrantError('invalid_grant', `code has already been used${revoked > 0 ? '; the tokens issued for it are revoked' : ''}`);
        }
        // From here the code is spent whatever happens: a failed exchange cannot be retried with it.
        if (code.expires_at <= now) return new GrantError('invalid_grant', 'code has expired (codes are valid for 10 minutes)');
        if (code.redirect_uri !== input.redirectUri) {
          return new GrantError('invalid_grant', 'redirect_uri must be identical to the one sent to /oauth2/authorize');
        }
        if (code.code_challenge !== null) {
          if (input.codeVerifier === null) return new GrantError('invalid_grant', 'code_verifier is required: the authorization request sent a code_challenge');
          if (!pkceMatches(input.codeVerifier, code.code_challenge)) return new GrantError('invalid_grant', 'code_verifier does not match the code_challenge');
        } else if (input.codeVerifier !== null) {
          return new GrantError('invalid_grant', 'code_verifier was sent, but the authorization request had no code_challenge');
        }
        const user = code.user_id === null ? undefined : repos.users.get(code.user_id);
        const authorization = repos.authorizations.get(code.authorization_id);
        if (!user || !authorization || authorization.revoked_at !== null) {
          return new GrantError('invalid_grant', 'the authorization behind this code was revoked');
        }
        const scopes = orderedScopes(code.scopes.split(','));
        const familyId = oauth.insertFamily({
          app_id: app.id,
          authorization_id: code.authorization_id,
          company_id: code.company_id,
          user_id: user.id,
          scopes: code.scopes,
          code_id: code.id,
          created_at: now,
        });
        return mint(familyId, null, scopes, app, user.email, code.company_id);
      });
    },

    refresh(app, input) {
      return inWriteTransaction(() => {
        const now = clock.now();
        const token = oauth.findByRefreshHash(hashSecret(input.refreshToken));
        if (!token || token.app_id !== app.id) return new GrantError('invalid_grant', 'refresh_token is invalid or was not issued to this client');
        if (token.family_revoked_at !== null || token.authorization_revoked_at !== null || token.user_id === null || token.user_email === null) {
          return new GrantError('invalid_grant', 'refresh_token has been revoked');
        }
        const reuse = () => {
          oauth.revokeFamily(token.family_id, now, 'refresh token reuse');
          return new GrantError('invalid_grant', 'refresh_token has already been used; every token of this grant is revoked (authorize again)');
        };
        // The scope is checked before the token is claimed: a refused request leaves the token unspent, so the
        // app can retry with it. Omitted, the scope is the one originally granted (RFC 6749 §6), not the
        // narrower scope of an earlier refresh.
        const granted = orderedScopes(token.family_scopes.split(','));
        let scopes = granted;
        if (input.scope !== null) {
          const beyond = input.scope.filter((s) => !granted.includes(s));
          if (beyond.length > 0) return new GrantError('invalid_scope', `scope may not include scopes that were not granted: ${beyond.join(', ')}`);
          scopes = orderedScopes(input.scope);
        }
        const grace = input.grace !== false;
        if (token.used_at !== null) return (grace ? graceReplay(token, input.refreshToken, scopes, now) : null) ?? reuse();
        // A concurrent exchange (another process) claimed it since it was read: the same pair within the grace window.
        if (!oauth.claimRefreshToken(token.id, now)) {
          const claimed = oauth.findById(token.id);
          return (grace && claimed && graceReplay(claimed, input.refreshToken, scopes, now)) || reuse();
        }
        // The token this one replaced no longer needs its sealed copy of this pair.
        if (token.parent_id !== null) oauth.setSuccessor(token.parent_id, null);
        const { tokens, pairId } = mintPair(token.family_id, token.id, scopes, app, token.user_email, token.company_id);
        oauth.setSuccessor(token.id, sealSuccessor(input.refreshToken, token.id, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, id: pairId }));
        return tokens;
      });
    },

    checkAccessToken(token, findRow = oauth.findById) {
      const parts = ACCESS_TOKEN.exec(token);
      const row: TokenLookup | undefined = parts ? findRow(parseInt(parts[1], 36)) : undefined;
      if (!row || !matchesHash(parts![2], row.access_hash)) return { ok: false, reason: 'invalid' };
      const owner = { appId: row.app_id, companyId: row.company_id };
      if (row.family_revoked_at !== null || row.authorization_revoked_at !== null || row.user_id === null || row.user_email === null) {
        return { ok: false, reason: 'invalid', ...owner };
      }
      if (row.access_expires_at <= clock.now()) return { ok: false, reason: 'expired', ...owner };
      const authorized = row.authorization_scopes.split(',');
      return {
        ok: true,
        grant: {
          tokenId: row.id,
          appId: row.app_id,
          clientId: row.client_id,
          authorizationId: row.authorization_id,
          companyId: row.company_id,
          userId: row.user_id,
          userEmail: row.user_email,
          // A token reaches what it was issued for, and never more than its authorization still grants.
          scopes: orderedScopes(row.scopes.split(',').filter((s) => authorized.includes(s))),
          expiresAt: row.access_expires_at,
        },
      };
    },

    prune,
  };
}
