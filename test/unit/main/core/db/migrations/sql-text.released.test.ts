// The SQLite text of every released migration, pinned by its SHA-256: an existing data folder's schema was made by
// exactly this text, so a new build must create the same schema (sqlite_master keeps each statement's text). A
// migration's text may be produced by a function (core/db/migrations/sql-text.ts: parallel rollup tables, the
// immutable-document triggers), but what it produces must stay byte for byte what was released. A new migration
// adds its line here once it is released.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src-main/areas';

const RELEASED: [id: number, sha256: string][] = [
  [1, '1af07a7a1348ecc3b961372b27f438dcea8125d40c66f68f9379067a465869fe'], // foundation
  [2, 'a6bf8ceea2ef2aee6c3212f8047e060f7536d5d32789df49b5a6e5cfaca789de'], // shop
  [3, '5213f647a4cb884999fa0c90ecf6c47daa74091f24b83c1b0213619b30809348'], // apps-and-webhooks
  [4, '86ea857ff3179dbeddc224abc1fad9b85c184ec8ed5eda735511cf54e7881128'], // oauth
  [5, '724fb2ef48997ae71ee544f190652740d8efe4fc4c18dbbbcf8a255f899a4313'], // webhook-delivery
  [6, '6e5506830fe7746b5ca0fa99a8ea8854f79ace80bc9376acb3948f8f95bf55e7'], // app-store
  [7, 'df16614bbcdb2e0692b00d7688262cc26faa9fe770f7593072134bcb5ee0d287'], // month-close
  [8, '5fb4d7427f4469271bf71e2aba62bb593a4be480cf6bcb4651f8b7b1472d4d6f'], // combined-month-index
  [9, '47394c23c6b24bdbfe474ab307e316f585f99e3824b52d28d8a2533a406bcf35'], // webhook-log-retention
  [10, '9b773c2b435302d9c5cd9da319f04966ec3c10981d045a3e317fc963ec7d4d6d'], // oauth-refresh-grace
  [11, 'bb23a40fbbf7b239ceb640e49a0e0626e9bf00b652e359a75e05f3d6252d961d'], // development-companies
  [12, '73831cca57be333c04e64c894807b3fd94c08d1ecdbf0fae417cdb30a8ee39f3'], // webhook-listeners
  [13, '3af8691af9a101e81b7dc1cacbe91d8a4b9fed8d833a32cf27cb5428874b143e'], // api-request-log
  [16, '229deec40166a45d1831b0da4670f487cc35aa0726545226ca4778d4f68ffb94'], // logistics
  [17, '2cae4d89681f51445e9671de7c021a7927ba8c16e492dd31d69bd334b772a89d'], // partner-logos
  [18, 'f79a5db6390ab3ce322ed358ca461a7963eef810fce66a82379c72282078c209'], // webhook-secret-grace
  [19, 'cff2c30afce0468c86a8f2bdb16e02392c898ecac1db65b459696baf13bf70ec'], // payment-methods
  [21, 'af596dc4e1719f6e2522737891d959fa4ae48b5fd6a77e7a10c2b95e5b46ad9a'], // document-logos
  [22, '90a36e29fdaaf99998d9f2f2c2e6333e8f1a88fc410a205f01f942135aba76d0'], // logistics-list-indexes
  [23, '94342983442c0604e8a380b08efa95dea7acb75783b40c66935868bc136495fa'], // one-time-tokens
  [24, 'f0e4bb3f7bc8de2eaa2e3fca4a8fc9514d6dfdac183c40014877a5bc45be3f3a'], // login-throttles
  [25, 'b7a28c3300c762cddffab29f625a30037e0e2e3aefa588bae029b386fd74ebbc'], // product-daily-by-month
  [26, '2a2becf30fcf773d8abc471d30d9827e993ca05f438eaf70495571defbfbd139'], // team-sessions
  [27, 'd4086ecdffb8aa93cac9e4df6951cd4e6e0990ac44f7efaebc331771ffa5e301'], // product-quarterly
  [28, 'f7ad070e6b08a2a030b3e13491a4875ed7cfe63f68711d417ee56d1efcccf05c'], // team-server-network
];

describe('released migrations', () => {
  it.each(RELEASED)('migration %i keeps its released SQLite text', (id, sha256) => {
    const migration = MIGRATIONS.find((m) => m.id === id);
    expect(migration, `migration ${id}`).toBeDefined();
    expect(createHash('sha256').update(migration!.sql).digest('hex')).toBe(sha256);
  });
});
