// The app's HTML pages. Everything dynamic is escaped; pages load only this app's own script and style
// (see the Content-Security-Policy in server.mjs).

export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function layout({ title, body, head = '', bodyClass = '' }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/style.css">
${head}
</head>
<body class="${bodyClass}">
${body}
</body>
</html>`;
}

const badge = (tone, text, testId) => `<span class="badge badge-${tone}" data-testid="${testId}">${escapeHtml(text)}</span>`;

/** The embedded page after a valid hmac. The script fills in the live parts. */
export function embeddedPage({ appName, userId, companyId, platformUrl, sessionToken }) {
  return layout({
    title: appName,
    head: `<meta name="session-token" content="${escapeHtml(sessionToken)}">\n<script src="/app.js" defer></script>`,
    body: `<main class="wrap">
  <header class="top">
    <div>
      <h1>${escapeHtml(appName)}</h1>
      <p class="muted">An embedded app, loaded by the platform's admin under Extensions / Manage Apps.</p>
    </div>
    ${badge('ok', 'hmac valid', 'hmac-status')}
  </header>

  <section class="card">
    <h2>Who opened me</h2>
    <dl class="facts">
      <div><dt>UserID</dt><dd data-testid="user-id">${escapeHtml(userId)}</dd></div>
      <div><dt>CompanyID</dt><dd data-testid="company-id">${escapeHtml(companyId)}</dd></div>
      <div><dt>Platform</dt><dd><code>${escapeHtml(platformUrl)}</code></dd></div>
    </dl>
    <p class="muted small">The hmac over UserID and CompanyID matched this app's Shared Secret, so these values come from the platform.</p>
  </section>

  <section class="card" id="connection" data-testid="connection">
    <h2>API access for company ${escapeHtml(companyId)}</h2>
    <p class="muted" id="connection-status" data-testid="connection-status">Loading…</p>
    <div id="connection-details"></div>
    <p class="actions">
      <a class="button" id="connect" href="/install?company_id=${escapeHtml(companyId)}" target="_blank" rel="noopener" data-testid="connect">Connect (OAuth)</a>
      <button type="button" id="load-orders" class="button button-secondary" data-testid="load-orders" hidden>Load recent orders</button>
    </p>
    <div id="orders" data-testid="orders"></div>
  </section>

  <section class="card">
    <h2>Webhook events <span class="muted small" id="event-count"></span></h2>
    <p class="muted small">Registered after OAuth; each notification's hash and Standard Webhooks signature are checked. Updates live.</p>
    <ol class="events" id="events" data-testid="events"><li class="muted">No events yet.</li></ol>
  </section>
</main>`,
  });
}

/** What a request with a missing or wrong hmac gets (status 401). */
export function invalidPage({ appName, reason }) {
  return layout({
    title: `${appName}: hmac invalid`,
    body: `<main class="wrap">
  <header class="top">
    <div><h1>${escapeHtml(appName)}</h1></div>
    ${badge('bad', 'hmac invalid', 'hmac-status')}
  </header>
  <section class="card">
    <h2>This request was refused</h2>
    <p data-testid="hmac-reason">${escapeHtml(reason)}</p>
    <p class="muted small">The app answers 401 and shows no data: only the platform's admin, which knows the app's Shared Secret, can open it.</p>
  </section>
</main>`,
  });
}

export function messagePage({ appName, title, message, tone = 'ok', links = [] }) {
  return layout({
    title: `${appName}: ${title}`,
    body: `<main class="wrap narrow">
  <section class="card">
    <h1>${escapeHtml(title)} ${badge(tone, tone === 'ok' ? 'done' : 'problem', 'result')}</h1>
    <p data-testid="message">${escapeHtml(message)}</p>
    ${links.map((l) => `<p><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></p>`).join('\n')}
  </section>
</main>`,
  });
}

/** The developer page (`/dev?token=…`): setup, the URLs to register, connections and every event. */
export function devPage({ appName, token, config, urls, credentials, connections, events, flash }) {
  const rows = Object.entries(connections)
    .map(([companyId, c]) => `<tr><td>${escapeHtml(companyId)}</td><td>${escapeHtml(c.userName)}</td><td><code>${escapeHtml(c.scope)}</code></td><td>${escapeHtml((c.webhooks ?? []).map((h) => h.topic).join(', '))}</td><td>${escapeHtml(c.connectedAt)}</td></tr>`)
    .join('');
  const eventRows = events
    .map((e) => `<tr><td>${escapeHtml(e.receivedAt)}</td><td>${escapeHtml(e.topic)}</td><td>${escapeHtml(e.companyId)}</td><td>${escapeHtml(`${e.data?.type ?? ''} ${e.data?.id ?? ''}`)}</td><td>${e.hashValid ? 'valid' : 'INVALID'} / ${e.signatureValid ? 'valid' : 'INVALID'}</td></tr>`)
    .join('');
  return layout({
    title: `${appName}: developer page`,
    head: `<meta name="dev-token" content="${escapeHtml(token)}">`,
    body: `<main class="wrap">
  <header class="top"><div><h1>${escapeHtml(appName)} <span class="muted">developer page</span></h1>
  <p class="muted">Only for you: this page's address carries a token made when the app started.</p></div>
  ${credentials ? badge('ok', 'configured', 'configured') : badge('bad', 'not configured', 'configured')}</header>
  ${flash ? `<p class="flash" data-testid="flash">${escapeHtml(flash)}</p>` : ''}

  <section class="card">
    <h2>Register these URLs for the app</h2>
    <dl class="facts facts-wide">
      <div><dt>Start URL</dt><dd><code data-testid="start-url">${escapeHtml(urls.startUrl)}</code></dd></div>
      <div><dt>Redirect URI</dt><dd><code data-testid="redirect-uri">${escapeHtml(urls.redirectUri)}</code></dd></div>
      <div><dt>Authorization URL</dt><dd><code data-testid="authorization-url">${escapeHtml(urls.authorizationUrl)}</code></dd></div>
      <div><dt>Permissions</dt><dd><code data-testid="scopes">${escapeHtml(config.scopes)}</code></dd></div>
      <div><dt>Webhook address</dt><dd><code>${escapeHtml(urls.webhookUrl)}</code></dd></div>
      <div><dt>Platform</dt><dd><code>${escapeHtml(config.platformUrl)}</code></dd></div>
    </dl>
  </section>

  <section class="card">
    <h2>API credentials</h2>
    <form method="post" action="/dev/setup" class="form" data-testid="setup-form">
      <input type="hidden" name="token" value="${escapeHtml(token)}">
      <label>Client ID <input name="client_id" required autocomplete="off" value="${escapeHtml(credentials?.clientId ?? '')}" data-testid="setup-client-id"></label>
      <label>Shared Secret <input name="client_secret" type="password" required autocomplete="off" placeholder="${credentials ? 'saved (enter it again to change it)' : ''}" data-testid="setup-client-secret"></label>
      <button class="button" type="submit" data-testid="setup-save">Save credentials</button>
    </form>
  </section>

  <section class="card">
    <h2>Connected companies</h2>
    <table class="table" data-testid="dev-connections"><thead><tr><th>Company</th><th>Approved by</th><th>Scopes</th><th>Webhooks</th><th>Since</th></tr></thead>
    <tbody>${rows || '<tr><td colspan="5" class="muted">None yet: open the app in Manage Apps and press Connect, or install it from the App Store.</td></tr>'}</tbody></table>
  </section>

  <section class="card">
    <h2>Webhook events (all companies)</h2>
    <table class="table" data-testid="dev-events"><thead><tr><th>Received</th><th>Topic</th><th>Company</th><th>Data</th><th>hash / signature</th></tr></thead>
    <tbody>${eventRows || '<tr><td colspan="5" class="muted">No events yet.</td></tr>'}</tbody></table>
  </section>
</main>`,
  });
}
