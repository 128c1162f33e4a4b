// Hosted-compatibility mode (issue 19 item 6; docs/platform-api.md, "Hosted-compatibility mode"). The local
// platform offers a few conveniences the hosted platform is not specified to (LOCAL_ONLY below, each with what
// the hosted platform would do instead). With strict mode on, a request relying on one is refused as the hosted
// platform would refuse it; off, it is served and marked in the API request log with that consequence.
// The mode is a setting of the data folder (console: Developer tools), or forced on for one process by
// `--strict` (serve, console, app dev).
import { ApiError } from '../../../src-shared/api/errors';
import type { ApiRequestNote, CompatibilityInfo, LocalOnlyFeature } from '../../../src-shared/api/devtools-types';
import type { EventBus } from '../events';
import type { SettingsRepository } from '../repositories/settings-repository';
import type { RequestTrace } from '../server/router';

const STRICT_KEY = 'devtools.strict';

/** Each local-only convenience: what it is, and what the hosted platform does with such a request. */
export const LOCAL_ONLY: Record<LocalOnlyFeature, { what: string; hosted: string }> = {
  http_basic_client_auth: {
    what: 'client credentials sent as HTTP Basic at /token',
    hosted: 'the hosted platform reads client_id and client_secret from the form body only (spec §3): it would answer 401 invalid_client',
  },
  pkce: {
    what: 'PKCE (code_challenge / code_verifier)',
    hosted: 'the hosted platform\'s documentation has no PKCE (the local platform adds it): do not rely on code_challenge and code_verifier there',
  },
  refresh_grace_window: {
    what: 'a spent refresh token accepted again within 10 seconds (the same new pair handed out again)',
    hosted: 'the hosted platform exchanges a refresh token once (spec §3): a second use fails with invalid_grant and revokes every token of the grant',
  },
  standard_webhooks_headers: {
    what: 'the Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature) on deliveries',
    hosted: 'the hosted platform signs deliveries with its documented headers only (spec §5)',
  },
};

export interface CompatibilityService {
  info(): CompatibilityInfo;
  strict(): boolean;
  /** The console setting (refused while a --strict flag forces it for this process). */
  setStrict(strict: boolean): CompatibilityInfo;
  /** `--strict` on serve, console, app dev: on for this process, whatever the setting says. */
  forceStrict(): void;
  /**
   * A request relies on a local-only convenience: strict, it is refused (returns the note to throw with; the
   * caller throws its own error in the endpoint's format); otherwise it is marked on the trace and allowed.
   */
  relyOn(trace: RequestTrace, feature: LocalOnlyFeature): { refused: false } | { refused: true; message: string };
}

export function createCompatibilityService(deps: { settings: SettingsRepository; events: EventBus }): CompatibilityService {
  let forced = false;
  const service: CompatibilityService = {
    info: () => ({ strict: service.strict(), source: forced ? 'flag' : 'setting' }),
    strict: () => forced || deps.settings.get(STRICT_KEY) === '1',
    setStrict(strict) {
      if (forced && !strict) {
        throw new ApiError('conflict', 'hosted-compatibility mode is forced on by --strict for this process: restart it without --strict to turn it off');
      }
      deps.settings.set(STRICT_KEY, strict ? '1' : '0');
      const info = service.info();
      deps.events.publish('compatibility.changed', info);
      return info;
    },
    forceStrict() {
      forced = true;
    },
    relyOn(trace, feature) {
      const known = LOCAL_ONLY[feature];
      if (service.strict()) {
        const note: ApiRequestNote = { kind: 'refused_strict', feature, detail: known.hosted };
        trace.notes.push(note);
        return { refused: true, message: `hosted-compatibility mode: ${known.what} is local-only; ${known.hosted}` };
      }
      trace.notes.push({ kind: 'local_only', feature, detail: known.hosted });
      return { refused: false };
    },
  };
  return service;
}
