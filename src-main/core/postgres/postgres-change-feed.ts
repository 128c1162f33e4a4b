// The PostgreSQL form of the change feed (db/change-feed.ts): LISTEN/NOTIFY on one channel. Each feed holds one
// dedicated connection that LISTENs (a pool's connections come and go; a listener must stay); `publish` is
// `pg_notify` on a connection of its own, called once the change committed (as the event bus publishes), and the
// server delivers it to every other feed. A notification is JSON {origin, name, payload}: the feed drops its own (origin),
// and one whose payload would pass PostgreSQL's 8,000-byte limit is sent without it and heard as null ("something
// changed: reload"). When the listening connection is lost it reconnects (1 s, doubling to 30 s) and then says null
// once, since notifications sent meanwhile are gone.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createListeners, type ChangeFeed, type ChangeNotice } from '../db/change-feed';
import { POSTGRES_TYPES } from './postgres-data';

/** The one channel every PartnerDeck server of a database listens on. */
export const CHANGE_CHANNEL = 'partnerdeck_changes';
/** PostgreSQL refuses a payload of 8,000 bytes or more; keep a margin for the envelope. */
const MAX_PAYLOAD_BYTES = 7_900;

interface Envelope {
  origin: string;
  name: string;
  payload?: unknown;
}

export interface PostgresChangeFeedOptions {
  onError?: (error: unknown) => void;
  /** First wait before reconnecting (default 1 s, doubling to 30 s). */
  reconnectMs?: number;
}

export async function createPostgresChangeFeed(url: URL, options: PostgresChangeFeedOptions = {}): Promise<ChangeFeed> {
  const origin = randomUUID();
  const onError = options.onError ?? (() => undefined);
  const listeners = createListeners<ChangeNotice>(onError);
  const publisher = new pg.Pool({ connectionString: url.toString(), max: 1, application_name: 'partnerdeck-notify', types: POSTGRES_TYPES });
  publisher.on('error', () => undefined);
  let listening: pg.Client | null = null;
  let closed = false;
  let retryMs = options.reconnectMs ?? 1_000;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function heard(message: pg.Notification): void {
    if (message.channel !== CHANGE_CHANNEL || !message.payload) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message.payload) as Envelope;
    } catch (error) {
      return onError(error);
    }
    if (envelope.origin === origin) return;
    listeners.emit('payload' in envelope ? { name: envelope.name, payload: envelope.payload } : null);
  }

  async function connect(): Promise<void> {
    const client = new pg.Client({ connectionString: url.toString(), application_name: 'partnerdeck-listen', types: POSTGRES_TYPES });
    client.on('notification', heard);
    client.on('error', (error) => {
      onError(error);
      lost(client);
    });
    client.on('end', () => lost(client));
    await client.connect();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    listening = client;
  }

  function lost(client: pg.Client): void {
    if (listening !== client || closed) return;
    listening = null;
    retryTimer = setTimeout(function retry() {
      retryTimer = null;
      connect().then(
        () => {
          retryMs = options.reconnectMs ?? 1_000;
          // What was sent while nobody listened is gone: say that something may have changed.
          listeners.emit(null);
        },
        (error: unknown) => {
          onError(error);
          retryMs = Math.min(retryMs * 2, 30_000);
          if (!closed) retryTimer = setTimeout(retry, retryMs);
        },
      );
    }, retryMs);
  }

  await connect();
  return {
    subscribe: (listener) => listeners.add(listener),
    async publish(event) {
      let text = JSON.stringify({ origin, name: event.name, payload: event.payload } satisfies Envelope);
      if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) text = JSON.stringify({ origin, name: event.name } satisfies Envelope);
      await publisher.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, text]);
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const client = listening;
      listening = null;
      await client?.end().catch(() => undefined);
      await publisher.end();
    },
  };
}
