// The OAuth scopes of the platform (spec §3) and what each grants, in the words of the source page
// (seed 004, end of the OAuth guide). Scopes travel comma-separated on the wire: `products,orders`.

export const OAUTH_SCOPES = ['products', 'customers', 'orders', 'themes', 'files', 'companies', 'statistics', 'webhooks'] as const;

export type OAuthScope = (typeof OAUTH_SCOPES)[number];

/** What an app may do with each scope, in plain words (shown on the consent page and in the console). */
export const OAUTH_SCOPE_LABELS: Record<OAuthScope, string> = {
  products: 'Get, modify, create and delete products and categories',
  customers: 'Get, modify, create and delete customers',
  orders: 'Get, modify and create orders',
  themes: 'Get, modify, create and delete themes',
  files: 'Get and create content files',
  companies: 'Get, modify, create and delete company data (its own and associated companies)',
  statistics: 'Get company and shop statistics',
  webhooks: 'Get, modify, create, delete and use webhooks',
};

/** Short titles for lists. */
export const OAUTH_SCOPE_TITLES: Record<OAuthScope, string> = {
  products: 'Products',
  customers: 'Customers',
  orders: 'Orders',
  themes: 'Themes',
  files: 'Files',
  companies: 'Companies',
  statistics: 'Statistics',
  webhooks: 'Webhooks',
};

export type RestVerb = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The HTTP verbs each scope grants on its /admin resource (from the same list: "get, modify, create, delete"). */
export const OAUTH_SCOPE_VERBS: Record<OAuthScope, readonly RestVerb[]> = {
  products: ['GET', 'POST', 'PUT', 'DELETE'],
  customers: ['GET', 'POST', 'PUT', 'DELETE'],
  orders: ['GET', 'POST', 'PUT'],
  themes: ['GET', 'POST', 'PUT', 'DELETE'],
  files: ['GET', 'POST'],
  companies: ['GET', 'POST', 'PUT', 'DELETE'],
  statistics: ['GET'],
  webhooks: ['GET', 'POST', 'PUT', 'DELETE'],
};

export function isOAuthScope(value: string): value is OAuthScope {
  return (OAUTH_SCOPES as readonly string[]).includes(value);
}

/** Canonical order, no duplicates. */
export function canonicalScopes(scopes: Iterable<string>): OAuthScope[] {
  const set = new Set(scopes);
  return OAUTH_SCOPES.filter((s) => set.has(s));
}

/** Known scopes in the order given, without duplicates (tokens keep the order the app asked in). */
export function orderedScopes(scopes: Iterable<string>): OAuthScope[] {
  const out: OAuthScope[] = [];
  for (const scope of scopes) if (isOAuthScope(scope) && !out.includes(scope)) out.push(scope);
  return out;
}

export function formatScopes(scopes: Iterable<string>): string {
  return canonicalScopes(scopes).join(',');
}

export type ScopeParse = { ok: true; scopes: OAuthScope[] } | { ok: false; problem: string };

/**
 * Parses the wire form: comma-separated, no spaces (what the hosted platform documents). Spaces are refused
 * rather than accepted, so an app that works here also works against the hosted platform.
 */
export function parseScopeParam(raw: string): ScopeParse {
  if (raw.trim() === '') return { ok: false, problem: 'is required: a comma-separated list such as products,orders' };
  if (/\s/.test(raw)) return { ok: false, problem: 'must be comma-separated without spaces (scope=products,orders)' };
  const parts = raw.split(',');
  if (parts.some((p) => p === '')) return { ok: false, problem: 'has an empty entry (scope=products,orders)' };
  const unknown = parts.filter((p) => !isOAuthScope(p));
  if (unknown.length > 0) return { ok: false, problem: `has unknown scopes: ${unknown.join(', ')} (known: ${OAUTH_SCOPES.join(', ')})` };
  return { ok: true, scopes: orderedScopes(parts) };
}
