// Raw bytes to a loopback HTTP server, for the tests of what servers do with slow, partial or malformed requests.
import { connect } from 'node:net';

export interface RawExchangeOptions {
  /** Gives up after this long (`closedByServer: false`); 10 s unless told. */
  waitMs?: number;
  /** Done as soon as a complete 4xx status and headers arrived, whether or not the server closes the socket. */
  stopAtClientError?: boolean;
}

/** Writes `text` to the server and collects the answer until the server closes the socket (or `waitMs` passes). */
export function rawExchange(port: number, text: string, options: RawExchangeOptions = {}): Promise<{ text: string; closedByServer: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let received = '';
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: received, closedByServer, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), options.waitMs ?? 10_000);
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (options.stopAtClientError && /\r\n\r\n/.test(received) && /^HTTP\/1\.1 4\d\d/.test(received)) finish(true);
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}
