// The embed checker's rules (variants, what a correct app does, the 2xx / 401-403 convention and the verdicts),
// origins of Start URLs, and browser mode's wrapper path (built by the console, parsed by the host).
import { describe, expect, it } from 'vitest';
import { embedFramePath, parseEmbedFramePath } from '../../../../src-shared/api/embed-frame';
import {
  EMBED_CHECK_EXPECTED,
  EMBED_CHECK_VARIANTS,
  classifyEmbedStatus,
  embedCheckPassed,
  embedCheckVerdict,
  httpOrigin,
  tamperedHmac,
} from '../../../../src-shared/domain/embedded-apps';

describe('checker classification', () => {
  it('reads 2xx as accepted, 401 and 403 as rejected, anything else as unclear', () => {
    for (const status of [200, 201, 204, 299]) expect(classifyEmbedStatus(status), String(status)).toBe('accepted');
    for (const status of [401, 403]) expect(classifyEmbedStatus(status), String(status)).toBe('rejected');
    for (const status of [100, 301, 302, 303, 400, 404, 405, 418, 500, 502]) expect(classifyEmbedStatus(status), String(status)).toBe('unclear');
  });

  it('passes a correct app: the valid request accepted, every other one rejected', () => {
    expect(EMBED_CHECK_VARIANTS).toEqual(['valid', 'wrong-hmac', 'swapped-company', 'missing-hmac']);
    expect(EMBED_CHECK_EXPECTED).toEqual({ valid: 'accept', 'wrong-hmac': 'reject', 'swapped-company': 'reject', 'missing-hmac': 'reject' });
    expect(embedCheckPassed('valid', 'accepted')).toBe(true);
    expect(embedCheckPassed('valid', 'rejected')).toBe(false);
    for (const variant of ['wrong-hmac', 'swapped-company', 'missing-hmac'] as const) {
      expect(embedCheckPassed(variant, 'rejected')).toBe(true);
      expect(embedCheckPassed(variant, 'accepted')).toBe(false);
      expect(embedCheckPassed(variant, 'unclear')).toBeNull();
      expect(embedCheckPassed(variant, 'unreachable')).toBeNull();
    }
  });

  it('explains each problem in a line the developer can act on', () => {
    expect(embedCheckVerdict('wrong-hmac', 'accepted', 200)).toBe('The app accepted a wrong hmac: it does not verify the signature.');
    expect(embedCheckVerdict('swapped-company', 'accepted', 200)).toContain('made for another company');
    expect(embedCheckVerdict('missing-hmac', 'accepted', 200)).toContain('without any hmac');
    expect(embedCheckVerdict('valid', 'rejected', 401)).toContain('rejected a correctly signed request');
    expect(embedCheckVerdict('valid', 'accepted', 200)).toBe('Accepted, as it should be.');
    expect(embedCheckVerdict('wrong-hmac', 'rejected', 403)).toBe('Rejected, as it should be.');
    expect(embedCheckVerdict('wrong-hmac', 'unclear', 302)).toContain('redirected (HTTP 302)');
    expect(embedCheckVerdict('wrong-hmac', 'unclear', 500)).toContain('answered HTTP 500');
    expect(embedCheckVerdict('valid', 'unreachable', null)).toContain('did not answer');
  });

  it('tampers an hmac without changing its length', () => {
    const hmac = 'a151fb211a44a5644dfe77f08d7839a59691be9168a4b27ef84fd0ccd9fa445e';
    expect(tamperedHmac(hmac)).toHaveLength(64);
    expect(tamperedHmac(hmac)).not.toBe(hmac);
    expect(tamperedHmac(hmac).slice(1)).toBe(hmac.slice(1));
    expect(tamperedHmac('0abc')).toBe('1abc');
  });
});

describe('Start URL origins', () => {
  it('are scheme, host and port, lower-cased, without default ports', () => {
    expect(httpOrigin('http://127.0.0.1:3000/embedded?x=1')).toBe('http://127.0.0.1:3000');
    expect(httpOrigin('HTTPS://App.Example.com:443/x')).toBe('https://app.example.com');
    expect(httpOrigin('http://localhost:80')).toBe('http://localhost');
    expect(httpOrigin('https://app.example.com:8443?q')).toBe('https://app.example.com:8443');
    expect(httpOrigin('http://[::1]:3000/')).toBe('http://[::1]:3000');
    expect(httpOrigin('ftp://example.com/')).toBeNull();
    expect(httpOrigin('http://user@example.com/')).toBeNull();
    expect(httpOrigin('not a url')).toBeNull();
  });
});

describe("browser mode's wrapper path", () => {
  const params = (path: string) => new URLSearchParams(path.split('?')[1]);
  it('round-trips an ordinary open and a checker variant', () => {
    const plain = embedFramePath({ appId: 7, companyId: 3, check: null });
    expect(plain).toBe('/embed/7?companyId=3');
    expect(parseEmbedFramePath('/embed/7', params(plain))).toEqual({ appId: 7, companyId: 3, check: null });
    const check = embedFramePath({ appId: 7, companyId: 3, check: { userId: 12, variant: 'swapped-company', otherCompanyId: 4 } });
    expect(check).toBe('/embed/7?companyId=3&userId=12&variant=swapped-company&otherCompanyId=4');
    expect(parseEmbedFramePath('/embed/7', params(check))).toEqual({ appId: 7, companyId: 3, check: { userId: 12, variant: 'swapped-company', otherCompanyId: 4 } });
  });

  it('refuses anything else', () => {
    const p = (query: string) => new URLSearchParams(query);
    expect(parseEmbedFramePath('/embed/x', p('companyId=3'))).toBeNull();
    expect(parseEmbedFramePath('/embed/7/', p('companyId=3'))).toBeNull();
    expect(parseEmbedFramePath('/embed/07', p('companyId=3'))).toBeNull();
    expect(parseEmbedFramePath('/embed/7', p(''))).toBeNull();
    expect(parseEmbedFramePath('/embed/7', p('companyId=3&variant=evil&userId=1'))).toBeNull();
    expect(parseEmbedFramePath('/embed/7', p('companyId=3&variant=valid'))).toBeNull();
    expect(parseEmbedFramePath('/embed/7', p('companyId=3&variant=valid&userId=1&otherCompanyId=x'))).toBeNull();
    expect(parseEmbedFramePath('/other/7', p('companyId=3'))).toBeNull();
  });
});
