// The logger: levels, scopes, size-based rotation keeping three old files, a private file, errors with their
// stacks, and every secret shape scrubbed before a line is written.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, levelFromEnv, logFileIn, logFilesOf } from '../../../../../src-main/core/logging/logger';
import { REDACTED, redactText } from '../../../../../src-main/core/logging/redact';

const dir = mkdtempSync(join(tmpdir(), 'pd-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secrets in log lines', () => {
  it.each([
    ['authorization: Bearer 41.k3yS3cr3tV4lu3xxxxxxxxxxxxx', 'authorization: [redacted]'],
    ['Authorization header was Bearer abc.def-123', `Authorization header was Bearer ${REDACTED}`],
    ['POST /token grant_type=refresh_token&refresh_token=rt_abc123&client_secret=s3cr3t', `POST /token grant_type=refresh_token&refresh_token=${REDACTED}&client_secret=${REDACTED}`],
    ['{"client_secret":"shh","name":"Order Sync","password":"hunter2"}', `{"client_secret":"${REDACTED}","name":"Order Sync","password":"${REDACTED}"}`],
    ['GET http://127.0.0.1:4000/hook?key=abc&shop=7 failed', `GET http://127.0.0.1:4000/hook?key=${REDACTED}&shop=${REDACTED} failed`],
    ['calling https://admin:pw@example.com/x', `calling https://${REDACTED}@example.com/x`],
    ['cookie: pd_session=abc; pd_csrf=def', `cookie: ${REDACTED}`],
    ['webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=', `webhook-signature: ${REDACTED}`],
    ['a token nobody named: AbCdEfGh1234567890AbCdEfGh1234567890xyz', `a token nobody named: ${REDACTED}`],
    ['access token 17.Zm9vYmFyYmF6cXV4cXV1eA', `access token ${REDACTED}`],
  ])('scrubs %s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('keeps what a reader needs: paths, ids, statuses, times, file names', () => {
    const line = 'POST /admin/webhooks.json 201 3.2 ms; webhook 12 for company 5; /home/me/.config/PartnerDeck/logs/partnerdeck.log';
    expect(redactText(line)).toBe(line);
  });
});

describe('the log file', () => {
  it('writes at and above its level, with the scope, readable by the user only', () => {
    const file = join(dir, 'levels', 'partnerdeck.log');
    const logger = createLogger({ file, level: 'info' });
    logger.scope('server').info('listening on 127.0.0.1:4000');
    logger.debug('not written at info');
    logger.error('something failed', new Error('boom'));
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[info\] +\(server\) listening on 127\.0\.0\.1:4000$/m);
    expect(text).not.toContain('not written');
    // The error's stack, not just its message.
    expect(text).toMatch(/\[error\] +something failed: Error: boom\n\s+at /);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates by size and keeps three old files', () => {
    const file = join(dir, 'rotation', 'partnerdeck.log');
    const logger = createLogger({ file, level: 'info', maxBytes: 2_000, keep: 3 });
    for (let i = 0; i < 200; i++) logger.info(`line ${i} ${'x'.repeat(80)}`);
    const files = logFilesOf(file);
    expect(files.map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual(['partnerdeck.log', 'partnerdeck.1.log', 'partnerdeck.2.log', 'partnerdeck.3.log']);
    expect(existsSync(join(dir, 'rotation', 'partnerdeck.4.log'))).toBe(false);
    for (const f of files) expect(statSync(f).size).toBeLessThan(2_200);
    expect(readFileSync(file, 'utf8')).toContain('line 199 ');
  });

  it('takes the level from PARTNERDECK_LOG_LEVEL and lives in <data folder>/logs for the CLI', () => {
    expect(levelFromEnv({ PARTNERDECK_LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(levelFromEnv({ PARTNERDECK_LOG_LEVEL: 'loud' })).toBe('info');
    expect(logFileIn('/data')).toBe('/data/logs/partnerdeck.log');
    expect(createLogger({ dataDir: '/data' }).file).toBe('/data/logs/partnerdeck.log');
  });
});
