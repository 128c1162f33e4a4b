// The month close's rates through the console API: everybody with the billing permission (and the operator)
// reads them; only a user with the platform operator role changes them (`billing.setRates`), checked field by
// field at the boundary and as a whole set in the store (nothing written on a bad value), audit-logged with
// the user's email and pushed as `billing.changed`.
import { afterEach, describe, expect, it } from 'vitest';
import type { PushedEvent } from '../../../../../src-shared/api/contract';
import { createConsoleService } from '../../../../../src-main/areas';
import { createMemoryPrefs } from '../../../../../src-main/console/prefs';
import { RATES_SETTING_KEY } from '../../../../../src-main/core/services/billing/billing-rates-store';
import { DEMO_OPERATOR_EMAIL, DEMO_PARTNER_EMAIL } from '../../../../../src-main/core/seed/demo-seed';
import { openTestPlatform } from '../../../../helpers/platform';
import { rejection } from '../../../../helpers/shop';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

async function setup(email: string) {
  const platform = openTestPlatform('demo');
  open.push(platform);
  const service = createConsoleService({ platform, prefs: createMemoryPrefs(), host: 'browser', platformUrl: 'http://127.0.0.1:4321' });
  const events: PushedEvent[] = [];
  service.onEvent((e) => events.push(e));
  await service.call('session.signIn', { userId: platform.repos.users.findByEmail(email)!.id });
  const stored = () => platform.repos.settings.get(RATES_SETTING_KEY);
  const audit = () => platform.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'billing.rates_changed' ORDER BY id").all() as { actor: string; detail: string }[];
  return { platform, service, events, stored, audit };
}

describe('billing.setRates', () => {
  it('the operator changes and resets rates; the change is stored, audit-logged with her email and pushed', async () => {
    const { service, events, stored, audit } = await setup(DEMO_OPERATOR_EMAIL);
    const before = await service.call('billing.rates', {});
    expect(before.every((r) => r.isDefault)).toBe(true);

    const after = await service.call('billing.setRates', { salesFeeBp: 450, paymentTermDays: 30 });
    const fee = after.find((r) => r.key === 'salesFeeBp')!;
    expect(fee).toMatchObject({ value: 450, display: '4.5 %', defaultDisplay: '5 %', isDefault: false });
    expect(after.find((r) => r.key === 'paymentTermDays')).toMatchObject({ value: 30, isDefault: false });
    expect(JSON.parse(stored()!)).toEqual({ salesFeeBp: 450, paymentTermDays: 30 });
    expect(events.filter((e) => e.name === 'billing.changed')).toHaveLength(1);
    expect(audit()).toHaveLength(1);
    expect(audit()[0].actor).toBe(`operator:${DEMO_OPERATOR_EMAIL}`);
    expect(JSON.parse(audit()[0].detail)).toEqual({
      changed: { salesFeeBp: { from: 500, to: 450 }, paymentTermDays: { from: 14, to: 30 } },
      reset: [],
    });

    const reset = await service.call('billing.setRates', { reset: ['salesFeeBp'] });
    expect(reset.find((r) => r.key === 'salesFeeBp')).toMatchObject({ value: 500, isDefault: true });
    expect(JSON.parse(stored()!)).toEqual({ paymentTermDays: 30 });
    expect(audit()).toHaveLength(2);
    // A partner reads what the operator set.
    expect((await service.call('billing.rates', {})).find((r) => r.key === 'paymentTermDays')!.display).toBe('30 days');
  });

  it('refuses a user without the operator role (even an administrator with the billing permission) and writes nothing', async () => {
    const { service, events, stored, audit } = await setup(DEMO_PARTNER_EMAIL);
    expect((await service.call('billing.rates', {})).length).toBeGreaterThan(0);
    for (const input of [{ salesFeeBp: 450 }, { reset: ['salesFeeBp' as const] }]) {
      const error = await rejection(service.call('billing.setRates', input));
      expect(error.code).toBe('forbidden');
      expect(error.details).toMatchObject({ reason: 'operator_role_required' });
      expect(error.message).toContain('platform operator');
    }
    expect(stored()).toBeUndefined();
    expect(audit()).toHaveLength(0);
    expect(events.filter((e) => e.name === 'billing.changed')).toHaveLength(0);
  });

  it('bad values name the field and write nothing: each value at the boundary, the whole set in the store', async () => {
    const { service, events, stored, audit } = await setup(DEMO_OPERATOR_EMAIL);
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ salesFeeBp: 10_001 }, { salesFeeBp: [expect.stringContaining('0 to 100')] }],
      [{ salesFeeBp: 4.5 }, { salesFeeBp: [expect.stringContaining('at most two decimals')] }],
      [{ salesFeeBp: '5' }, { salesFeeBp: [expect.stringContaining('percentage')] }],
      [{ paymentTermDays: 400 }, { paymentTermDays: [expect.stringContaining('0 to 365')] }],
      [{ sellerCountry: 'XX' }, { sellerCountry: [expect.stringContaining('country code')] }],
      [{ issuerName: '  ' }, { issuerName: ['must be 1 to 200 characters'] }],
      [{ salesFeeBp: 400, reset: ['salesFeeBp'] }, { reset: [expect.stringContaining('cannot both change and reset salesFeeBp')] }],
      [{ reset: ['nope'] }, { 'reset.0': [expect.stringContaining('rate keys')] }],
      [{ nope: 1, salesFeeBp: 450 }, { input: [expect.stringContaining('nope')] }],
      [{}, { input: ['change or reset at least one rate'] }],
      // The store's rule across values (checkRates): the Via Partner share must stay higher than the Direct one.
      [{ partnerShareDirectBp: 3000 }, { partnerShareManagedBp: [expect.stringContaining('higher than the revenue share for Direct clients')] }],
      [{ partnerShareManagedBp: 1500 }, { partnerShareManagedBp: [expect.stringContaining('higher than')] }],
      // The issuer's VAT-ID follows the platform's country.
      [{ sellerCountry: 'AT' }, { issuerVatId: [expect.stringContaining('must start with AT')] }],
    ];
    for (const [input, fields] of cases) {
      const error = await rejection(service.call('billing.setRates', input as never));
      expect(error.code, JSON.stringify(input)).toBe('validation_failed');
      expect(error.fields, JSON.stringify(input)).toEqual(fields);
    }
    expect(stored()).toBeUndefined();
    expect(audit()).toHaveLength(0);
    expect(events.filter((e) => e.name === 'billing.changed')).toHaveLength(0);
    // Both shares at once, in the right order, are fine.
    const ok = await service.call('billing.setRates', { partnerShareDirectBp: 3000, partnerShareManagedBp: 3500 });
    expect(ok.filter((r) => !r.isDefault).map((r) => r.key)).toEqual(['partnerShareDirectBp', 'partnerShareManagedBp']);
  });
});
