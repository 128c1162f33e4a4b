// On a team server (`serve --console`) the platform clock and hosted-compatibility mode are every team's: moving the
// clock and switching strict mode are for the platform operator only, refused to a partner's administrator in words
// that name who may and the server's command. In the desktop or browser mode (one person's platform) nothing changes.
import { describe, expect, it } from 'vitest';
import { DEMO_OPERATOR_EMAIL, DEMO_PARTNER_EMAIL } from '../../../../src-main/core/seed/demo-seed';
import { openConsoleForTest } from '../../../helpers/console-service';
import { rejection } from '../../../helpers/fixtures';

describe('team-wide changes on a team server', () => {
  it("refuses a partner's administrator moving the clock or switching strict mode, changing nothing", async () => {
    const { service, platform } = openConsoleForTest({ teamUser: DEMO_PARTNER_EMAIL });
    const before = platform.clock.now();
    const clock = await rejection(service.call('clock.advance', { duration: '1h' }));
    expect(clock.code).toBe('forbidden');
    expect(clock.details).toMatchObject({ reason: 'team_wide_change' });
    expect(clock.message).toBe(
      "On a team server moving the platform clock changes it for every team on the server, so it is for the platform operator only. Ask your server's administrator (`partnerdeck clock advance 1h` on the server).",
    );
    expect(platform.clock.now() - before).toBeLessThan(60_000);
    const strict = await rejection(service.call('compatibility.set', { strict: true }));
    expect(strict.code).toBe('forbidden');
    expect(strict.message).toContain('switching hosted-compatibility mode changes it for every team');
    expect(strict.message).toContain('`partnerdeck serve --console --strict` on the server');
    expect(platform.compatibility.strict()).toBe(false);
  });

  it('lets the platform operator do both on a team server', async () => {
    const { service, platform } = openConsoleForTest({ teamUser: DEMO_OPERATOR_EMAIL });
    const before = platform.clock.now();
    await service.call('clock.advance', { duration: '1h' });
    expect(platform.clock.now() - before).toBeGreaterThanOrEqual(3_600_000);
    await expect(service.call('compatibility.set', { strict: true })).resolves.toMatchObject({ strict: true });
  });

  it("leaves one person's platform as it was: the partner's administrator moves the clock in browser mode", async () => {
    const { service, platform, signIn } = openConsoleForTest();
    await signIn(DEMO_PARTNER_EMAIL);
    const before = platform.clock.now();
    await service.call('clock.advance', { duration: '1h' });
    expect(platform.clock.now() - before).toBeGreaterThanOrEqual(3_600_000);
    await expect(service.call('compatibility.set', { strict: true })).resolves.toMatchObject({ strict: true });
  });
});
