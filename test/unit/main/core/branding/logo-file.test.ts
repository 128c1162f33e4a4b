// The logo checks (src-main/core/branding): type by content, size and pixel limits before decoding, complete
// decoding (damaged files), and SVGs made inert: the known hostile SVGs go in, nothing that could run or reach
// outside the file comes out (or the file is refused).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { LogoRejected, checkLogo, sniffImage } from '../../../../../src-main/core/branding/logo-file';
import { LOGO_LIMITS } from '../../../../../src-shared/domain/white-label';
import { pngOf } from '../../../../helpers/logos';

function jpegOf(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4, 180);
  return encodeJpeg({ width, height, data }, 85).data;
}

async function webpOf(width: number, height: number): Promise<Buffer> {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@jsquash/webp/package.json')), 'codec', 'enc');
  const { default: encode, init } = await import('@jsquash/webp/encode.js');
  await (init as unknown as (m: WebAssembly.Module) => Promise<void>)(await WebAssembly.compile(readFileSync(join(dir, 'webp_enc.wasm'))));
  const data = new Uint8ClampedArray(width * height * 4).fill(200);
  return Buffer.from(await encode({ data, width, height, colorSpace: 'srgb' } as ImageData, { quality: 80 }));
}

async function rejection(bytes: Uint8Array): Promise<string> {
  try {
    await checkLogo(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(LogoRejected);
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

const svg = (body: string, attrs = 'viewBox="0 0 200 50"') => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs}>${body}</svg>`);

/** Nothing in a stored SVG may run or reach outside the file. */
function expectInert(text: string): void {
  expect(text).not.toMatch(/<script|<foreignObject|<image|<iframe|<a[\s>]|<animate|<set[\s>]|<\?/i);
  expect(text).not.toMatch(/\son[a-z]+\s*=/i);
  expect(text).not.toMatch(/javascript:|vbscript:|data:|@import|evil|file:|https?:\/\/(?!www\.w3\.org\/)/i);
}

describe('logo files: type by content', () => {
  it('knows the four formats by their first bytes, whatever the name', async () => {
    expect(sniffImage(pngOf(20, 20))).toEqual({ mime: 'image/png' });
    expect(sniffImage(jpegOf(20, 20))).toEqual({ mime: 'image/jpeg' });
    expect(sniffImage(await webpOf(20, 20))).toEqual({ mime: 'image/webp' });
    expect(sniffImage(svg('<rect width="5" height="5"/>'))).toEqual({ mime: 'image/svg+xml' });
    expect(sniffImage(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ mime: 'image/svg+xml' });
  });

  it('accepts PNG, JPEG and WebP with their pixel size; WebP gets a PNG rendition for the PDFs', async () => {
    const png = await checkLogo(pngOf(240, 60));
    expect(png).toMatchObject({ mime: 'image/png', width: 240, height: 60, pdfPng: null });
    const jpeg = await checkLogo(jpegOf(100, 40));
    expect(jpeg).toMatchObject({ mime: 'image/jpeg', width: 100, height: 40, pdfPng: null });
    const webp = await checkLogo(await webpOf(64, 32));
    expect(webp).toMatchObject({ mime: 'image/webp', width: 64, height: 32 });
    expect(webp.pdfPng!.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    expect(sniffImage(webp.pdfPng!)).toEqual({ mime: 'image/png' });
  });

  it('refuses other files by what they are, not by their name', async () => {
    expect(await rejection(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))).toBe('is a GIF image; upload a PNG, JPEG, WebP or SVG file');
    expect(await rejection(Buffer.from('<!doctype html><html><script>alert(1)</script></html>'))).toBe('is an HTML page; upload a PNG, JPEG, WebP or SVG file');
    expect(await rejection(Buffer.from('%PDF-1.7\n...'))).toBe('is a PDF document; upload a PNG, JPEG, WebP or SVG file');
    expect(await rejection(Buffer.from('<?xml version="1.0"?><rss version="2.0"/>'))).toBe('is an XML file whose root is <rss>, not <svg>; upload a PNG, JPEG, WebP or SVG file');
    expect(await rejection(Buffer.from('just some text'))).toMatch(/not an image this platform knows/);
    expect(await rejection(Buffer.alloc(0))).toBe('is empty');
  });
});

describe('logo files: limits and damage', () => {
  it(`refuses files over ${LOGO_LIMITS.maxBytes} bytes before looking inside`, async () => {
    const big = Buffer.concat([pngOf(20, 20), Buffer.alloc(LOGO_LIMITS.maxBytes + 20 * 1024)]);
    expect(await rejection(big)).toBe('is 532.1 KB; a logo may be at most 512 KB');
    expect(await rejection(Buffer.concat([pngOf(20, 20), Buffer.alloc(LOGO_LIMITS.maxBytes)]))).toBe('is 512.1 KB; a logo may be at most 512 KB');
  });

  it('refuses too many pixels from the header, before decoding (a small file claiming 50,000 × 50,000)', async () => {
    const bomb = pngOf(20, 20);
    bomb.writeUInt32BE(50_000, 16);
    bomb.writeUInt32BE(50_000, 20);
    expect(await rejection(bomb)).toBe('is 50,000 × 50,000 pixels; a PNG logo may be at most 2,048 pixels on its longest side and 4,194,304 pixels in all');
    expect(await rejection(pngOf(2049, 16))).toMatch(/^is 2,049 × 16 pixels; a PNG logo may be at most 2,048/);
    expect(await rejection(jpegOf(2100, 20))).toMatch(/^is 2,100 × 20 pixels; a JPEG logo/);
    expect(await rejection(pngOf(8, 8))).toBe('is 8 × 8 pixels; a logo needs at least 16 pixels on each side');
  });

  it('refuses damaged and truncated files of every raster format', async () => {
    const png = pngOf(64, 64);
    expect(await rejection(png.subarray(0, png.length - 30))).toBe('is damaged or incomplete: it is not a readable PNG image');
    const flipped = Buffer.from(png);
    flipped[flipped.length - 20] ^= 0xff;
    expect(await rejection(flipped)).toMatch(/is damaged/);
    const jpeg = jpegOf(64, 64);
    expect(await rejection(jpeg.subarray(0, 200))).toMatch(/is damaged/);
    const webp = await webpOf(64, 64);
    expect(await rejection(webp.subarray(0, webp.length - 10))).toMatch(/is damaged/);
    expect(await rejection(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]))).toBe('is damaged: its PNG header cannot be read');
  });
});

describe('SVG logos are made inert', () => {
  const hostile: [string, string][] = [
    ['a script element', '<script>alert(1)</script><rect width="10" height="10"/>'],
    ['a script in CDATA', '<script><![CDATA[alert(1)]]></script><rect width="10" height="10"/>'],
    ['event handlers', '<rect width="10" height="10" onclick="alert(1)" onmouseover="alert(2)"/><g onload="alert(3)"><circle r="4"/></g>'],
    ['a javascript: link', '<a href="javascript:alert(1)"><rect width="10" height="10"/></a><a xlink:href="javascript:alert(2)"><circle r="3"/></a>'],
    ['an obfuscated javascript: link', '<a href="jav&#x09;ascript:alert(1)"><rect width="10" height="10"/></a>'],
    ['external images', '<image href="https://evil.example/track.png" width="10" height="10"/><image xlink:href="file:///etc/passwd"/>'],
    ['an external use', '<use href="https://evil.example/sprite.svg#logo"/><use xlink:href="evil.svg#a"/>'],
    ['foreignObject HTML', '<foreignObject width="100" height="50"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div></foreignObject>'],
    ['CSS imports and urls', '<style>@import url(https://evil.example/x.css); rect { fill: url(https://evil.example/#g) }</style><rect width="10" height="10" style="fill:url(https://evil.example/a#b)"/>'],
    ['CSS escapes', '<style>rect { background: \\75rl(https://evil.example/) }</style><rect width="10" height="10"/>'],
    ['presentation attributes pointing outside', '<rect width="10" height="10" fill="url(https://evil.example/p.svg#g)" filter="url(evil.svg#f)"/>'],
    ['animation that sets a link', '<a><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onclick" to="alert(1)"/><rect width="10" height="10"/></a>'],
    ['a data: URL', '<image href="data:image/svg+xml;base64,PHN2Zy8+"/><use href="data:image/svg+xml,&lt;svg/&gt;"/>'],
    ['an HTML script in another namespace', '<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script><rect width="10" height="10"/>'],
    ['an xml-stylesheet', '<?xml-stylesheet href="https://evil.example/x.xsl"?><rect width="10" height="10"/>'],
  ];

  for (const [what, body] of hostile) {
    it(`takes out ${what}, keeps the drawing and says what it took out`, async () => {
      const result = await checkLogo(svg(body));
      const text = result.bytes.toString('utf8');
      expectInert(text);
      expect(result.mime).toBe('image/svg+xml');
      expect(result.removed.length).toBeGreaterThan(0);
      expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    });
  }

  it('keeps an ordinary logo as drawn (paths, gradients, internal references, text)', async () => {
    const body =
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#4f46e5"/><stop offset="1" stop-color="#06b6d4"/></linearGradient><clipPath id="c"><rect width="50" height="50" rx="8"/></clipPath></defs>' +
      '<g clip-path="url(#c)"><rect width="50" height="50" fill="url(#g)"/></g><use href="#c"/><text x="60" y="34" font-family="sans-serif" font-size="24">Acme</text>';
    const result = await checkLogo(svg(body));
    expect(result.removed).toEqual([]);
    expect(result).toMatchObject({ width: 200, height: 50 });
    const text = result.bytes.toString('utf8');
    for (const kept of ['linearGradient', 'url(#g)', 'clip-path="url(#c)"', 'href="#c"', '>Acme</text>']) expect(text).toContain(kept);
  });

  it('refuses DTDs outright: external entities (XXE) and entity expansion (billion laughs)', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&xxe;</text></svg>';
    expect(await rejection(Buffer.from(xxe))).toBe('has a DOCTYPE or entity declarations; save it as plain SVG without them');
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&lol9;</text></svg>`;
    expect(await rejection(Buffer.from(lol))).toMatch(/DOCTYPE or entity/);
    expect(await rejection(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&undeclared;</text></svg>'))).toMatch(/not well-formed XML/);
  });

  it('refuses broken XML, a missing size, a foreign root and too many elements', async () => {
    expect(await rejection(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect></svg>'))).toMatch(/^is not well-formed XML/);
    expect(await rejection(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'))).toBe('has no size: give its <svg> element a viewBox (or width and height)');
    expect(await rejection(Buffer.from('<svg xmlns="http://example.com/not-svg" viewBox="0 0 1 1"><rect/></svg>'))).toMatch(/its root element must be <svg xmlns/);
    // No namespace at all: read as SVG, stored with it (an <img> shows only namespaced SVG).
    expect((await checkLogo(Buffer.from('<svg viewBox="0 0 20 20"><rect/></svg>'))).bytes.toString()).toContain('xmlns="http://www.w3.org/2000/svg"');
    const many = svg('<rect/>'.repeat(LOGO_LIMITS.maxSvgElements + 1));
    expect(await rejection(many)).toBe('has more than 5,000 elements; simplify it');
    expect(await rejection(Buffer.from([0x3c, 0x73, 0x76, 0x67, 0x20, 0xff, 0xfe, 0x3e]))).toBe('is not UTF-8 text (an SVG file must be)');
  });

  it('takes width and height in px or pt, else the viewBox', async () => {
    expect(await checkLogo(svg('<rect/>', 'width="120" height="30pt"'))).toMatchObject({ width: 120, height: 40 });
    expect(await checkLogo(svg('<rect/>', 'viewBox="0 0 300 75"'))).toMatchObject({ width: 300, height: 75 });
  });
});
