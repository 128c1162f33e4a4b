// The REST read's peer (issue 22): `GET /admin/products.json` served by Fastify from the same SQLite file
// PartnerDeck serves, the way a developer would write that one endpoint with Fastify — same answer, byte for
// byte in content (bench/oauth.mjs checks that both bodies are equal before it measures), same work:
//   - the Bearer token checked like PartnerDeck does: `<pair id, base 36>.<secret>`, the pair looked up by id
//     with its family, app, authorization and user (the same SELECT), SHA-256 of the secret compared in
//     constant time, revoked / expired refused, the `products` scope in the token and its authorization, and
//     the token's user still able to see the token's company (own company or its partner);
//   - the same page query (50 products by name, their file and company), the categories of those products and
//     the count for the Link header, as prepared better-sqlite3 statements on the same pragmas PartnerDeck
//     opens its database with (WAL, synchronous=NORMAL, 64 MB cache, mmap);
//   - the same headers (security headers, Cache-Control, Link).
// Fastify's documented production settings: logger off (Fastify's default; PartnerDeck's server logs no line
// per request at its default level either), response and querystring schemas so fast-json-stringify
// serializes the answer and ajv validates the query (the Fastify docs' recommended way to make routes fast),
// listening on 127.0.0.1 only, keep-alive as Node's default. Run as `node rest-fastify.mjs <sqlite file>`;
// prints {"url"} once it listens. `build(file)` gives the Fastify instance without listening (for inject).
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

export async function build(file) {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 4294967296');

  const lookup = db.prepare(
    `SELECT t.*, f.app_id, a.client_id, f.authorization_id, f.company_id, f.user_id, u.email AS user_email, u.company_id AS user_company_id,
       f.scopes AS family_scopes, f.revoked_at AS family_revoked_at, z.revoked_at AS authorization_revoked_at, z.scopes AS authorization_scopes
     FROM oauth_tokens t
     JOIN oauth_token_families f ON f.id = t.family_id
     JOIN apps a ON a.id = f.app_id
     JOIN app_authorizations z ON z.id = f.authorization_id
     LEFT JOIN users u ON u.id = f.user_id
     WHERE t.id = ?`,
  );
  const company = db.prepare('SELECT id, partner_id FROM companies WHERE id = ?');
  const page = db.prepare(
    `SELECT p.*, f.name AS file_name, c.name AS company_name, c.is_sample AS company_is_sample
     FROM products p JOIN companies c ON c.id = p.company_id LEFT JOIN content_files f ON f.id = p.file_id
     WHERE p.company_id = ? ORDER BY p.name COLLATE NOCASE ASC, p.id ASC LIMIT ? OFFSET ?`,
  );
  const count = db.prepare('SELECT COUNT(*) FROM products p JOIN companies c ON c.id = p.company_id LEFT JOIN content_files f ON f.id = p.file_id WHERE p.company_id = ?').pluck();
  const categories = db.prepare(
    `SELECT pc.product_id, g.id, g.name FROM product_categories pc JOIN categories g ON g.id = pc.category_id
     WHERE pc.product_id IN (SELECT value FROM json_each(?)) ORDER BY g.name COLLATE NOCASE, g.id`,
  );

  const ACCESS_TOKEN = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;
  const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'cache-control': 'no-store' };

  function unauthorized(reply, status, error, description) {
    reply.code(status).headers(SECURITY_HEADERS).header('www-authenticate', `Bearer realm="partnerdeck", error="${error}"`);
    return { errors: description };
  }

  /** The token's grant, or null. Same checks as PartnerDeck's checkAccessToken + REST authenticate. */
  function grantOf(header) {
    const bearer = /^Bearer +([^\s]+) *$/i.exec(header ?? '');
    const parts = bearer && ACCESS_TOKEN.exec(bearer[1]);
    if (!parts) return null;
    const row = lookup.get(parseInt(parts[1], 36));
    if (!row) return null;
    const actual = createHash('sha256').update(parts[2], 'utf8').digest();
    const expected = Buffer.from(row.access_hash, 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(actual, expected)) return null;
    if (row.family_revoked_at !== null || row.authorization_revoked_at !== null || row.user_id === null || row.user_email === null) return null;
    if (row.access_expires_at <= Date.now()) return null;
    const authorized = row.authorization_scopes.split(',');
    const scopes = row.scopes.split(',').filter((s) => authorized.includes(s));
    const target = company.get(row.company_id);
    if (!target || (target.id !== row.user_company_id && target.partner_id !== row.user_company_id)) return null;
    return { companyId: row.company_id, scopes };
  }

  const iso = (ms) => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;

  const productSchema = {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      company_id: { type: 'integer' },
      is_demo: { type: 'boolean' },
      created_at: { type: 'string' },
      updated_at: { type: 'string' },
      kind: { type: 'string' },
      name: { type: 'string' },
      sku: { type: 'string' },
      description: { type: 'string' },
      price_minor: { type: 'integer' },
      currency: { type: 'string' },
      vat_rate_bp: { type: 'integer' },
      is_active: { type: 'boolean' },
      weight_grams: { type: ['integer', 'null'] },
      stock: { type: ['integer', 'null'] },
      file_id: { type: ['integer', 'null'] },
      file_name: { type: ['string', 'null'] },
      categories: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } },
    },
  };

  const app = Fastify({ logger: false });
  app.get(
    '/admin/products.json',
    {
      schema: {
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 250, default: 50 }, page: { type: 'integer', minimum: 1, default: 1 } } },
        response: { 200: { type: 'object', properties: { products: { type: 'array', items: productSchema } } } },
      },
    },
    (request, reply) => {
      const grant = grantOf(request.headers.authorization);
      if (!grant) return unauthorized(reply, 401, 'invalid_token', 'invalid access token');
      if (!grant.scopes.includes('products')) return unauthorized(reply, 403, 'insufficient_scope', 'this request needs the products scope');
      const { limit, page: pageNumber } = request.query;
      const offset = (pageNumber - 1) * limit;
      const rows = page.all(grant.companyId, limit, offset);
      const byProduct = new Map();
      for (const c of categories.all(JSON.stringify(rows.map((r) => r.id)))) {
        let list = byProduct.get(c.product_id);
        if (!list) byProduct.set(c.product_id, (list = []));
        list.push({ id: c.id, name: c.name });
      }
      const products = rows.map((r) => ({
        id: r.id,
        company_id: r.company_id,
        is_demo: r.company_is_sample === 1,
        created_at: iso(r.created_at),
        updated_at: iso(r.updated_at),
        kind: r.kind,
        name: r.name,
        sku: r.sku,
        description: r.description,
        price_minor: r.price_minor,
        currency: r.currency,
        vat_rate_bp: r.vat_rate_bp,
        is_active: r.is_active === 1,
        weight_grams: r.weight_grams,
        stock: r.stock,
        file_id: r.file_id,
        file_name: r.file_name,
        categories: byProduct.get(r.id) ?? [],
      }));
      reply.headers(SECURITY_HEADERS);
      const links = [];
      const origin = `http://${request.headers.host}`;
      if (offset + rows.length < count.get(grant.companyId)) links.push(`<${origin}/admin/products.json?limit=${limit}&page=${pageNumber + 1}>; rel="next"`);
      if (pageNumber > 1) links.push(`<${origin}/admin/products.json?limit=${limit}&page=${pageNumber - 1}>; rel="previous"`);
      if (links.length > 0) reply.header('link', links.join(', '));
      return { products };
    },
  );

  return app;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const app = await build(process.argv[2]);
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${app.server.address().port}` })}\n`);
  process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
}
