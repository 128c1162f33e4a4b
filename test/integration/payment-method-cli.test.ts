// The built CLI's `company payment-method show|set|remove` on a demo data folder: the masked view, a card and a
// SEPA mandate set from flags, bad input on one stderr line naming the flag with nothing written, remove only with
// --yes, and after a close `documents show` says how each invoice is charged (or that it awaits payment details).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSEMBLY } from '../../src-main/areas';
import { openCliPlatform } from '../../src-main/cli/stack';
import type { CloseResult, PaymentMethodView } from '../../src-shared/api/billing-types';
import { addMonths, monthOf } from '../../src-shared/domain/billing';
import { assertBuilt, runCli } from '../helpers/cli';
import { idOfCompany } from '../helpers/fixtures';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-payment-cli-');
const cli = (...args: string[]) => runCli([...args, '--data-dir', dir.path]);
const json = <T>(...args: string[]): T => {
  const run = cli(...args, '--json');
  expect(run, args.join(' ')).toMatchObject({ status: 0, stderr: '' });
  return JSON.parse(run.stdout) as T;
};
let kawaii = 0;
let alpen = 0;

beforeAll(() => {
  assertBuilt();
  const platform = openCliPlatform(ASSEMBLY, dir.path, 'demo');
  const id = (name: string) => idOfCompany(platform, name);
  kawaii = id('Kawaii Stationery KK');
  alpen = id('Alpenglück Naturkosmetik GmbH');
  platform.close();
});
afterAll(() => dir.remove());

describe('partnerdeck company payment-method', () => {
  it('show: the masked method on file, or none', () => {
    const shown = cli('company', 'payment-method', 'show', '--company', String(alpen));
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('Alpenglück Naturkosmetik GmbH (company');
    expect(shown.stdout).toContain('SEPA mandate …3201');
    expect(shown.stdout).toMatch(/AT …3201 · mandate ALP-0007 signed \d+ Jun \d{4} · Alpenglück Naturkosmetik GmbH/);
    const none = cli('company', 'payment-method', 'show', '--company', String(kawaii));
    expect(none.stdout).toContain('Kawaii Stationery KK (company');
    expect(none.stdout).toContain('no payment method on file');
    expect(none.stdout).toContain('awaiting payment details');
  });

  it('set: bad input is one line on stderr naming the flags, and nothing is written', () => {
    const bad = cli('company', 'payment-method', 'set', '--company', String(kawaii), '--card', '4242 4242 4242 4241', '--expiry', '01/20', '--holder', 'Yuki Tanaka');
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--card: has a wrong check digit (Luhn): look for a typo');
    expect(bad.stderr).toContain('--expiry: is in the past');
    const iban = cli('company', 'payment-method', 'set', '--company', String(kawaii), '--iban', 'DE17 3704 0044 0532 0144 11', '--mandate', 'K-1', '--signed', '2026-01-02', '--holder', 'Yuki');
    expect(iban.stderr).toBe('partnerdeck: --iban: has wrong check digits (mod 97): look for a typo\n');
    const both = cli('company', 'payment-method', 'set', '--company', String(kawaii), '--iban', 'DE16370400440532014411', '--card', '4242424242424242');
    expect(both.stderr).toBe('partnerdeck: set needs either --card (a card number) or --iban (a SEPA mandate)\n');
    expect(json<PaymentMethodView>('company', 'payment-method', 'show', '--company', String(kawaii)).method).toBeNull();
  });

  it('set: a card and a mandate, masked', () => {
    const card = cli('company', 'payment-method', 'set', '--company', String(kawaii), '--card', '3782 822463 10005', '--expiry', '11/39', '--holder', 'Yuki Tanaka');
    expect(card.status).toBe(0);
    expect(card.stdout).toContain('Saved: only American Express …0005 is kept, never the full number.');
    // The holder defaults to the company's name, the signing day to today by the platform clock.
    const mandate = json<PaymentMethodView>('company', 'payment-method', 'set', '--company', String(kawaii), '--iban', 'de16 3704 0044 0532 0144 11', '--mandate', 'KAWAII-01');
    expect(mandate.method).toMatchObject({ kind: 'sepa', ibanCountry: 'DE', ibanLast4: '4411', mandateReference: 'KAWAII-01', holder: 'Kawaii Stationery KK', signedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), updatedBy: 'operator' });
    expect(JSON.stringify(mandate)).not.toContain('370400440532');
  });

  it('remove needs --yes', () => {
    const refused = cli('company', 'payment-method', 'remove', '--company', String(kawaii));
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/^partnerdeck: remove needs --yes: company \d+'s next invoices and credit notes will say "awaiting payment details"\n$/);
    expect(json<PaymentMethodView>('company', 'payment-method', 'show', '--company', String(kawaii)).method).not.toBeNull();
    expect(json<PaymentMethodView>('company', 'payment-method', 'remove', '--company', String(kawaii), '--yes')).toMatchObject({ method: null, problem: 'missing' });
  });

  it('after a close, documents show says how each invoice is charged, or that it awaits payment details', () => {
    const month = addMonths(monthOf(Date.now()), -1);
    const preview = cli('close-month', month, '--preview');
    expect(preview.stdout).toContain('no usable payment method on file (Kawaii Stationery KK)');
    const closed = json<CloseResult>('close-month', month);
    const invoiceOf = (recipientId: number) => closed.issued.find((d) => d.type === 'invoice' && d.recipientId === recipientId)!;
    const kawaiiInvoice = cli('documents', 'show', invoiceOf(kawaii).number);
    expect(kawaiiInvoice.stdout).toContain('payment: Awaiting payment details: Kawaii Stationery KK has no payment method on file.');
    const alpenInvoice = cli('documents', 'show', invoiceOf(alpen).number);
    expect(alpenInvoice.stdout).toMatch(/payment: Debited from SEPA mandate …3201 on \d+ [A-Z][a-z]{2} \d{4} \(mandate reference ALP-0007\)\./);
  });
});
