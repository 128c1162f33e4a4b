// A self-signed certificate for 127.0.0.1 and localhost, made in the test (selfsigned, from npm): a team server's
// console over HTTPS (`serve --console --tls-cert/--tls-key`). Valid from now for two days. And a request helper that
// trusts only such a certificate.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { generate } from 'selfsigned';

export async function selfSignedCertificate(): Promise<{ cert: string; key: string }> {
  const made = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    notAfterDate: new Date(Date.now() + 2 * 24 * 60 * 60_000),
    keyType: 'ec',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
  });
  return { cert: made.cert, key: made.private };
}

export interface TextReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request over http or https (then trusting only `ca`), its body read as text; node's client lets a test set Host. */
export function sendText(url: string, method: string, headers: Record<string, string> = {}, body?: string, ca?: string): Promise<TextReply> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, { method, headers, ...(ca ? { ca } : {}) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
