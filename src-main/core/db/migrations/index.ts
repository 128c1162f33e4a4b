// What a migration is. Each area lists its own (core/areas/<area>.ts `migrations`); the platform applies them
// by number (platform.ts migrationsOf). Add a new numbered file to your area; never edit an applied one.
// Numbers are reserved per area so parallel work never collides: 001 foundation, 002 shop data, 003 apps and
// webhooks, 004 OAuth tokens, 005 webhook delivery, 006 App Store, 007 month close, 008 the combined view's month
// index, 009 the webhook log's retention, 010 the refresh-token grace window, 011 development companies, 012
// `partnerdeck listen`'s listeners, 013-016 developer tools (013 the API request log), 016 logistics, 017 partner
// logos, 018 webhook secret rotation (devloop), 019 payment methods and document settlements (billing), 020 sales
// rollups (perf), 021 the logo kept with each issued document (billing), 022 logistics list indexes, 023 one-time
// tokens in the database (oauth: consent tickets shared by processes), 024 the sign-in throttle's records (oauth), 025 sales (perf7), 026
// a team server's console sessions (foundation), 027 sales (perf8s: product rows per quarter), 028 a team server's network
// (webhooks: the dispatcher's lease for several servers, and the API request log's client address).
//
// Every migration has two forms: `sql` for SQLite (the desktop's file; never edited once released, so existing
// data folders stay byte-identical) and `postgres` for a team server's PostgreSQL database (docs/architecture.md
// "Two databases").
// A migration is written once, in SQLite's dialect: `...bothDialects(sql, edits)` (core/postgres/postgres-dialect.ts)
// makes the second form from the first by mechanical rules plus the hand edits the migration lists;
// test/integration/postgres-schema-parity.test.ts proves both give the same tables, keys and indexes.
export interface Migration {
  id: number;
  name: string;
  sql: string;
  postgres: string;
}
