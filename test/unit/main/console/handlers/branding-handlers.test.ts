// White label through the console (the methods the renderer calls): the logo (upload, hostile and bad files,
// nothing stored on a refusal, remove), who sees it (the partner's users and every user of its clients), the
// admin domain in the welcome email and the session, the CNAME target setting, the partner duties word for word,
// and finding a company by its token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CNAME_TARGET, LOGO_LIMITS, PARTNER_DUTIES } from '../../../../../src-shared/domain/white-label';
import { HOSTILE_SVG, PLAIN_SVG, pngOf } from '../../../../helpers/logos';
import { SCRYPT_TEST_TIMEOUT } from '../../../../helpers/platform';
import { rejection } from '../../../../helpers/fixtures';
import { openConsoleForTest } from '../../../../helpers/console-service';

const setup = () => openConsoleForTest({ platformUrl: 'http://127.0.0.1:1' });

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64');

describe('the partner logo', { timeout: 30_000 }, () => {
  it('is uploaded by the partner, shown to its users and to every user of its clients, and removed again', async () => {
    const { service, id, userId, platform } = setup();
    const partnerId = (await service.call('session.get', {})).home!.id;
    expect((await service.call('branding.get', { companyId: partnerId })).logo).toBeNull();
    const uploaded = await service.call('branding.setLogo', { companyId: partnerId, fileName: 'northwind.png', dataBase64: b64(pngOf(240, 60)) });
    expect(uploaded.removed).toEqual([]);
    expect(uploaded.whiteLabel.logo).toMatchObject({ mime: 'image/png', width: 240, height: 60, fileName: 'northwind.png' });
    const session = await service.call('session.get', {});
    expect(session.brand).toMatchObject({ partnerId, logoVersion: uploaded.whiteLabel.logo!.sha256 });
    expect((await service.call('branding.logo', {})).logo?.dataUrl).toBe(uploaded.whiteLabel.logo!.dataUrl);

    // A client's own user: the partner's brand, and the very same logo.
    const anna = await service.call('session.signIn', { userId: userId('anna@alpenglueck.example') });
    expect(anna.home?.id).toBe(id('Alpenglück Naturkosmetik GmbH'));
    expect(anna.brand).toMatchObject({ partnerId, partnerName: 'Northwind Commerce Partners GmbH', logoVersion: uploaded.whiteLabel.logo!.sha256 });
    expect((await service.call('branding.logo', {})).logo?.sha256).toBe(uploaded.whiteLabel.logo!.sha256);
    // ...who cannot change it.
    expect((await rejection(service.call('branding.setLogo', { companyId: partnerId, fileName: 'x.png', dataBase64: b64(pngOf(20, 20)) }))).code).toBe('not_found');

    // An independent company's user sees the platform's logo.
    const independent = platform.db.prepare('SELECT u.id FROM users u JOIN companies c ON c.id = u.company_id WHERE c.partner_id IS NULL AND c.is_partner = 0 LIMIT 1').pluck().get() as number | undefined;
    if (independent !== undefined) {
      expect((await service.call('session.signIn', { userId: independent })).brand).toBeNull();
      expect((await service.call('branding.logo', {})).logo).toBeNull();
    }

    await service.call('session.signIn', { userId: userId('dana@northwind-partners.example') });
    const removed = await service.call('branding.removeLogo', { companyId: partnerId });
    expect(removed.logo).toBeNull();
    expect((await service.call('session.get', {})).brand?.logoVersion).toBeNull();
  });

  it('stores a hostile SVG only as an inert drawing and says what it took out', async () => {
    const { service } = setup();
    const partnerId = (await service.call('session.get', {})).home!.id;
    const result = await service.call('branding.setLogo', { companyId: partnerId, fileName: 'evil.svg', dataBase64: b64(HOSTILE_SVG) });
    expect(result.removed).toEqual(['onload event handler', '<script> element', '<a> element', '<image> element']);
    const stored = Buffer.from(result.whiteLabel.logo!.dataUrl.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString('utf8');
    expect(stored).not.toMatch(/script|onload|javascript|127\.0\.0\.1|<image/);
    expect(stored).toContain('<rect width="50" height="50" fill="#7c3aed"/>');
  });

  it('refuses bad files with a sentence naming the file and the field, and keeps the logo it had', async () => {
    const { service, platform } = setup();
    const partnerId = (await service.call('session.get', {})).home!.id;
    await service.call('branding.setLogo', { companyId: partnerId, fileName: 'good.svg', dataBase64: b64(PLAIN_SVG) });
    const before = (await platform.repos.partnerLogos.get(partnerId))!;
    const cases: [string, string, string][] = [
      ['logo.png', b64('<html><body>not a png</body></html>'), 'logo.png is an HTML page; upload a PNG, JPEG, WebP or SVG file'],
      ['huge.png', b64(Buffer.concat([pngOf(20, 20), Buffer.alloc(LOGO_LIMITS.maxBytes)])), 'huge.png is 512.1 KB; a logo may be at most 512 KB'],
      ['cut.png', b64(pngOf(64, 64).subarray(0, 80)), 'cut.png is damaged or incomplete: it is not a readable PNG image'],
      ['xxe.svg', b64('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">&x;</svg>'), 'xxe.svg has a DOCTYPE or entity declarations; save it as plain SVG without them'],
    ];
    for (const [fileName, dataBase64, message] of cases) {
      const error = await rejection(service.call('branding.setLogo', { companyId: partnerId, fileName, dataBase64 }));
      expect(error.code).toBe('validation_failed');
      expect(error.fields).toEqual({ file: [message] });
    }
    const tooBig = await rejection(service.call('branding.setLogo', { companyId: partnerId, fileName: 'x.png', dataBase64: 'A'.repeat(1_000_000) }));
    expect(tooBig.fields.dataBase64?.[0]).toMatch(/^is larger than 512 KB/);
    expect((await rejection(service.call('branding.setLogo', { companyId: partnerId, fileName: 'x.png', dataBase64: '!!!' }))).fields).toEqual({ dataBase64: ['is not base64'] });
    expect(await platform.repos.partnerLogos.get(partnerId)).toEqual(before);
  });

  it('is for partners, as Self', async () => {
    const { service, id } = setup();
    const client = id('Nordlys Outdoor AS');
    expect((await rejection(service.call('branding.get', { companyId: client }))).fields).toEqual({ companyId: ['is not a partner: a white label is for partners'] });
    await service.call('session.switch', { companyId: client });
    const partnerId = (await service.call('session.get', {})).home!.id;
    expect((await rejection(service.call('branding.setLogo', { companyId: partnerId, fileName: 'a.png', dataBase64: b64(pngOf(20, 20)) }))).code).toBe('forbidden');
  });
});

describe('the admin domain and its CNAME target', { timeout: 30_000 }, () => {
  it("is the login link of the welcome emails to the partner's clients' new users", { timeout: SCRYPT_TEST_TIMEOUT }, async () => {
    const { service, id, platform } = setup();
    const partnerId = (await service.call('session.get', {})).home!.id;
    const client = id('Nordlys Outdoor AS');
    const welcome = async (email: string) => {
      await service.call('users.create', { companyId: client, email, name: 'Nina', password: 'S3cret-pass-1', permissions: ['orders'], sendWelcomeEmail: true });
      return platform.outbox.list({ kind: 'operator', label: 'test' }, 50).find((m) => m.to === email)!.body;
    };
    expect(await welcome('before@nordlys.example')).toContain('Admin interface: http://127.0.0.1 (PartnerDeck on this computer)');
    await service.call('companies.update', { companyId: partnerId, adminDomain: 'Admin.Northwind-Partners.example' });
    const body = await welcome('after@nordlys.example');
    expect(body).toContain('  Admin interface: https://admin.northwind-partners.example/\n');
    expect((await service.call('session.get', {})).brand?.adminDomain).toBe('admin.northwind-partners.example');
    expect((await service.call('branding.get', { companyId: partnerId })).adminUrl).toBe('https://admin.northwind-partners.example/');
  });

  it('points at the platform admin host of the seed, which only the operator changes', async () => {
    const { service, userId } = setup();
    const partnerId = (await service.call('session.get', {})).home!.id;
    expect((await service.call('branding.get', { companyId: partnerId })).cnameTarget).toBe(DEFAULT_CNAME_TARGET);
    expect(DEFAULT_CNAME_TARGET).toBe('admin.flickrocket.com');
    expect((await rejection(service.call('branding.setCnameTarget', { cnameTarget: 'admin.other.example' }))).code).toBe('forbidden');
    await service.call('session.signIn', { userId: userId('olivia@platform-operations.example') });
    expect((await rejection(service.call('branding.setCnameTarget', { cnameTarget: 'not a host' }))).fields).toEqual({ cnameTarget: ['is not a host name (e.g. admin.example.com)'] });
    expect((await service.call('branding.setCnameTarget', { cnameTarget: 'Admin.Other.example' })).cnameTarget).toBe('admin.other.example');
    expect((await service.call('branding.setCnameTarget', { cnameTarget: null })).cnameTarget).toBe(DEFAULT_CNAME_TARGET);
  });
});

describe('partner duties', () => {
  it("are the seed's four partner requirements, word for word", () => {
    const seed = readFileSync(join(__dirname, '../../../../../../shared/seeds/000_3ca94aabf2ee0d60.txt'), 'utf8');
    const section = seed.slice(seed.indexOf('Partner requirements'), seed.indexOf('We look forward to working with you.'));
    const bullets = section.split('\n').filter((line) => line.trim().startsWith('•')).map((line) => line.trim().replace(/^•\s*/, '').trim());
    expect(bullets).toHaveLength(4);
    expect([...PARTNER_DUTIES]).toEqual(bullets);
  });
});

describe('the company token', { timeout: 30_000 }, () => {
  it("finds the company in the companies list, by the token filter and by search, only within the partner's reach", async () => {
    const { service, id, platform } = setup();
    const nordlys = id('Nordlys Outdoor AS');
    await service.call('companies.update', { companyId: nordlys, token: 'ERP-10442' });
    expect((await service.call('companies.list', { token: 'ERP-10442' })).map((c) => [c.id, c.token])).toEqual([[nordlys, 'ERP-10442']]);
    expect((await service.call('companies.list', { search: 'erp-104' })).map((c) => c.id)).toEqual([nordlys]);
    expect(await service.call('companies.list', { token: 'ERP-1044' })).toEqual([]);
    expect((await rejection(service.call('companies.list', { token: '  ' }))).fields).toEqual({ token: ['must not be empty'] });
    // A token of a company outside the partner's reach finds nothing.
    const other = platform.db.prepare('SELECT id FROM companies WHERE partner_id IS NULL AND is_partner = 0 LIMIT 1').pluck().get() as number | undefined;
    if (other !== undefined) {
      platform.db.prepare("UPDATE companies SET token = 'FOREIGN-1' WHERE id = ?").run(other);
      expect(await service.call('companies.list', { token: 'FOREIGN-1' })).toEqual([]);
    }
  });
});
