import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  buildWebhookRequest,
  payloadHash,
  standardSignature,
  standardWebhooksSecret,
  verifyPayloadHash,
  verifyStandardSignature,
} from '../../../src-main/core/webhooks/webhook-signing';
import { unsignedPayloadJson } from '../../../src-shared/domain/webhooks';
import { independentHash } from '../../helpers/independent-hash';
import { createHash } from 'node:crypto';

const SECRET = 'c0ffee-shared-secret';
const UNSIGNED = unsignedPayloadJson(1202, 'order/create', 'order', '267227');

describe('payload hash', () => {
  it('is hex SHA-256 of the secret followed by the recipe concatenation (spec test vector)', () => {
    const expected = createHash('sha256').update(`${SECRET}company_id1202producershopscopeorder/createtypeorderid267227`).digest('hex');
    expect(payloadHash(SECRET, UNSIGNED)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    expect(independentHash(SECRET, UNSIGNED)).toBe(expected);
  });

  it('verifies a signed body and rejects a changed one or another secret', () => {
    const { body } = buildWebhookRequest(SECRET, UNSIGNED, 'msg_1', 1_700_000_000, 'test');
    expect(verifyPayloadHash(SECRET, body)).toBe(true);
    expect(verifyPayloadHash('other', body)).toBe(false);
    expect(verifyPayloadHash(SECRET, body.replace('267227', '267228'))).toBe(false);
    expect(verifyPayloadHash(SECRET, 'not json')).toBe(false);
  });
});

describe('Standard Webhooks signature', () => {
  const now = Math.floor(Date.now() / 1000);
  const { body, headers } = buildWebhookRequest(SECRET, UNSIGNED, 'msg_abc', now, 'PartnerDeck-Webhooks/1.0');

  it('is verified by the standardwebhooks library with the secret as raw bytes and as whsec_', () => {
    expect(new Webhook(SECRET, { format: 'raw' }).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(new Webhook(standardWebhooksSecret(SECRET)).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook('wrong-secret', { format: 'raw' }).verify(body, { ...headers })).toThrow(/No matching signature/);
  });

  it('signs id.timestamp.body the same way the library does', () => {
    expect(standardSignature(SECRET, 'msg_abc', now, body)).toBe(new Webhook(SECRET, { format: 'raw' }).sign('msg_abc', new Date(now * 1000), body));
  });

  it('the helper verifies headers, refuses a changed body, a foreign signature and an old timestamp', () => {
    expect(verifyStandardSignature(SECRET, { ...headers }, body)).toBeNull();
    expect(verifyStandardSignature(SECRET, { ...headers }, body + ' ')).toMatch(/no matching/);
    expect(verifyStandardSignature(SECRET, { ...headers, 'webhook-signature': 'v1,AAAA v1,BBBB' }, body)).toMatch(/no matching/);
    expect(verifyStandardSignature(SECRET, { ...headers }, body, { nowSeconds: now + 301 })).toMatch(/tolerance/);
    expect(verifyStandardSignature(SECRET, { 'webhook-id': 'x' }, body)).toMatch(/missing/);
  });
});
