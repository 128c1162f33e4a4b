// The rule for OAuth redirect URIs (and other app URLs the platform calls in a browser): absolute http(s)
// URLs without a fragment or user info; plain http only for loopback hosts (127.0.0.1, [::1], localhost),
// everything else https. Kept free of the URL class so it runs in src-shared (no DOM or Node types); the
// registered string is compared exactly at authorize time, so no normalization happens here.

const PATTERN = /^(https?):\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:(\d{1,5}))?([/?][^\s#]*)?$/;

export const LOOPBACK_HOSTS = ['127.0.0.1', '[::1]', 'localhost'] as const;

export type UrlCheck = { ok: true } | { ok: false; problem: string };

/** Checks an app URL (redirect URI, start URL). `problem` reads after the field name: "redirect_uri is ...". */
export function checkAppUrl(value: string): UrlCheck {
  return checkHttpUrl(value, { httpsUnlessLoopback: true });
}

/**
 * Checks an absolute http(s) URL without fragment, spaces or user info. With `httpsUnlessLoopback`, plain
 * http is refused for every host but the loopback ones (the rule for URLs a browser is sent to).
 */
export function checkHttpUrl(value: string, options: { httpsUnlessLoopback: boolean }): UrlCheck {
  if (value.length === 0) return { ok: false, problem: 'is required' };
  if (value.length > 2000) return { ok: false, problem: 'must be at most 2000 characters' };
  if (value.includes('#')) return { ok: false, problem: 'must not contain a fragment (#...)' };
  if (/\s/.test(value)) return { ok: false, problem: 'must not contain spaces' };
  const match = PATTERN.exec(value);
  if (!match) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^https?:/i.test(value)) return { ok: false, problem: 'must be an http or https URL' };
    if (/^https?:\/\/[^/?]*@/i.test(value)) return { ok: false, problem: 'must not contain user name or password' };
    return { ok: false, problem: 'is not a valid absolute URL (e.g. https://app.example.com/callback)' };
  }
  const [, scheme, host, , port] = match;
  if (scheme !== 'https' && scheme !== 'http') return { ok: false, problem: 'must be an http or https URL' };
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return { ok: false, problem: 'has an invalid port' };
  if (host.startsWith('.') || host.endsWith('.') || host.includes('..')) return { ok: false, problem: 'has an invalid host name' };
  if (options.httpsUnlessLoopback && scheme === 'http' && !isLoopbackHost(host)) {
    return { ok: false, problem: 'must use https (plain http is allowed only for 127.0.0.1, [::1] and localhost)' };
  }
  return { ok: true };
}

export function isLoopbackHost(host: string): boolean {
  return (LOOPBACK_HOSTS as readonly string[]).includes(host.toLowerCase());
}
