// A console service (the one the renderer calls, as the browser host makes it) on a test platform, for the unit
// tests of console methods: the events it pushed, a company's id by name, a user's id by email, signing in.
import { onTestFinished } from 'vitest';
import type { PushedEvent } from '../../src-shared/api/contract';
import { createConsoleService } from '../../src-main/areas';
import type { ConsoleServiceOptions } from '../../src-main/console/console-context';
import { createMemoryPrefs } from '../../src-main/console/prefs';
import { openTestPlatform } from './platform';
import { actorOf, idOfCompany } from './fixtures';

export interface TestConsoleOptions extends Pick<ConsoleServiceOptions, 'openWindow'> {
  /** A team server's console (`serve --console`) signed in as the user with this email; default: browser mode. */
  teamUser?: string;
  seed?: 'demo' | 'none';
  /** Where apps reach the platform server (none by default). */
  platformUrl?: string | null;
}

/** The console service on a new test platform; both are closed when the test calling this finishes. */
export function openConsoleForTest(options: TestConsoleOptions = {}) {
  const platform = openTestPlatform(options.seed ?? 'demo');
  onTestFinished(() => platform.dispose());
  const prefs = createMemoryPrefs();
  const team = options.teamUser === undefined ? {} : { host: 'team' as const, signedInAs: actorOf(platform, options.teamUser).userId };
  const service = createConsoleService({ platform, prefs, host: 'browser', platformUrl: options.platformUrl ?? null, openWindow: options.openWindow, ...team });
  const events: PushedEvent[] = [];
  service.onEvent((event) => events.push(event));
  const id = (name: string) => idOfCompany(platform, name);
  const userId = (email: string) => actorOf(platform, email).userId;
  const signIn = (email: string) => service.call('session.signIn', { userId: userId(email) });
  return { platform, prefs, service, events, id, userId, signIn };
}
