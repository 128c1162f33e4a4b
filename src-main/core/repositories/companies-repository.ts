// SQL for companies: rows in, rows out. Rules live in the companies service.
import type { Db } from '../db/database';
import type { PaymentRoute } from '../../../src-shared/api/types';

export interface CompanyRow {
  id: number;
  name: string;
  email: string;
  phone: string;
  street: string;
  city: string;
  postal_code: string;
  country: string;
  vat_id: string | null;
  token: string | null;
  is_sample: 0 | 1;
  /** A development company (migration 011): test orders, never billed, marked like a sample company. */
  is_development: 0 | 1;
  payment_route: PaymentRoute;
  is_partner: 0 | 1;
  partner_id: number | null;
  partner_name: string | null;
  admin_domain: string | null;
  created_at: number;
  updated_at: number;
}

/** A company row as lists read it, with its number of users. */
export interface CompanySummaryRow
  extends Pick<CompanyRow, 'id' | 'name' | 'country' | 'city' | 'token' | 'is_sample' | 'is_development' | 'payment_route' | 'is_partner' | 'partner_id' | 'created_at'> {
  user_count: number;
}

export type NewCompanyRow = Omit<CompanyRow, 'id' | 'partner_name'>;

export interface CompanyListFilter {
  partnerId: number;
  search: string;
  route: 'any' | PaymentRoute;
  sample: 'any' | 'sample' | 'development' | 'real';
  sort: 'name' | 'createdAt' | 'country' | 'city' | 'users';
  direction: 'asc' | 'desc';
  /** Only the company with exactly this token (spec §1: the token identifies a company externally). */
  token?: string;
  /** At most this many rows; undefined: all. */
  limit?: number;
}

const UPDATABLE = [
  'name', 'email', 'phone', 'street', 'city', 'postal_code', 'country', 'vat_id', 'token', 'is_sample',
  'payment_route', 'partner_id', 'admin_domain', 'updated_at',
] as const;
export type CompanyPatch = Partial<Pick<CompanyRow, (typeof UPDATABLE)[number]>>;

const SORT_SQL: Record<CompanyListFilter['sort'], string> = {
  name: 'c.name COLLATE NOCASE',
  createdAt: 'c.created_at',
  country: 'c.country',
  city: 'c.city COLLATE NOCASE',
  users: 'user_count',
};

export interface CompaniesRepository {
  insert(row: NewCompanyRow): number;
  get(id: number): CompanyRow | undefined;
  update(id: number, patch: CompanyPatch): void;
  listClients(filter: CompanyListFilter): CompanySummaryRow[];
  /** Every company, by id (operator listings). */
  listAll(): CompanySummaryRow[];
  clientIds(partnerId: number): number[];
  listPartners(search: string): CompanyRow[];
  countAll(): number;
  findByToken(token: string): CompanyRow | undefined;
}

export function createCompaniesRepository(db: Db): CompaniesRepository {
  const selectOne = db.prepare<[number], CompanyRow>(
    `SELECT c.*, p.name AS partner_name FROM companies c LEFT JOIN companies p ON p.id = c.partner_id WHERE c.id = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO companies (name, email, phone, street, city, postal_code, country, vat_id, token, is_sample, is_development,
       payment_route, is_partner, partner_id, admin_domain, created_at, updated_at)
     VALUES (@name, @email, @phone, @street, @city, @postal_code, @country, @vat_id, @token, @is_sample, @is_development,
       @payment_route, @is_partner, @partner_id, @admin_domain, @created_at, @updated_at)`,
  );
  const clientIds = db.prepare<[number], number>('SELECT id FROM companies WHERE partner_id = ? ORDER BY id').pluck();
  const byToken = db.prepare<[string], CompanyRow>(
    'SELECT c.*, NULL AS partner_name FROM companies c WHERE c.token = ?',
  );
  const count = db.prepare<[], number>('SELECT COUNT(*) FROM companies').pluck();
  const partners = db.prepare<[string, string], CompanyRow>(
    `SELECT c.*, NULL AS partner_name FROM companies c
     WHERE c.is_partner = 1 AND (? = '' OR c.name LIKE ? ESCAPE '\\') ORDER BY c.name COLLATE NOCASE`,
  );
  const SUMMARY_COLUMNS = `c.id, c.name, c.country, c.city, c.token, c.is_sample, c.is_development, c.payment_route, c.is_partner, c.partner_id, c.created_at,
          (SELECT COUNT(*) FROM users u WHERE u.company_id = c.id) AS user_count`;
  const all = db.prepare<[], CompanySummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM companies c ORDER BY c.id`);
  const listCache = new Map<string, ReturnType<Db['prepare']>>();

  return {
    insert: (row) => Number(insert.run(row).lastInsertRowid),
    get: (id) => selectOne.get(id),
    update(id, patch) {
      const keys = Object.keys(patch).filter((k): k is (typeof UPDATABLE)[number] => (UPDATABLE as readonly string[]).includes(k));
      if (keys.length === 0) return;
      db.prepare(`UPDATE companies SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...patch, id });
    },
    listClients(filter) {
      const where = ['c.partner_id = @partnerId'];
      if (filter.search) where.push(`(c.name LIKE @like ESCAPE '\\' OR c.city LIKE @like ESCAPE '\\' OR c.email LIKE @like ESCAPE '\\' OR c.token LIKE @like ESCAPE '\\' OR CAST(c.id AS TEXT) = @search)`);
      if (filter.token !== undefined) where.push('c.token = @token');
      if (filter.route !== 'any') where.push('c.payment_route = @route');
      if (filter.sample === 'sample') where.push('c.is_sample = 1');
      else if (filter.sample === 'development') where.push('c.is_development = 1');
      else if (filter.sample === 'real') where.push('c.is_sample = 0 AND c.is_development = 0');
      const sql = `SELECT ${SUMMARY_COLUMNS}
        FROM companies c WHERE ${where.join(' AND ')}
        ORDER BY ${SORT_SQL[filter.sort]} ${filter.direction === 'desc' ? 'DESC' : 'ASC'}, c.id
        LIMIT @limit`;
      let statement = listCache.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        listCache.set(sql, statement);
      }
      return statement.all({
        partnerId: filter.partnerId,
        search: filter.search,
        like: `%${escapeLike(filter.search)}%`,
        route: filter.route,
        token: filter.token ?? null,
        limit: filter.limit ?? -1,
      }) as CompanySummaryRow[];
    },
    listAll: () => all.all(),
    clientIds: (partnerId) => clientIds.all(partnerId),
    listPartners: (search) => partners.all(search, `%${escapeLike(search)}%`),
    countAll: () => count.get() ?? 0,
    findByToken: (token) => byToken.get(token),
  };
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
