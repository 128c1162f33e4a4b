// SQL for each shop's settings (one row per non-partner company).
import type { Db } from '../db/database';

export interface ShopSettingsRow {
  company_id: number;
  shop_name: string;
  currency: string;
  default_vat_rate_bp: number;
  storefront_open: 0 | 1;
  support_email: string;
  updated_at: number;
}

export interface ShopSettingsRepository {
  insert(row: ShopSettingsRow): void;
  get(companyId: number): ShopSettingsRow | undefined;
  update(companyId: number, patch: Partial<Omit<ShopSettingsRow, 'company_id'>>): void;
}

export function createShopSettingsRepository(db: Db): ShopSettingsRepository {
  const insert = db.prepare(
    `INSERT INTO shop_settings (company_id, shop_name, currency, default_vat_rate_bp, storefront_open, support_email, updated_at)
     VALUES (@company_id, @shop_name, @currency, @default_vat_rate_bp, @storefront_open, @support_email, @updated_at)`,
  );
  const get = db.prepare<[number], ShopSettingsRow>('SELECT * FROM shop_settings WHERE company_id = ?');
  return {
    insert: (row) => void insert.run(row),
    get: (companyId) => get.get(companyId),
    update(companyId, patch) {
      const keys = Object.keys(patch);
      if (keys.length === 0) return;
      db.prepare(`UPDATE shop_settings SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE company_id = @company_id`).run({
        ...patch,
        company_id: companyId,
      });
    },
  };
}
