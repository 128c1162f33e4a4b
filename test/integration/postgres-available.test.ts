// In CI the PostgreSQL tests must run, never report themselves skipped: .ci/run starts PostgreSQL, exports
// PARTNERDECK_TEST_DATABASE_URL (scripts/ci-postgres.sh) and PARTNERDECK_REQUIRE_POSTGRES=1; a CI service that
// sets CI gets the same check. Elsewhere they may skip, saying why.
import { describe, expect, it } from 'vitest';
import { probePostgres, TEST_DATABASE_URL } from '../helpers/postgres';

const required = Boolean(process.env.CI || process.env.PARTNERDECK_REQUIRE_POSTGRES);

describe('PostgreSQL for the tests', () => {
  it.runIf(required)('answers in CI (so the PostgreSQL suites cannot skip there)', async () => {
    const probe = await probePostgres();
    expect(probe.reason, `CI (or PARTNERDECK_REQUIRE_POSTGRES) is set but ${TEST_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')} does not answer`).toBeNull();
  });
});
