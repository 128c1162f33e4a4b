// A self-signed certificate for 127.0.0.1 and localhost, made in the test (selfsigned, from npm): a team server's
// console over HTTPS (`serve --console --tls-cert/--tls-key`). Valid from now for two days.
import { generate } from 'selfsigned';

export async function selfSignedCertificate(): Promise<{ cert: string; key: string }> {
  const made = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    notAfterDate: new Date(Date.now() + 2 * 24 * 60 * 60_000),
    keyType: 'ec',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
  });
  return { cert: made.cert, key: made.private };
}
