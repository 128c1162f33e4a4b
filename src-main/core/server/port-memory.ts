// The ports a data folder's servers listened on last time (ports.json in the folder), so the platform keeps
// its URL across launches: app developers configure that URL in their apps, and a browser keeps a console's
// settings per origin. A remembered port that another program holds now is given up for any free port (the
// caller says so); a port the user asked for explicitly is never given up.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PORTS_FILE_NAME } from '../paths';

export type ServerName = 'platform' | 'console';

export interface Listening<T> {
  server: T;
  port: number;
  /** The remembered port that was taken by another program, if the server moved off it. */
  movedFrom: number | null;
}

function readPorts(dataDir: string): Partial<Record<ServerName, number>> {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, PORTS_FILE_NAME), 'utf8')) as Record<string, unknown>;
    const ports: Partial<Record<ServerName, number>> = {};
    for (const name of ['platform', 'console'] as const) {
      const port = parsed[name];
      if (typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535) ports[name] = port;
    }
    return ports;
  } catch {
    return {}; // none yet, or a foreign file: any free port
  }
}

/** Every port this folder's servers remember (the webhook guard refuses them on loopback). */
export function rememberedPorts(dataDir: string): Partial<Record<ServerName, number>> {
  return readPorts(dataDir);
}

export function rememberedPort(dataDir: string, name: ServerName): number | undefined {
  return readPorts(dataDir)[name];
}

export function rememberPort(dataDir: string, name: ServerName, port: number): void {
  const ports = { ...readPorts(dataDir), [name]: port };
  const path = join(dataDir, PORTS_FILE_NAME);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(ports, null, 2) + '\n', { mode: 0o600 });
  renameSync(temporary, path);
}

const inUse = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';

/**
 * Starts a server on `explicit` (the user's --port; 0 = any free port) or, without it, on the port this data
 * folder's server used last time, falling back to any free port when another program holds that one. The
 * port it got is remembered for the next launch. An explicit port that is taken is an error (EADDRINUSE).
 */
export async function listenRemembered<T>(
  dataDir: string,
  name: ServerName,
  explicit: number | undefined,
  start: (port: number) => Promise<T>,
  portOf: (server: T) => number,
): Promise<Listening<T>> {
  let movedFrom: number | null = null;
  let server: T;
  if (explicit !== undefined) server = await start(explicit);
  else {
    const last = rememberedPort(dataDir, name);
    try {
      server = await start(last ?? 0);
    } catch (error) {
      if (last === undefined || !inUse(error)) throw error;
      movedFrom = last;
      server = await start(0);
    }
  }
  const port = portOf(server);
  try {
    rememberPort(dataDir, name, port);
  } catch {
    // A read-only folder: the next launch just picks a free port again.
  }
  return { server, port, movedFrom };
}
