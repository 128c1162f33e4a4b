// The small helpers many tests need (one place instead of a copy per file): the ApiError a call throws, a demo
// company's id by name, a local user's actor and company by email. Platforms come from ./platform.ts
// (openTestPlatform) or ./webhooks.ts (openRealClockPlatform).
import { expect } from 'vitest';
import { ApiError } from '../../src-shared/api/errors';
import type { UserActor } from '../../src-main/core/access';
import type { Platform } from '../../src-main/core/platform';
import { internalsOf } from '../../src-main/core/platform-internals';

/** The ApiError `fn` throws (fails the test if it throws something else or nothing). */
export function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError');
}

/** The ApiError a promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected a rejection');
}

/** A company's id by its name, or by the start of it ("Alpenglück" finds "Alpenglück GmbH"); an exact name wins. */
export function companyId(platform: Platform, name: string): number {
  const id = internalsOf(platform).db.prepare('SELECT id FROM companies WHERE name LIKE ? ORDER BY name = ? DESC, id LIMIT 1').pluck().get(`${name}%`, name) as number | undefined;
  if (id === undefined) throw new Error(`no company named ${name}…`);
  return id;
}

/** A local user's actor, by login email. */
export function actorOf(platform: Platform, email: string): UserActor {
  const actor = platform.localUsers.actorByEmail(email);
  if (!actor) throw new Error(`no user ${email}`);
  return actor;
}

/** The company of a local user, by login email. */
export function companyOfUser(platform: Platform, email: string): number {
  return actorOf(platform, email).companyId;
}
