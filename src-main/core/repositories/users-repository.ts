// SQL for users.
import type { Db } from '../db/database';

export interface UserRow {
  id: number;
  company_id: number;
  email: string;
  name: string;
  password_hash: string;
  permissions: string;
  is_admin: 0 | 1;
  /** The platform operator role (migration 006): reviews App Store listings. Independent of the company. */
  is_operator: 0 | 1;
  created_at: number;
  updated_at: number;
}

export interface UserWithCompanyRow extends UserRow {
  company_name: string;
  company_is_partner: 0 | 1;
}

export interface UsersRepository {
  insert(row: Omit<UserRow, 'id' | 'is_operator'>): number;
  get(id: number): UserRow | undefined;
  findByEmail(email: string): UserRow | undefined;
  listByCompany(companyId: number): UserRow[];
  update(id: number, patch: Partial<Pick<UserRow, 'name' | 'permissions' | 'is_admin' | 'is_operator' | 'updated_at'>>): void;
  delete(id: number): void;
  /** Sets a new password hash if the current one is still `expected` (a re-hash never overwrites a change). */
  replacePasswordHash(id: number, expected: string, replacement: string): boolean;
  listAllWithCompany(): UserWithCompanyRow[];
  adminsOf(companyId: number): UserRow[];
  count(): number;
}

export function createUsersRepository(db: Db): UsersRepository {
  const insert = db.prepare(
    `INSERT INTO users (company_id, email, name, password_hash, permissions, is_admin, created_at, updated_at)
     VALUES (@company_id, @email, @name, @password_hash, @permissions, @is_admin, @created_at, @updated_at)`,
  );
  const get = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
  const byCompany = db.prepare<[number], UserRow>('SELECT * FROM users WHERE company_id = ? ORDER BY name COLLATE NOCASE, id');
  const admins = db.prepare<[number], UserRow>('SELECT * FROM users WHERE company_id = ? AND is_admin = 1 ORDER BY id');
  const remove = db.prepare('DELETE FROM users WHERE id = ?');
  const all = db.prepare<[], UserWithCompanyRow>(
    `SELECT u.*, c.name AS company_name, c.is_partner AS company_is_partner
     FROM users u JOIN companies c ON c.id = u.company_id
     ORDER BY c.is_partner DESC, c.name COLLATE NOCASE, u.name COLLATE NOCASE LIMIT 500`,
  );
  const count = db.prepare<[], number>('SELECT COUNT(*) FROM users').pluck();
  const replaceHash = db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?');
  return {
    count: () => count.get() ?? 0,
    insert: (row) => Number(insert.run(row).lastInsertRowid),
    get: (id) => get.get(id),
    findByEmail: (email) => byEmail.get(email),
    listByCompany: (companyId) => byCompany.all(companyId),
    update(id, patch) {
      const keys = Object.keys(patch);
      if (keys.length === 0) return;
      db.prepare(`UPDATE users SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...patch, id });
    },
    delete: (id) => void remove.run(id),
    replacePasswordHash: (id, expected, replacement) => replaceHash.run(replacement, id, expected).changes === 1,
    listAllWithCompany: () => all.all(),
    adminsOf: (companyId) => admins.all(companyId),
  };
}
