import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  buildWebhookRequest,
  payloadHash,
  standardSignature,
  standardWebhooksSecret,
  verifyPayloadHash,
  verifyStandardSignature,
} from '../../../../../src-main/core/webhooks/webhook-signing';
import { unsignedPayloadJson } from '../../../../../src-shared/domain/webhooks';
import { independentHash } from '../../../../helpers/independent-hash';
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

describe('the test vectors of docs/webhooks.md', () => {
  const secret = 's3cr3t-shared-secret';
  const hash = '516344fe097cb54273d189358bd158a25407b2cf483e848e2f015ba187eacc3c';
  const body = `{"company_id":1202,"producer":"shop","scope":"order/create","data":{"type":"order","id":"267227"},"hash":"${hash}"}`;

  it('hash, signature and whsec_ secret', () => {
    expect(payloadHash(secret, UNSIGNED)).toBe(hash);
    expect(buildWebhookRequest(secret, UNSIGNED, 'm', 1, 'ua').body).toBe(body);
    expect(standardSignature(secret, 'msg_0f1e2d3c4b5a69788796a5b4c3d2e1f0', 1795456800, body)).toBe('v1,wTOUl1Pz6gGk2yF+MLl/LFvtPDakUGNhdIrIZNeJNKo=');
    expect(standardWebhooksSecret(secret)).toBe('whsec_czNjcjN0LXNoYXJlZC1zZWNyZXQ=');
    expect(new Webhook('whsec_czNjcjN0LXNoYXJlZC1zZWNyZXQ=').sign('msg_0f1e2d3c4b5a69788796a5b4c3d2e1f0', new Date(1795456800_000), body)).toBe(
      'v1,wTOUl1Pz6gGk2yF+MLl/LFvtPDakUGNhdIrIZNeJNKo=',
    );
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
