// SQL for the App Store (migration 006): listings (an app registration joined with its product, developer
// company and theme, with install and purchase counts), approval requests and installs. Rules live in the
// App Store services; this module only reads and writes rows.
import type { Db } from '../db/database';
import type { AppKind, AppVisibility } from './apps-repository';

/** A listing: the app row with what the store and My Apps show beside it. */
export interface ListingRow {
  id: number;
  kind: AppKind;
  company_id: number;
  company_name: string;
  company_email: string;
  developer_partner_id: number | null;
  developer_is_sample: 0 | 1;
  name: string;
  product_id: number;
  description: string;
  price_minor: number;
  currency: string;
  vat_rate_bp: number;
  is_active: 0 | 1;
  client_id: string;
  redirect_uris: string;
  scopes: string;
  authorization_url: string | null;
  start_url: string | null;
  developer_email: string;
  visibility: AppVisibility;
  theme_id: number | null;
  theme_name: string | null;
  secret_rotated_at: number | null;
  previous_secret_expires_at: number | null;
  created_at: number;
  updated_at: number;
  active_installs: number;
  purchases: number;
  latest_request_id: number | null;
}

export interface ApprovalRequestRow {
  id: number;
  app_id: number;
  requested_at: number;
  requested_by: string;
  message: string;
  decided_at: number | null;
  decided_by: string | null;
  decision: 'approved' | 'rejected' | null;
  visibility: 'beta' | 'release' | null;
  reason: string;
}

export type InstallChargeColumn = 'internal' | 'development' | 'beta' | 'beta_earlier' | 'purchased_earlier' | 'free' | 'purchase';

export interface InstallRow {
  id: number;
  app_id: number;
  company_id: number;
  installed_at: number;
  installed_by: string;
  installed_by_user_id: number | null;
  visibility_at_install: AppVisibility;
  charge: InstallChargeColumn;
  installed_during_beta: 0 | 1;
  purchase_order_id: number | null;
  theme_id: number | null;
  uninstalled_at: number | null;
  uninstalled_by: string | null;
}

/** An install with the names and the purchase order the console shows. */
export interface InstallListRow extends InstallRow {
  company_name: string;
  order_number: number | null;
  order_gross_minor: number | null;
  order_currency: string | null;
}

export interface AppStoreRepository {
  getListing(appId: number): ListingRow | undefined;
  listListings(): ListingRow[];
  listListingsOf(companyId: number): ListingRow[];

  insertRequest(row: Pick<ApprovalRequestRow, 'app_id' | 'requested_at' | 'requested_by' | 'message'>): number;
  getRequest(id: number): ApprovalRequestRow | undefined;
  openRequest(appId: number): ApprovalRequestRow | undefined;
  /** Decides the open request; false when there was none (someone decided first). */
  decide(id: number, decision: Pick<ApprovalRequestRow, 'decided_at' | 'decided_by' | 'decision' | 'visibility' | 'reason'>): boolean;
  requestsByIds(ids: number[]): ApprovalRequestRow[];
  requestsOf(appId: number): ApprovalRequestRow[];
  countPending(): number;

  insertInstall(row: Omit<InstallRow, 'id' | 'uninstalled_at' | 'uninstalled_by'>): number;
  getInstall(id: number): InstallListRow | undefined;
  activeInstall(appId: number, companyId: number): InstallRow | undefined;
  everInstalledInBeta(appId: number, companyId: number): boolean;
  /** A purchase of this app by this company whose order still counts (paid or fulfilled). */
  hasCountedPurchase(appId: number, companyId: number): boolean;
  markUninstalled(id: number, at: number, by: string): boolean;
  activeInstallsOf(companyIds: number[]): InstallListRow[];
  activeInstallCompanyIds(appId: number): number[];
}

