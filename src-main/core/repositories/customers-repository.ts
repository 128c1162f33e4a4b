// SQL for a shop's customers (unique email per company) and the per-company counters that lists and
// dashboards read instead of COUNT(*) over big tables.
import type { Db } from '../db/database';
import { createTableWriter, likePattern, type ListQuery, type TableWriter } from './table-access';

export interface CustomerRow {
  id: number;
  company_id: number;
  email: string;
  name: string;
  phone: string;
  street: string;
  city: string;
  postal_code: string;
  country: string;
  accepts_marketing: 0 | 1;
  note: string;
  created_at: number;
  updated_at: number;
}

export interface CustomerFilter {
  companyId: number;
  search: string;
  country?: string;
  sort: 'name' | 'email' | 'city' | 'country' | 'createdAt';
  direction: 'asc' | 'desc';
}

export interface CustomerOrderStats {
  order_count: number;
  first_order_at: number | null;
  last_order_at: number | null;
}

const SORT: Record<CustomerFilter['sort'], string> = {
  name: 'u.name COLLATE NOCASE',
  email: 'u.email',
  city: 'u.city COLLATE NOCASE',
  country: 'u.country',
  createdAt: 'u.created_at',
};

export interface CustomersRepository {
  customers: TableWriter<CustomerRow>;
  get(companyId: number, id: number): CustomerRow | undefined;
  findByEmail(companyId: number, email: string): CustomerRow | undefined;
  query(filter: CustomerFilter): ListQuery;
  orderStats(customerId: number): CustomerOrderStats;
  /** Adds to a company's counters (customers, orders). */
  bumpCounts(companyId: number, customers: number, orders: number): void;
  counts(companyId: number): { customers: number; orders: number };
}

export function createCustomersRepository(db: Db): CustomersRepository {
  const get = db.prepare<[number, number], CustomerRow>('SELECT * FROM customers WHERE id = ? AND company_id = ?');
  const byEmail = db.prepare<[number, string], CustomerRow>('SELECT * FROM customers WHERE company_id = ? AND email = ?');
  const stats = db.prepare<[number], CustomerOrderStats>(
    'SELECT COUNT(*) AS order_count, MIN(placed_at) AS first_order_at, MAX(placed_at) AS last_order_at FROM orders WHERE customer_id = ?',
  );
  const bump = db.prepare<[number, number, number]>(
    `INSERT INTO shop_counts (company_id, customers, orders) VALUES (?, ?, ?)
     ON CONFLICT (company_id) DO UPDATE SET customers = customers + excluded.customers, orders = orders + excluded.orders`,
  );
  const counts = db.prepare<[number], { customers: number; orders: number }>('SELECT customers, orders FROM shop_counts WHERE company_id = ?');
  return {
    customers: createTableWriter<CustomerRow>(db, 'customers', [
      'company_id', 'email', 'name', 'phone', 'street', 'city', 'postal_code', 'country', 'accepts_marketing', 'note', 'created_at', 'updated_at',
    ]),
    get: (companyId, id) => get.get(id, companyId),
    findByEmail: (companyId, email) => byEmail.get(companyId, email),
    query(filter) {
      const where = ['u.company_id = @companyId'];
      if (filter.country) where.push('u.country = @country');
      if (filter.search) where.push(`(u.name LIKE @like ESCAPE '\\' OR u.email LIKE @like ESCAPE '\\' OR u.city LIKE @like ESCAPE '\\')`);
      return {
        select: 'u.*',
        from: 'customers u',
        where,
        orderBy: [SORT[filter.sort]],
        tieBreak: 'u.id',
        direction: filter.direction,
        params: { companyId: filter.companyId, country: filter.country, like: likePattern(filter.search) },
      };
    },
    orderStats: (customerId) => stats.get(customerId)!,
    bumpCounts: (companyId, customers, orders) => void bump.run(companyId, customers, orders),
    counts: (companyId) => counts.get(companyId) ?? { customers: 0, orders: 0 },
  };
}
