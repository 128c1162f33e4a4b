// Migration 011: development companies (issue 19 item 1), a third kind beside real and sample companies. An app
// developer's company to install and test an app in (`partnerdeck app dev` makes one): it may place test orders
// (unlike a sample company), its data is marked as test data everywhere like a sample company's, and the month
// close never bills it. A company is at most one of sample and development.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration011 = {
  id: 11,
  name: 'development-companies',
  ...bothDialects(`
ALTER TABLE companies ADD COLUMN is_development INTEGER NOT NULL DEFAULT 0 CHECK (is_development IN (0, 1));
CREATE INDEX companies_development ON companies(id) WHERE is_development = 1;
`),
};
