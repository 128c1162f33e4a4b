// The OAuth authorization-code flow as an app walks it against a PartnerDeck platform server (sign-in page,
// consent page, code exchange): used by bench/oauth.mjs and bench/profile-rest.mjs to get real token pairs.
export const DEMO_PASSWORD = 'partnerdeck-demo';
export const REDIRECT_URI = 'http://127.0.0.1:9/callback';

/** Walks sign-in and consent `count` times: `count` independent token families. */
export async function tokenPairs(url, clientId, clientSecret, companyId, count) {
  const cookies = new Map();
  const call = async (path, form) => {
    const res = await fetch(new URL(path, url), {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: url } : {}),
        ...(cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };
  const hidden = (html, action) => {
    const form = [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].find((f) => f[1] === action);
    const fields = {};
    for (const m of form[2].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    return fields;
  };
  const authorizePath = `/oauth2/authorize?${new URLSearchParams({ client_id: clientId, scope: 'products,orders,customers,webhooks', redirect_uri: REDIRECT_URI, response_type: 'code', state: 'bench' })}`;
  const pairs = [];
  for (let i = 0; i < count; i++) {
    // The authorization pages keep no sign-in session: each family signs in, and the answer is the consent page
    // (carrying a one-time ticket for the decision).
    const login = await call(authorizePath);
    const consent = await call('/oauth2/authorize/login', { ...hidden(login.html, '/oauth2/authorize/login'), email: 'anna@alpenglueck.example', password: DEMO_PASSWORD });
    if (consent.status !== 200 || !consent.html.includes('action="/oauth2/authorize/decision"')) throw new Error(`sign-in failed: ${consent.status}`);
    const decided = await call('/oauth2/authorize/decision', { company_id: String(companyId), ...hidden(consent.html, '/oauth2/authorize/decision'), decision: 'approve' });
    if (decided.status !== 303 || !decided.location) throw new Error(`consent failed: ${decided.status}`);
    const code = new URL(decided.location).searchParams.get('code');
    const token = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: clientId, client_secret: clientSecret }),
    }).then((r) => r.json());
    if (!token.access_token) throw new Error(`code exchange failed: ${JSON.stringify(token)}`);
    pairs.push(token);
  }
  return pairs;
}
