// Small logo files for the white-label tests, made in memory (no binary fixtures).
import { encode as encodePng } from 'fast-png';

/** A solid PNG of the given size. */
export function pngOf(width: number, height: number): Buffer {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([20, 140, 110, 255], i);
  return Buffer.from(encodePng({ width, height, data, channels: 4, depth: 8 }));
}

/** A plain, harmless SVG logo. */
export const PLAIN_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50"><rect width="50" height="50" rx="10" fill="#7c3aed"/><path d="M60 40 L80 10 L100 40 Z" fill="#111"/></svg>';

/** An SVG with a script, an event handler, a javascript: link and an outside reference. */
export const HOSTILE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 50" onload="document.title=\'pwned\'"><script>document.title=\'pwned\'</script><a xlink:href="javascript:alert(1)"><rect width="50" height="50" fill="#7c3aed"/></a><image href="http://127.0.0.1:9/track.png" width="5" height="5"/></svg>';
