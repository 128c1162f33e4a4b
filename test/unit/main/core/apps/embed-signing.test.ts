// The embedded-app hmac of spec §6 against an independent transcription of the source's C# sample (WebCrypto
// instead of node:crypto, btoa instead of Buffer, byte-by-byte hex as the sample's Aggregate does), the published
// test vector, and the signed URL: the Start URL's own query kept, UserID / CompanyID / hmac appended.
import { describe, expect, it } from 'vitest';
import { embedHmac, embedMessage, signedEmbedUrl } from '../../../../../src-main/core/apps/embed-signing';
import { embedSignedText, withEmbedQuery } from '../../../../../src-shared/domain/embedded-apps';

/**
 * The C# sample, step by step:
 *   sParams = "?UserID=" + QueryString["UserID"] + "&CompanyID=" + QueryString["CompanyID"];
 *   new HMACSHA256(Encoding.UTF8.GetBytes(SecretKey))
 *     .ComputeHash(Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(sParams))))
 *     .Aggregate("", (s, o) => s + String.Format("{0:x2}", o))
 */
async function csharpSample(secretKey: string, userId: string, companyId: string): Promise<string> {
  const sParams = '?UserID=' + userId + '&CompanyID=' + companyId;
  const utf8 = new TextEncoder();
  const paramBytes = utf8.encode(sParams);
  const base64 = btoa(String.fromCharCode(...paramBytes));
  const key = await crypto.subtle.importKey('raw', utf8.encode(secretKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8.encode(base64)));
  return [...mac].reduce((s, o) => s + o.toString(16).padStart(2, '0'), '');
}

/** The vector published in docs/embedded-apps.md. */
const VECTOR = {
  secret: 's3cr3t-shared-secret',
  userId: 42,
  companyId: 1202,
  text: '?UserID=42&CompanyID=1202',
  message: 'P1VzZXJJRD00MiZDb21wYW55SUQ9MTIwMg==',
  hmac: 'a151fb211a44a5644dfe77f08d7839a59691be9168a4b27ef84fd0ccd9fa445e',
};

describe('embedded-app hmac (spec §6)', () => {
  it('matches the published vector', () => {
    expect(embedSignedText(VECTOR.userId, VECTOR.companyId)).toBe(VECTOR.text);
    expect(embedMessage(VECTOR.userId, VECTOR.companyId)).toBe(VECTOR.message);
    expect(embedHmac(VECTOR.secret, VECTOR.userId, VECTOR.companyId)).toBe(VECTOR.hmac);
  });

  it('agrees with a transcription of the C# sample for many inputs, secrets with non-ASCII characters included', async () => {
    expect(await csharpSample(VECTOR.secret, '42', '1202')).toBe(VECTOR.hmac);
    const secrets = ['s3cr3t-shared-secret', 'Yb3-_kQ9vX0aLp2mN8rT4sW6uY1zC5eG7iJ9kM2oQ4s', 'grüße-秘密-🔑', 'x'];
    for (const secret of secrets) {
      for (const [userId, companyId] of [[1, 1], [7, 3], [12345, 67890], [9007199254740991, 2]]) {
        expect(embedHmac(secret, userId, companyId), `${secret} ${userId} ${companyId}`).toBe(await csharpSample(secret, String(userId), String(companyId)));
      }
    }
  });

  it('is lowercase hex of 32 bytes and changes with the user, the company and the secret', () => {
    const hmac = embedHmac(VECTOR.secret, 42, 1202);
    expect(hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(embedHmac(VECTOR.secret, 43, 1202)).not.toBe(hmac);
    expect(embedHmac(VECTOR.secret, 42, 1203)).not.toBe(hmac);
    expect(embedHmac(`${VECTOR.secret}!`, 42, 1202)).not.toBe(hmac);
  });
});

describe('the signed URL', () => {
  it('appends UserID, CompanyID and hmac to a Start URL without a query', () => {
    expect(signedEmbedUrl('https://app.example.com/embedded', VECTOR.secret, 42, 1202)).toBe(
      `https://app.example.com/embedded?UserID=42&CompanyID=1202&hmac=${VECTOR.hmac}`,
    );
    expect(signedEmbedUrl('http://127.0.0.1:3000', VECTOR.secret, 42, 1202)).toBe(`http://127.0.0.1:3000?UserID=42&CompanyID=1202&hmac=${VECTOR.hmac}`);
  });

  it("keeps the Start URL's own parameters byte for byte, in order, before the console's", () => {
    expect(withEmbedQuery('https://app.example/x?lang=de&q=a%20b+c&flag&empty=', { userId: 1, companyId: 2, hmac: 'ff' })).toBe(
      'https://app.example/x?lang=de&q=a%20b+c&flag&empty=&UserID=1&CompanyID=2&hmac=ff',
    );
    expect(withEmbedQuery('https://app.example/x?', { userId: 1, companyId: 2, hmac: 'ff' })).toBe('https://app.example/x?UserID=1&CompanyID=2&hmac=ff');
  });

  it('drops UserID, CompanyID or hmac the Start URL already carries (also percent-encoded), so the app reads the console values', () => {
    expect(withEmbedQuery('https://app.example/?UserID=999&a=1&%43ompanyID=5&hmac=bad&hmacx=keep', { userId: 1, companyId: 2, hmac: 'ff' })).toBe(
      'https://app.example/?a=1&hmacx=keep&UserID=1&CompanyID=2&hmac=ff',
    );
  });

  it('leaves the hmac out for the missing-hmac variant and encodes anything unusual', () => {
    expect(withEmbedQuery('https://app.example/', { userId: 1, companyId: 2, hmac: null })).toBe('https://app.example/?UserID=1&CompanyID=2');
    expect(withEmbedQuery('https://app.example/', { userId: 'a b', companyId: '&', hmac: 'x=y' })).toBe('https://app.example/?UserID=a%20b&CompanyID=%26&hmac=x%3Dy');
  });

  it('keeps a fragment after the query', () => {
    expect(withEmbedQuery('https://app.example/#/home', { userId: 1, companyId: 2, hmac: 'ff' })).toBe('https://app.example/?UserID=1&CompanyID=2&hmac=ff#/home');
  });
});
