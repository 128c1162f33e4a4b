// Checks an uploaded logo file on its content (never its name or the type the sender claims): which of the four
// accepted formats it is, its size in bytes and pixels before anything is decoded (a 20 kB PNG can claim
// 50,000 × 50,000 pixels), then decodes it completely, so a damaged or truncated file is refused. What comes back is
// what may be stored: the file (an SVG rebuilt by svg-sanitizer.ts), its size, and for WebP a PNG rendition for
// the PDFs (pdfkit draws PNG and JPEG; SVG is drawn as vectors by svg-to-pdfkit). Bad files throw LogoRejected
// with a sentence for the person who uploaded it; nothing is stored then.
import { createHash } from 'node:crypto';
import { decode as decodePng, encode as encodePng } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';
import { LOGO_LIMITS, LOGO_TYPE_NAMES, fileSizeText, type LogoMime } from '../../../src-shared/domain/white-label';
import { SvgRejected, sanitizeSvg } from './svg-sanitizer';
import { decodeWebp } from './webp-decoder';
import { LogoRejected } from './logo-rejected';

// The class lives in logo-rejected.ts (no decoders): the branding service imports it at start, this file only
// when a logo is checked.
export { LogoRejected };

export interface CheckedLogo {
  mime: LogoMime;
  /** What is stored and shown: the file itself, or for SVG the rebuilt, inert file. */
  bytes: Buffer;
  width: number;
  height: number;
  /** PNG drawn into PDFs when the file itself cannot be (WebP); null otherwise. */
  pdfPng: Buffer | null;
  sha256: string;
  /** What was taken out of an SVG. */
  removed: string[];
}

const PX = (n: number) => n.toLocaleString('en-US');

/** The format by the first bytes, or a description of what it is instead. */
export function sniffImage(bytes: Uint8Array): { mime: LogoMime } | { other: string } {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { mime: 'image/png' };
  if (starts(0xff, 0xd8, 0xff)) return { mime: 'image/jpeg' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { mime: 'image/webp' };
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return { other: 'a GIF image' };
  if (ascii(0, 2) === 'BM') return { other: 'a BMP image' };
  if (starts(0x00, 0x00, 0x01, 0x00)) return { other: 'an icon (ICO) file' };
  if (ascii(4, 12) === 'ftypavif' || ascii(4, 12) === 'ftypheic') return { other: 'an AVIF/HEIC image' };
  if (ascii(0, 5) === '%PDF-') return { other: 'a PDF document' };
  if (starts(0x50, 0x4b, 0x03, 0x04)) return { other: 'a ZIP archive' };
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  // SVG: XML text whose first element is <svg …> (after processing instructions, comments, a DOCTYPE).
  const firstElement = /^\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)*<([A-Za-z_][\w:.-]*)/.exec(head);
  if (firstElement?.[1] === 'svg' || firstElement?.[1]?.endsWith(':svg')) return { mime: 'image/svg+xml' };
  if (firstElement && /^html$/i.test(firstElement[1] ?? '')) return { other: 'an HTML page' };
  if (/^\s*<!doctype html/i.test(head)) return { other: 'an HTML page' };
  if (firstElement) return { other: `an XML file whose root is <${firstElement[1]}>, not <svg>` };
  return { other: 'not an image this platform knows' };
}

/** Width and height as the file's header states them (before decoding anything). */
function headerSize(mime: LogoMime, bytes: Buffer): { width: number; height: number } | null {
  if (mime === 'image/png') {
    if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (mime === 'image/jpeg') {
    // Walk the markers to the first SOFn frame header.
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at += 1;
        continue;
      }
      const length = bytes.readUInt16BE(at + 2);
      const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isFrame) return { width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5) };
      at += 2 + length;
    }
    return null;
  }
  if (mime === 'image/webp') {
    if (bytes.length < 30) return null;
    const chunk = bytes.toString('latin1', 12, 16);
    if (chunk === 'VP8X') return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
    if (chunk === 'VP8 ') return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = bytes.readUInt32LE(21);
      return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
    }
    return null;
  }
  return null;
}

function checkPixels(name: string, width: number, height: number): void {
  const { maxSide, maxPixels, minSide } = LOGO_LIMITS;
  if (width > maxSide || height > maxSide || width * height > maxPixels) {
    throw new LogoRejected(
      `is ${PX(width)} × ${PX(height)} pixels; a ${name} logo may be at most ${PX(maxSide)} pixels on its longest side and ${PX(maxPixels)} pixels in all`,
    );
  }
  if (width < minSide || height < minSide) throw new LogoRejected(`is ${PX(width)} × ${PX(height)} pixels; a logo needs at least ${minSide} pixels on each side`);
}

export async function checkLogo(input: Uint8Array): Promise<CheckedLogo> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length === 0) throw new LogoRejected('is empty');
  if (bytes.length > LOGO_LIMITS.maxBytes) throw new LogoRejected(`is ${fileSizeText(bytes.length)}; a logo may be at most ${fileSizeText(LOGO_LIMITS.maxBytes)}`);
  const sniffed = sniffImage(bytes);
  if ('other' in sniffed) throw new LogoRejected(`is ${sniffed.other}; upload a PNG, JPEG, WebP or SVG file`);
  const { mime } = sniffed;
  const name = LOGO_TYPE_NAMES[mime];
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

  if (mime === 'image/svg+xml') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      throw new LogoRejected('is not UTF-8 text (an SVG file must be)');
    }
    try {
      const svg = sanitizeSvg(text, LOGO_LIMITS.maxSvgElements);
      const out = Buffer.from(svg.text, 'utf8');
      return { mime, bytes: out, width: svg.width, height: svg.height, pdfPng: null, sha256: sha256(out), removed: svg.removed };
    } catch (error) {
      if (error instanceof SvgRejected) throw new LogoRejected(error.message);
      throw error;
    }
  }

  const stated = headerSize(mime, bytes);
  if (!stated) throw new LogoRejected(`is damaged: its ${name} header cannot be read`);
  checkPixels(name, stated.width, stated.height);

  let decoded: { width: number; height: number; data: Uint8Array | Uint8ClampedArray | Uint16Array };
  try {
    if (mime === 'image/png') decoded = decodePng(bytes, { checkCrc: true });
    else if (mime === 'image/jpeg') {
      decoded = decodeJpeg(bytes, { useTArray: true, tolerantDecoding: false, maxResolutionInMP: LOGO_LIMITS.maxPixels / 1_000_000 + 0.01, maxMemoryUsageInMB: 64 });
    } else decoded = await decodeWebp(bytes);
  } catch {
    throw new LogoRejected(`is damaged or incomplete: it is not a readable ${name} image`);
  }
  if (decoded.width !== stated.width || decoded.height !== stated.height) throw new LogoRejected(`is damaged: its ${name} header does not match its pixels`);

  const pdfPng = mime === 'image/webp' ? Buffer.from(encodePng({ width: decoded.width, height: decoded.height, data: decoded.data as Uint8ClampedArray, channels: 4, depth: 8 })) : null;
  return { mime, bytes: Buffer.from(bytes), width: decoded.width, height: decoded.height, pdfPng, sha256: sha256(bytes), removed: [] };
}
