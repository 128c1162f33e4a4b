// The OAuth peer (issue 22): node-oidc-provider (`oidc-provider`, the certified OAuth 2.0 / OpenID Connect
// server for Node that PartnerDeck's server is modelled on), configured for what PartnerDeck's server does:
//   - authorization code grant (PKCE S256) and refresh tokens with rotation on every use
//     (`rotateRefreshToken: true`; a reused refresh token revokes its grant, as in PartnerDeck);
//   - the scopes products, orders, customers, webhooks on one resource server (resource indicators with
//     `useGrantedResource`, so a refresh without a `resource` parameter keeps the granted one), opaque access
//     tokens (stored, so they can be introspected and revoked — like PartnerDeck's), 30-minute access tokens
//     (PartnerDeck's lifetime), refresh tokens for 30 days;
//   - client authentication `client_secret_post` (PartnerDeck's /token takes the secret in the form too);
//   - token introspection (RFC 7662), the peer of PartnerDeck's GET /api/tokeninfo;
//   - no ID tokens (no `openid` scope): PartnerDeck issues none, and signing one per refresh would only make
//     the peer slower;
//   - the consent page is this file's own auto-approving interaction (a real deployment renders pages there;
//     it is used only to obtain the token families before the measurement starts).
// Storage: the adapter is the production part node-oidc-provider leaves to its user (its built-in memory
// adapter is documented as development-only and keeps at most 1,000 entries). The best one for this machine
// is SQLite through better-sqlite3 — no Redis or database server here, and it is what PartnerDeck stores its
// tokens in — with PartnerDeck's durability setting (WAL, synchronous=NORMAL) and one table per model, as the
// project's example SQL adapter has. `--adapter=memory` runs the built-in one instead (bench/oauth.mjs reports
// both; the SQLite one is the `peer`).
// Run as `node oauth-oidc-provider.mjs <folder> <client_id> <client_secret> <redirect_uri> [--adapter=memory]`;
// prints {"url"} once it listens on 127.0.0.1.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Provider from 'oidc-provider';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

const [folder, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const memory = process.argv.includes('--adapter=memory');
export const RESOURCE = 'urn:partnerdeck:admin';
const SCOPES = 'products orders customers webhooks';

/** node-oidc-provider's adapter interface over SQLite: one table per model, the payload as JSON. */
function sqliteAdapter(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 4294967296');
  const epoch = () => Math.floor(Date.now() / 1000);
  const tables = new Map();
  const tableOf = (model) => {
    let statements = tables.get(model);
    if (statements) return statements;
    const t = `oidc_${model.toLowerCase()}`;
    db.exec(`CREATE TABLE IF NOT EXISTS ${t} (id TEXT PRIMARY KEY, grant_id TEXT, user_code TEXT, uid TEXT, payload TEXT NOT NULL, expires_at INTEGER, consumed_at INTEGER);
      CREATE INDEX IF NOT EXISTS ${t}_grant ON ${t}(grant_id) WHERE grant_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS ${t}_uid ON ${t}(uid) WHERE uid IS NOT NULL;
      CREATE INDEX IF NOT EXISTS ${t}_user_code ON ${t}(user_code) WHERE user_code IS NOT NULL;`);
    const read = (row) => {
      if (!row || (row.expires_at !== null && row.expires_at <= epoch())) return undefined;
      const payload = JSON.parse(row.payload);
      return row.consumed_at === null ? payload : { ...payload, consumed: row.consumed_at };
    };
    statements = {
      read,
      upsert: db.prepare(`INSERT INTO ${t} (id, grant_id, user_code, uid, payload, expires_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET grant_id = excluded.grant_id, user_code = excluded.user_code, uid = excluded.uid, payload = excluded.payload, expires_at = excluded.expires_at`),
      find: db.prepare(`SELECT payload, expires_at, consumed_at FROM ${t} WHERE id = ?`),
      byUid: db.prepare(`SELECT payload, expires_at, consumed_at FROM ${t} WHERE uid = ?`),
      byUserCode: db.prepare(`SELECT payload, expires_at, consumed_at FROM ${t} WHERE user_code = ?`),
      consume: db.prepare(`UPDATE ${t} SET consumed_at = ? WHERE id = ?`),
      destroy: db.prepare(`DELETE FROM ${t} WHERE id = ?`),
      revoke: db.prepare(`DELETE FROM ${t} WHERE grant_id = ?`),
    };
    tables.set(model, statements);
    return statements;
  };
  const grantable = ['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest'];
  return class SqliteAdapter {
    constructor(model) {
      this.model = model;
      this.s = tableOf(model);
    }
    async upsert(id, payload, expiresIn) {
      this.s.upsert.run(id, payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, JSON.stringify(payload), expiresIn ? epoch() + expiresIn : null);
    }
    async find(id) {
      return this.s.read(this.s.find.get(id));
    }
    async findByUid(uid) {
      return this.s.read(this.s.byUid.get(uid));
    }
    async findByUserCode(userCode) {
      return this.s.read(this.s.byUserCode.get(userCode));
    }
    async consume(id) {
      this.s.consume.run(epoch(), id);
    }
    async destroy(id) {
      this.s.destroy.run(id);
    }
    async revokeByGrantId(grantId) {
      // A grant's tokens live in several tables: remove them from each, in one transaction.
      db.transaction(() => {
        for (const model of grantable) tableOf(model).revoke.run(grantId);
      }).immediate();
    }
  };
}

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const provider = new Provider('http://127.0.0.1', {
  adapter: memory ? undefined : sqliteAdapter(join(folder, 'oidc-provider.sqlite')),
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [redirectUri],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'ES256',
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'bench', use: 'sig', alg: 'ES256' }] },
  cookies: { keys: ['partnerdeck-bench-cookie-key-0123456789'] },
  scopes: SCOPES.split(' '),
  features: {
    devInteractions: { enabled: false },
    introspection: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: SCOPES, accessTokenFormat: 'opaque', accessTokenTTL: 1800 }),
    },
  },
  pkce: { required: () => true },
  rotateRefreshToken: true,
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  expiresWithSession: async () => false,
  ttl: { AccessToken: 1800, AuthorizationCode: 600, RefreshToken: 30 * 24 * 3600, Grant: 30 * 24 * 3600, Interaction: 3600, Session: 3600 },
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
});
provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider: ${error.stack}\n`));

const callback = provider.callback();
const server = createServer(async (req, res) => {
  // The interaction (sign-in and consent): approve the bench's user for every scope asked.
  if (req.url.startsWith('/interaction/')) {
    try {
      const details = await provider.interactionDetails(req, res);
      if (process.env.OIDC_DEBUG) process.stderr.write(JSON.stringify(details.prompt) + '\n');
      const grant = new provider.Grant({ accountId: 'bench-user', clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      grant.addResourceScope(RESOURCE, details.params.scope);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: 'bench-user' }, consent: { grantId } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
    return;
  }
  callback(req, res);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
