// The built CLI's App Store commands on a demo data folder: the operator's review queue, approving into
// Beta or Release and rejecting with a reason (--json for scripts), one clear line on stderr and a non-zero
// exit for bad input or a refused step, and `user operator` giving and taking the role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '../../src-main/core/access';
import { DEMO_PARTNER_EMAIL } from '../../src-main/core/seed/demo-seed';
import { assertBuilt, runCli } from '../helpers/cli';
import { openTestPlatform, tempDir } from '../helpers/platform';

const dir = tempDir('pd-store-cli-');
const cli = (...args: string[]) => runCli([...args, '--data-dir', dir.path]);

beforeAll(() => {
  assertBuilt();
  // The demo (with its App Store) on this folder; the CLI then opens the same files.
  openTestPlatform('demo', { path: dir.path, remove: () => undefined }).close();
});
afterAll(() => dir.remove());

describe('partnerdeck app review / approve / reject', () => {
  it('lists the listing waiting for review, and every listing with --all', () => {
    const pending = JSON.parse(cli('app', 'review', '--json').stdout) as { id: number; name: string; approval: string; latest_request: { message: string } }[];
    expect(pending.map((a) => [a.name, a.approval])).toEqual([['Newsletter Bridge', 'pending']]);
    expect(pending[0].latest_request.message).toBe('First submission: please review.');
    const all = JSON.parse(cli('app', 'review', '--all', '--json').stdout) as { name: string; visibility: string }[];
    expect(Object.fromEntries(all.map((a) => [a.name, a.visibility]))).toMatchObject({ 'Parcel Pilot': 'release', 'Review Radar': 'beta', 'Label Printer': 'development' });
    expect(cli('app', 'review').stdout).toMatch(/Newsletter Bridge .*Waiting for approval/);
  });

  it('refuses bad input with one line naming the flag, and a step the state machine does not allow', () => {
    const [id] = (JSON.parse(cli('app', 'review', '--json').stdout) as { id: number }[]).map((a) => a.id);
    expect(cli('app', 'approve', '--app', String(id))).toMatchObject({ status: 2, stderr: 'partnerdeck: choose one of --beta or --release\n' });
    expect(cli('app', 'approve', '--app', 'x', '--beta')).toMatchObject({ status: 2, stderr: 'partnerdeck: --app must be a positive whole number (got "x")\n' });
    expect(cli('app', 'reject', '--app', String(id), '--reason', ' ')).toMatchObject({ status: 2, stderr: 'partnerdeck: --reason: is required: tell the developer what to change\n' });
    expect(cli('app', 'approve', '--app', '999', '--beta')).toMatchObject({ status: 2, stderr: 'partnerdeck: --app: App 999 was not found.\n' });
    const labelPrinter = (JSON.parse(cli('app', 'review', '--all', '--json').stdout) as { id: number; name: string }[]).find((a) => a.name === 'Label Printer')!;
    expect(cli('app', 'reject', '--app', String(labelPrinter.id), '--reason', 'No')).toMatchObject({ status: 2, stderr: 'partnerdeck: Only a pending approval request can be rejected.\n' });
    expect(cli('app', 'approve', '--help').stdout).toContain('--release');
  });

  it('rejects with a reason, and (after a new request) approves into Release', () => {
    const [id] = (JSON.parse(cli('app', 'review', '--json').stdout) as { id: number }[]).map((a) => a.id);
    const rejected = JSON.parse(cli('app', 'reject', '--app', String(id), '--reason', 'Add a privacy policy link.', '--json').stdout);
    expect(rejected).toMatchObject({ id, approval: 'rejected', visibility: 'development', latest_request: { decision: 'rejected', reason: 'Add a privacy policy link.', decided_by: 'operator' } });
    expect(JSON.parse(cli('app', 'review', '--json').stdout)).toEqual([]);

    const platform = openTestPlatform('none', { path: dir.path, remove: () => undefined });
    try {
      const row = platform.repos.apps.get(id)!;
      const developer = platform.repos.users.listByCompany(row.company_id).find((u) => u.is_admin === 1)!;
      platform.myApps.requestApproval(userActor(developer), { companyId: row.company_id, appId: id, message: 'Added it.' });
    } finally {
      platform.close();
    }
    const approved = cli('app', 'approve', '--app', String(id), '--release', '--note', 'Welcome!');
    expect(approved).toMatchObject({ status: 0, stdout: `approved app ${id}: Newsletter Bridge (Pixel & Paper Studio Ltd) is now in Release\n` });
  });
});

describe('partnerdeck user operator', () => {
  it('gives and takes the platform operator role', () => {
    expect(JSON.parse(cli('user', 'operator', '--email', DEMO_PARTNER_EMAIL, '--json').stdout)).toMatchObject({ email: DEMO_PARTNER_EMAIL, is_operator: true });
    expect(cli('user', 'operator', '--email', DEMO_PARTNER_EMAIL, '--revoke').stdout).toBe(`${DEMO_PARTNER_EMAIL} is no longer a platform operator\n`);
    expect(cli('user', 'operator', '--email', 'nobody@example.com')).toMatchObject({ status: 2, stderr: 'partnerdeck: --email nobody@example.com: no such user\n' });
  });
});
