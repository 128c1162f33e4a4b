// Migration 006: the App Store (spec §6). Every app (and theme) listing is a product of the developer's
// shop: `apps.product_id` links the registration to a products row of kind app/theme, which carries the
// sales fields (name, description, price, currency, VAT rate, availability). Apps registered before this
// migration get such a product (price 0, the shop's currency and VAT rate, available). The listing state
// (kind, shop visibility, the theme a theme listing installs), approval requests with the operator's
// decisions, and installs (with the Beta-free mark and the purchase order) live in the tables below.
// Times are epoch milliseconds from the clock service.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration006 = {
  id: 6,
  name: 'app-store',
  ...bothDialects(`
-- Apps are OAuth clients; themes are installed into a shop's themes and have no OAuth (their client id is
-- an internal listing key, their secret columns stay empty and the OAuth server never accepts them).
ALTER TABLE apps ADD COLUMN kind TEXT NOT NULL DEFAULT 'app' CHECK (kind IN ('app', 'theme'));
ALTER TABLE apps ADD COLUMN product_id INTEGER REFERENCES products(id);
-- Shop visibility: development (creator and related companies) until approved, then beta or release.
ALTER TABLE apps ADD COLUMN visibility TEXT NOT NULL DEFAULT 'development' CHECK (visibility IN ('development', 'beta', 'release'));
-- Theme listings: the developer's own theme that an install copies into the buyer's themes.
ALTER TABLE apps ADD COLUMN theme_id INTEGER REFERENCES themes(id) ON DELETE SET NULL;
ALTER TABLE apps ADD COLUMN secret_rotated_at INTEGER;

-- The platform operator is a role of the local platform: a user with it sees the App review queue and
-- approves or rejects listings, whatever company it belongs to.
ALTER TABLE users ADD COLUMN is_operator INTEGER NOT NULL DEFAULT 0 CHECK (is_operator IN (0, 1));

-- Backfill: a product for every app registered before the App Store (ids chosen in app order, past both
-- the products table's AUTOINCREMENT sequence and its largest id).
CREATE TEMP TABLE app_product_backfill AS
  SELECT a.id AS app_id,
         MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'products'), 0), COALESCE((SELECT MAX(id) FROM products), 0))
           + ROW_NUMBER() OVER (ORDER BY a.id) AS product_id
  FROM apps a WHERE a.product_id IS NULL;
INSERT INTO products (id, company_id, kind, name, sku, description, price_minor, currency, vat_rate_bp, is_active, weight_grams, stock, file_id, created_at, updated_at)
  SELECT b.product_id, a.company_id, 'app', a.name, '', '', 0, COALESCE(s.currency, 'EUR'), COALESCE(s.default_vat_rate_bp, 0), 1, NULL, NULL, NULL, a.created_at, a.created_at
  FROM app_product_backfill b JOIN apps a ON a.id = b.app_id LEFT JOIN shop_settings s ON s.company_id = a.company_id
  ORDER BY b.product_id;
UPDATE apps SET product_id = (SELECT b.product_id FROM app_product_backfill b WHERE b.app_id = apps.id) WHERE product_id IS NULL;
DROP TABLE app_product_backfill;

CREATE UNIQUE INDEX apps_product ON apps(product_id) WHERE product_id IS NOT NULL;
CREATE INDEX apps_visibility ON apps(visibility);

-- Approval requests: the developer asks, the operator approves (into beta or release) or rejects with a
-- reason. At most one open request per app; the latest row is the listing's approval status.
CREATE TABLE app_approval_requests (
  id INTEGER PRIMARY KEY,
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  requested_at INTEGER NOT NULL,
  requested_by TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  decided_at INTEGER,
  decided_by TEXT,
  decision TEXT CHECK (decision IN ('approved', 'rejected')),
  visibility TEXT CHECK (visibility IN ('beta', 'release')),
  reason TEXT NOT NULL DEFAULT '',
  CHECK ((decided_at IS NULL) = (decision IS NULL)),
  CHECK (decision IS NOT 'approved' OR visibility IS NOT NULL),
  CHECK (decision IS NOT 'rejected' OR reason <> '')
) STRICT;
CREATE UNIQUE INDEX app_approval_requests_open ON app_approval_requests(app_id) WHERE decided_at IS NULL;
CREATE INDEX app_approval_requests_app ON app_approval_requests(app_id, id);

-- Installs from the App Store: one active row per (app, company). installed_during_beta marks a company
-- that never pays for the app (also after Release); purchase_order_id is the paid order in the developer's
-- shop (Release purchases; a plain id like order_lines.product_id: the developer may cancel and delete the
-- order in its shop); theme_id the copy a theme install made in the company's themes.
CREATE TABLE app_installs (
  id INTEGER PRIMARY KEY,
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  installed_at INTEGER NOT NULL,
  installed_by TEXT NOT NULL,
  installed_by_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  visibility_at_install TEXT NOT NULL CHECK (visibility_at_install IN ('development', 'beta', 'release')),
  charge TEXT NOT NULL CHECK (charge IN ('internal', 'development', 'beta', 'beta_earlier', 'purchased_earlier', 'free', 'purchase')),
  installed_during_beta INTEGER NOT NULL DEFAULT 0 CHECK (installed_during_beta IN (0, 1)),
  purchase_order_id INTEGER,
  theme_id INTEGER REFERENCES themes(id) ON DELETE SET NULL,
  uninstalled_at INTEGER,
  uninstalled_by TEXT,
  CHECK ((charge = 'purchase') = (purchase_order_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX app_installs_active ON app_installs(app_id, company_id) WHERE uninstalled_at IS NULL;
CREATE INDEX app_installs_company ON app_installs(company_id, uninstalled_at);
CREATE INDEX app_installs_app_company ON app_installs(app_id, company_id);
`, [
    // PostgreSQL has no sqlite_sequence: the backfill numbers after the largest id, the temporary table goes with
    // the transaction, and the identity sequence is moved past the ids written by hand.
    { find: 'CREATE TEMP TABLE app_product_backfill AS', replace: 'CREATE TEMP TABLE app_product_backfill ON COMMIT DROP AS' },
    {
      find: "MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'products'), 0), COALESCE((SELECT MAX(id) FROM products), 0))",
      replace: '(SELECT COALESCE(MAX(id), 0) FROM products)',
    },
    {
      find: 'DROP TABLE app_product_backfill;',
      replace:
        'DROP TABLE app_product_backfill;\n' +
        "SELECT setval(pg_get_serial_sequence('products', 'id'), GREATEST((SELECT MAX(id) FROM products), 1), (SELECT MAX(id) FROM products) IS NOT NULL);",
    },
  ]),
};