export function createAppStoreRepository(db: Db): AppStoreRepository {
  const LISTING = `SELECT a.id, a.kind, a.company_id, d.name AS company_name, d.email AS company_email, d.partner_id AS developer_partner_id,
       d.is_sample AS developer_is_sample, a.name, a.product_id, p.description, p.price_minor, p.currency, p.vat_rate_bp, p.is_active,
       a.client_id, a.redirect_uris, a.scopes, a.authorization_url, a.start_url, a.developer_email, a.visibility, a.theme_id,
       t.name AS theme_name, a.secret_rotated_at, a.previous_secret_expires_at, a.created_at, a.updated_at,
       (SELECT COUNT(*) FROM app_installs i WHERE i.app_id = a.id AND i.uninstalled_at IS NULL) AS active_installs,
       (SELECT COUNT(*) FROM app_installs i WHERE i.app_id = a.id AND i.charge = 'purchase') AS purchases,
       (SELECT MAX(r.id) FROM app_approval_requests r WHERE r.app_id = a.id) AS latest_request_id
     FROM apps a
     JOIN companies d ON d.id = a.company_id
     JOIN products p ON p.id = a.product_id
     LEFT JOIN themes t ON t.id = a.theme_id`;
  const getListing = db.prepare<[number], ListingRow>(`${LISTING} WHERE a.id = ?`);
  const listListings = db.prepare<[], ListingRow>(`${LISTING} ORDER BY a.name COLLATE NOCASE, a.id`);
  const listListingsOf = db.prepare<[number], ListingRow>(`${LISTING} WHERE a.company_id = ? ORDER BY a.created_at DESC, a.id DESC`);

  const insertRequest = db.prepare(
    'INSERT INTO app_approval_requests (app_id, requested_at, requested_by, message) VALUES (@app_id, @requested_at, @requested_by, @message)',
  );
  const getRequest = db.prepare<[number], ApprovalRequestRow>('SELECT * FROM app_approval_requests WHERE id = ?');
  const openRequest = db.prepare<[number], ApprovalRequestRow>('SELECT * FROM app_approval_requests WHERE app_id = ? AND decided_at IS NULL');
  const decide = db.prepare(
    `UPDATE app_approval_requests SET decided_at = @decided_at, decided_by = @decided_by, decision = @decision, visibility = @visibility, reason = @reason
     WHERE id = @id AND decided_at IS NULL`,
  );
  const requestsByIds = db.prepare<[string], ApprovalRequestRow>('SELECT * FROM app_approval_requests WHERE id IN (SELECT value FROM json_each(?))');
  const requestsOf = db.prepare<[number], ApprovalRequestRow>('SELECT * FROM app_approval_requests WHERE app_id = ? ORDER BY id DESC');
  const countPending = db.prepare<[], number>('SELECT COUNT(*) FROM app_approval_requests WHERE decided_at IS NULL').pluck();

  const insertInstall = db.prepare(
    `INSERT INTO app_installs (app_id, company_id, installed_at, installed_by, installed_by_user_id, visibility_at_install, charge,
       installed_during_beta, purchase_order_id, theme_id)
     VALUES (@app_id, @company_id, @installed_at, @installed_by, @installed_by_user_id, @visibility_at_install, @charge,
       @installed_during_beta, @purchase_order_id, @theme_id)`,
  );
  const INSTALL_LIST = `SELECT i.*, c.name AS company_name, o.number AS order_number, o.gross_minor AS order_gross_minor, o.currency AS order_currency
     FROM app_installs i
     JOIN companies c ON c.id = i.company_id
     LEFT JOIN orders o ON o.id = i.purchase_order_id`;
  const getInstall = db.prepare<[number], InstallListRow>(`${INSTALL_LIST} WHERE i.id = ?`);
  const activeInstall = db.prepare<[number, number], InstallRow>('SELECT * FROM app_installs WHERE app_id = ? AND company_id = ? AND uninstalled_at IS NULL');
  const everBeta = db.prepare<[number, number], number>('SELECT 1 FROM app_installs WHERE app_id = ? AND company_id = ? AND installed_during_beta = 1 LIMIT 1').pluck();
  const countedPurchase = db.prepare<[number, number], number>(
    `SELECT 1 FROM app_installs i JOIN orders o ON o.id = i.purchase_order_id
     WHERE i.app_id = ? AND i.company_id = ? AND i.charge = 'purchase' AND o.status IN ('paid', 'fulfilled') LIMIT 1`,
  ).pluck();
  const markUninstalled = db.prepare('UPDATE app_installs SET uninstalled_at = ?, uninstalled_by = ? WHERE id = ? AND uninstalled_at IS NULL');
  const activeOf = db.prepare<[string], InstallListRow>(
    `${INSTALL_LIST} WHERE i.company_id IN (SELECT value FROM json_each(?)) AND i.uninstalled_at IS NULL ORDER BY i.installed_at DESC, i.id DESC`,
  );
  const activeCompanies = db.prepare<[number], number>('SELECT company_id FROM app_installs WHERE app_id = ? AND uninstalled_at IS NULL ORDER BY company_id').pluck();

  return {
    getListing: (appId) => getListing.get(appId),
    listListings: () => listListings.all(),
    listListingsOf: (companyId) => listListingsOf.all(companyId),

    insertRequest: (row) => Number(insertRequest.run(row).lastInsertRowid),
    getRequest: (id) => getRequest.get(id),
    openRequest: (appId) => openRequest.get(appId),
    decide: (id, decision) => decide.run({ ...decision, id }).changes === 1,
    requestsByIds: (ids) => (ids.length === 0 ? [] : requestsByIds.all(JSON.stringify(ids))),
    requestsOf: (appId) => requestsOf.all(appId),
    countPending: () => countPending.get()!,

    insertInstall: (row) => Number(insertInstall.run(row).lastInsertRowid),
    getInstall: (id) => getInstall.get(id),
    activeInstall: (appId, companyId) => activeInstall.get(appId, companyId),
    everInstalledInBeta: (appId, companyId) => everBeta.get(appId, companyId) !== undefined,
    hasCountedPurchase: (appId, companyId) => countedPurchase.get(appId, companyId) !== undefined,
    markUninstalled: (id, at, by) => markUninstalled.run(at, by, id).changes === 1,
    activeInstallsOf: (companyIds) => (companyIds.length === 0 ? [] : activeOf.all(JSON.stringify(companyIds))),
    activeInstallCompanyIds: (appId) => activeCompanies.all(appId),
  };
}
