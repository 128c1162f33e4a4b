// The embedded page's script: polls the app's own /api/status with the session token the page was given
// (after the hmac was verified) and shows the company's connection, its webhooks and the events as they
// arrive. Loads recent orders through the app's backend, which calls the platform's REST API.
const token = document.querySelector('meta[name="session-token"]')?.getAttribute('content') ?? '';
const POLL_MS = 1500;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('data-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

async function get(path) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

function renderConnection(connection) {
  const status = document.getElementById('connection-status');
  const details = document.getElementById('connection-details');
  const connect = document.getElementById('connect');
  const loadOrders = document.getElementById('load-orders');
  details.replaceChildren();
  if (!connection.connected) {
    status.textContent = 'Not connected: press Connect to approve the app on the platform’s consent page (it opens outside the admin).';
    status.dataset.state = 'disconnected';
    connect.hidden = false;
    loadOrders.hidden = true;
    return;
  }
  status.textContent = `Connected — approved by ${connection.userName}`;
  status.dataset.state = 'connected';
  connect.hidden = true;
  loadOrders.hidden = false;
  details.append(
    el('p', {}, 'Scopes: ', el('code', {}, connection.scope)),
    el('p', { 'data-testid': 'webhooks' }, 'Webhooks: ', connection.webhooksManagedBy ? `registered by ${connection.webhooksManagedBy}` : connection.webhooks.length ? connection.webhooks.map((h) => h.topic).join(', ') : 'none'),
  );
  for (const problem of connection.webhookProblems) details.append(el('p', { class: 'warn' }, `Could not register ${problem.topic}: ${problem.reason}`));
}

function renderEvents(events) {
  const list = document.getElementById('events');
  document.getElementById('event-count').textContent = events.length ? `(${events.length})` : '';
  if (events.length === 0) {
    list.replaceChildren(el('li', { class: 'muted' }, 'No events yet.'));
    return;
  }
  list.replaceChildren(
    ...events.map((event) =>
      el(
        'li',
        { 'data-testid': 'event', 'data-topic': event.topic },
        el('strong', {}, event.topic),
        ` ${event.data?.type ?? ''} ${event.data?.id ?? ''} `,
        el('span', { class: 'muted small' }, `${new Date(event.receivedAt).toLocaleTimeString()} · hash ${event.hashValid ? 'valid' : 'invalid'} · signature ${event.signatureValid ? 'valid' : 'invalid'}`),
      ),
    ),
  );
}

async function poll() {
  try {
    const status = await get('/api/status');
    renderConnection(status.connection);
    renderEvents(status.events);
  } catch (error) {
    document.getElementById('connection-status').textContent = `Could not load the status: ${error.message}`;
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

document.getElementById('load-orders').addEventListener('click', async () => {
  const target = document.getElementById('orders');
  target.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
  try {
    const { orders } = await get('/api/orders');
    target.replaceChildren(
      orders.length === 0
        ? el('p', { class: 'muted' }, 'No orders yet.')
        : el('ul', {}, ...orders.map((o) => el('li', {}, `#${o.number} · ${o.status} · ${(o.gross / 100).toFixed(2)} ${o.currency}`))),
    );
  } catch (error) {
    target.replaceChildren(el('p', { class: 'warn' }, error.message));
  }
});

poll();
