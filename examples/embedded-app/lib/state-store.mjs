// What the app remembers, in one small JSON file (mode 0600, written atomically): its credentials when they
// were entered on the setup page, each company's connection (tokens, scopes, hooks) and the webhook events
// received. A real app would use a database and keep the secret and tokens encrypted.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MAX_EVENTS = 500;

const empty = () => ({ credentials: null, connections: {}, events: [] });

export function openStateStore(file) {
  let state = empty();
  if (file && existsSync(file)) {
    try {
      state = { ...empty(), ...JSON.parse(readFileSync(file, 'utf8')) };
    } catch (error) {
      throw new Error(`cannot read the state file ${file}: ${error.message}`);
    }
  }

  function save() {
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
    renameSync(temp, file);
    chmodSync(file, 0o600);
  }

  return {
    file,
    credentials: () => state.credentials,
    setCredentials(credentials) {
      state.credentials = credentials;
      save();
    },
    connection: (companyId) => state.connections[companyId] ?? null,
    connections: () => state.connections,
    setConnection(companyId, connection) {
      if (connection === null) delete state.connections[companyId];
      else state.connections[companyId] = connection;
      save();
    },
    /** Newest first; `companyId` filters to one company. */
    events(companyId) {
      return companyId === undefined ? state.events : state.events.filter((event) => event.companyId === companyId);
    },
    /** Records an event unless its webhook-id was seen (retries and replays repeat it); true when new. */
    addEvent(event) {
      if (event.webhookId && state.events.some((e) => e.webhookId === event.webhookId)) return false;
      state.events.unshift(event);
      state.events.length = Math.min(state.events.length, MAX_EVENTS);
      save();
      return true;
    },
  };
}
