// Calling the platform's REST API with an access token, and registering this app's webhooks for a company.
// Hooks belong to (this app, the token's company): registering them once per company is enough, and doing
// it again is harmless (already registered addresses are skipped).

export class ApiCallError extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export async function apiRequest(platformUrl, accessToken, method, path, body) {
  const response = await fetch(`${platformUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${accessToken}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { raw: text };
  }
  if (!response.ok) {
    const detail = typeof json?.errors === 'string' ? json.errors : JSON.stringify(json?.errors ?? json);
    throw new ApiCallError(`${method} ${path} answered ${response.status}: ${detail}`, response.status, json);
  }
  return json;
}

/**
 * Makes sure a hook exists for every topic at `address`. Returns the hooks (existing and new) and the topics
 * that could not be registered, with the platform's reason.
 */
export async function ensureWebhooks({ platformUrl, accessToken, address, topics }) {
  const existing = (await apiRequest(platformUrl, accessToken, 'GET', '/admin/webhooks.json?limit=250')).webhooks ?? [];
  const hooks = existing.filter((hook) => hook.address === address);
  const failed = [];
  for (const topic of topics) {
    if (hooks.some((hook) => hook.topic === topic)) continue;
    try {
      const created = await apiRequest(platformUrl, accessToken, 'POST', '/admin/webhooks.json', { webhook: { topic, address, format: 'json' } });
      hooks.push(created.webhook);
    } catch (error) {
      failed.push({ topic, reason: error.message });
    }
  }
  return { hooks: hooks.map((h) => ({ id: h.id, topic: h.topic, isActive: h.is_active })), failed };
}
