import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../../src-shared/domain/durations';
import {
  isAcknowledged,
  retryDelayMs,
  unsignedPayloadJson,
  webhookHashInput,
  WEBHOOK_RETRY_DELAYS_SECONDS,
  WEBHOOK_TOPIC_OF_EVENT,
  withHash,
} from '../../../../src-shared/domain/webhooks';
import { WEBHOOK_TOPICS } from '../../../../src-shared/domain/webhook-topics';
import { independentConcatenation } from '../../../helpers/independent-hash';

const SPEC_EXAMPLE = '{"company_id": 1202, "producer": "shop", "scope": "order/create", "data": {"type": "order", "id": "267227"}, "hash": "x"}';

describe('webhook payload and hash recipe (spec §5)', () => {
  it('gives the spec test vector for the example payload', () => {
    const concatenation = 'company_id1202producershopscopeorder/createtypeorderid267227';
    expect(webhookHashInput(JSON.parse(SPEC_EXAMPLE))).toBe(concatenation);
    expect(independentConcatenation(SPEC_EXAMPLE)).toBe(concatenation);
  });

  it('serializes the payload with its keys in the spec order and data.id as a string', () => {
    const json = unsignedPayloadJson(1202, 'order/create', 'order', 267227);
    expect(json).toBe('{"company_id":1202,"producer":"shop","scope":"order/create","data":{"type":"order","id":"267227"}}');
    const signed = withHash(json, 'ab'.repeat(32));
    expect(Object.keys(JSON.parse(signed))).toEqual(['company_id', 'producer', 'scope', 'data', 'hash']);
    expect(webhookHashInput(JSON.parse(signed))).toBe('company_id1202producershopscopeorder/createtypeorderid267227');
  });

  it('recurses into nested objects without their key and skips only the top-level hash', () => {
    const payload = { a: 1, nested: { hash: 'kept', deeper: { b: true } }, hash: 'skipped', c: 'x' };
    expect(webhookHashInput(payload)).toBe('a1hashkeptbtruecx');
    expect(independentConcatenation(JSON.stringify(payload))).toBe('a1hashkeptbtruecx');
  });

  it('maps every topic to a platform event, and every mapped topic is a spec topic', () => {
    const mapped = Object.values(WEBHOOK_TOPIC_OF_EVENT).map((m) => m.topic);
    expect(new Set(mapped)).toEqual(new Set(WEBHOOK_TOPICS));
    expect(WEBHOOK_TOPIC_OF_EVENT['group_member.created']).toEqual({ topic: 'groupmember/create', type: 'groupmember' });
    expect(WEBHOOK_TOPIC_OF_EVENT['app.updated']).toEqual({ topic: 'app/update', type: 'app' });
  });

  it('has the hosted retry schedule (about 48 h in all) and counts only 2xx as success', () => {
    expect(WEBHOOK_RETRY_DELAYS_SECONDS).toEqual([60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400]);
    expect(WEBHOOK_RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0) / 3600).toBeCloseTo(48.07, 2);
    expect(retryDelayMs(1)).toBe(60_000);
    expect(retryDelayMs(11)).toBe(86_400_000);
    expect(retryDelayMs(12)).toBeNull();
    expect([200, 204, 299].map(isAcknowledged)).toEqual([true, true, true]);
    expect([null, 199, 301, 302, 404, 500].map(isAcknowledged)).toEqual([false, false, false, false, false, false]);
  });
});

describe('durations for the clock', () => {
  it('parses what people type', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('3d')).toBe(259_200_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1d 12h')).toBe(129_600_000);
    expect(parseDuration(' 1W ')).toBe(604_800_000);
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['', '5', 'h', '-1h', '1.5h', '2 hours', '1h x', '1y']) expect(parseDuration(bad)).toBeNull();
  });

  it('formats short human durations', () => {
    expect(formatDuration(90_000)).toBe('1 min 30 s');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 60_000)).toBe('2 d 3 h');
    expect(formatDuration(250)).toBe('250 ms');
  });
});
