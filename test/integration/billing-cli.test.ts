// The built CLI's month close on a demo data folder (seeded with the real clock, so last month has ended):
// `close-month` (help, bad months named on one stderr line, a preview that writes nothing, a close that issues
// documents once), `documents show|pdf|correct` (a correction is a new document referencing the original) and
// `billing rates` (--set with good and bad values, --reset).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSEMBLY } from '../../src-main/areas';
import { openCliPlatform } from '../../src-main/cli/stack';
import type { BillingDocument, ClosePreview, CloseResult, DocumentPage, RateView } from '../../src-shared/api/billing-types';
import { addMonths, monthOf } from '../../src-shared/domain/billing';
import { assertBuilt, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-billing-cli-');
const cli = (...args: string[]) => runCli([...args, '--data-dir', dir.path]);
const json = <T>(...args: string[]): T => {
  const run = cli(...args, '--json');
  expect(run, args.join(' ')).toMatchObject({ status: 0, stderr: '' });
  return JSON.parse(run.stdout) as T;
};
// The demo's orders are relative to today: last month has ended by the platform clock and has sales.
const month = addMonths(monthOf(Date.now()), -1);

beforeAll(() => {
  assertBuilt();
  openCliPlatform(ASSEMBLY, dir.path, 'demo').close();
});
afterAll(() => dir.remove());

describe('partnerdeck close-month', () => {
  it('has help', () => {
    const help = cli('close-month', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: partnerdeck close-month [options] <month>');
    expect(help.stdout).toContain('--preview');
  });

  it('refuses a bad month with one line on stderr naming the argument', () => {
    for (const bad of ['2026-13', 'abc']) {
      const run = cli('close-month', bad);
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`partnerdeck: <month> must be a month as YYYY-MM, e.g. 2026-10 (got "${bad}")\n`);
    }
    const none = cli('close-month');
    expect(none.status).not.toBe(0);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toBe('partnerdeck: close-month needs <month>, e.g. `partnerdeck close-month 2026-10 --preview`\n');
  });

  it('--preview writes nothing: a second preview is identical and no document exists', () => {
    const first = cli('close-month', month, '--preview', '--json');
    expect(first.status).toBe(0);
    const preview = JSON.parse(first.stdout) as ClosePreview;
    expect(preview).toMatchObject({ month, closable: true });
    expect(preview.documents.length).toBeGreaterThan(0);
    expect(cli('close-month', month, '--preview', '--json').stdout).toBe(first.stdout);
    expect(json<DocumentPage>('documents', 'list')).toMatchObject({ items: [], total: 0 });
  });

  it('closes the month once: documents are issued, a second run says alreadyClosed and issues nothing', () => {
    const preview = json<ClosePreview>('close-month', month, '--preview');
    const closed = json<CloseResult>('close-month', month);
    expect(closed).toMatchObject({ month, alreadyClosed: false });
    expect(closed.issued).toHaveLength(preview.documents.length);
    expect(closed.issued.map((d) => d.number)).toContainEqual(expect.stringMatching(/^PD-INV-\d{4}-000001$/));
    const total = json<DocumentPage>('documents', 'list', '--limit', '500').total;
    expect(total).toBe(closed.issued.length);

    const again = json<CloseResult>('close-month', month);
    expect(again).toMatchObject({ month, alreadyClosed: true, issued: [], closeId: null });
    expect(again.existing).toHaveLength(closed.issued.length);
    expect(json<DocumentPage>('documents', 'list', '--limit', '500').total).toBe(total);
    expect(cli('close-month', month).stdout).toMatch(/already closed/i);
  });
});

describe('partnerdeck documents', () => {
  const firstInvoice = () => json<DocumentPage>('documents', 'list', '--type', 'invoice', '--month', month).items.find((d) => /^PD-INV-\d{4}-000001$/.test(d.number))!;

  it('show: the document by number, with its lines', () => {
    const invoice = firstInvoice();
    const doc = json<BillingDocument>('documents', 'show', invoice.number);
    expect(doc).toMatchObject({ id: invoice.id, number: invoice.number, type: 'invoice', month });
    expect(doc.sections.flatMap((section) => section.lines).length).toBeGreaterThan(0);
    expect(cli('documents', 'show', invoice.number).stdout).toContain(invoice.number);
    expect(cli('documents', 'show', 'PD-INV-1999-000001')).toMatchObject({ status: 2, stderr: 'partnerdeck: no document PD-INV-1999-000001 (see partnerdeck documents list)\n' });
  });

  it('pdf: writes a PDF file', () => {
    const invoice = firstInvoice();
    const out = join(dir.path, 'invoice.pdf');
    const written = json<{ file: string; bytes: number }>('documents', 'pdf', invoice.number, '--out', out);
    expect(written.file).toBe(out);
    const bytes = readFileSync(out);
    expect(bytes.length).toBe(written.bytes);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  it('correct: a new document in the same sequence referencing the original; bad input is named', () => {
    const invoice = firstInvoice();
    const before = json<DocumentPage>('documents', 'list', '--limit', '500').total;
    const correction = json<BillingDocument>('documents', 'correct', invoice.number, '--type', 'credit_note', '--amount', '5.00', '--reason', 'Fee charged twice');
    expect(correction.id).not.toBe(invoice.id);
    expect(correction).toMatchObject({ type: 'credit_note', correctsDocumentId: invoice.id, correctsNumber: invoice.number });
    expect(json<DocumentPage>('documents', 'list', '--limit', '500').total).toBe(before + 1);
    // The original is unchanged and lists its correction.
    const original = json<BillingDocument>('documents', 'show', invoice.number);
    expect(original.grossMinor).toBe(invoice.grossMinor);
    expect(original.corrections.map((c) => c.number)).toEqual([correction.number]);

    const bad = cli('documents', 'correct', invoice.number, '--type', 'refund', '--amount', '5', '--reason', 'x');
    expect(bad).toMatchObject({ status: 2, stderr: 'partnerdeck: --type must be invoice or credit_note (got "refund")\n' });
    const amount = cli('documents', 'correct', invoice.number, '--type', 'invoice', '--amount', 'abc', '--reason', 'x');
    expect(amount.status).toBe(2);
    expect(amount.stderr).toMatch(/^partnerdeck: --amount must be a positive amount in [A-Z]{3}, e\.g\. 12\.50 \(got "abc"\)\n$/);
    expect(json<DocumentPage>('documents', 'list', '--limit', '500').total).toBe(before + 1);
  });
});

describe('partnerdeck billing rates', () => {
  const rate = (views: RateView[], key: string) => views.find((v) => v.key === key)!;

  it('--set changes a rate, a bad value is refused naming it and nothing changes, --reset goes back to the default', () => {
    expect(rate(json<RateView[]>('billing', 'rates'), 'salesFeeBp')).toMatchObject({ value: 500, isDefault: true });

    const set = json<RateView[]>('billing', 'rates', '--set', 'salesFeeBp=4.5', '--set', 'paymentTermDays=30');
    expect(rate(set, 'salesFeeBp')).toMatchObject({ value: 450, display: '4.5 %', isDefault: false });
    expect(rate(set, 'paymentTermDays')).toMatchObject({ value: 30, isDefault: false });
    expect(cli('billing', 'rates').stdout).toMatch(/salesFeeBp .*4\.5 % .*5 %/);

    const unparsable = cli('billing', 'rates', '--set', 'salesFeeBp=lots');
    expect(unparsable).toMatchObject({ status: 2, stderr: expect.stringMatching(/^partnerdeck: --set salesFeeBp: "lots" is not a valid value/) });
    expect(unparsable.stderr.trim().split('\n')).toHaveLength(1);
    const rule = cli('billing', 'rates', '--set', 'partnerShareDirectBp=40');
    expect(rule.status).not.toBe(0);
    expect(rule.stderr.trim().split('\n')).toHaveLength(1);
    expect(rule.stderr).toContain('partnerShareManagedBp');
    expect(rule.stderr).toContain('must be higher than the revenue share for Direct clients');
    const unknown = cli('billing', 'rates', '--set', 'nope=1');
    expect(unknown).toMatchObject({ status: 2, stderr: expect.stringMatching(/^partnerdeck: --set needs KEY=VALUE with a key of: salesFeeBp, .*\(got "nope=1"\)\n$/) });
    const after = json<RateView[]>('billing', 'rates');
    expect(rate(after, 'salesFeeBp').value).toBe(450);
    expect(rate(after, 'partnerShareDirectBp').value).toBe(2000);

    const reset = json<RateView[]>('billing', 'rates', '--reset', 'salesFeeBp');
    expect(rate(reset, 'salesFeeBp')).toMatchObject({ value: 500, isDefault: true });
    expect(rate(reset, 'paymentTermDays').value).toBe(30);
    expect(cli('billing', 'rates', '--reset', 'nope')).toMatchObject({ status: 2, stderr: expect.stringContaining('--reset needs a key of') });
    expect(json<RateView[]>('billing', 'rates', '--reset-all').every((v) => v.isDefault)).toBe(true);
    expect(cli('billing', 'rates', '--help').stdout).toContain('--set <KEY=VALUE>');
  });
});
