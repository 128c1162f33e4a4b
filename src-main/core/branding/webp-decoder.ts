// Decodes WebP with libwebp compiled to WebAssembly (@jsquash/webp, Squoosh's codec): the desktop app's main
// process has no image decoder of its own (Chromium's is in the renderer), and pdfkit cannot draw WebP, so an
// uploaded WebP logo is decoded here once, which also proves it is complete, and kept with a PNG rendition.
// The .wasm bytes are inside the bundle (esbuild's binary loader), so nothing is fetched or read at run time.
import decode, { init } from '@jsquash/webp/decode.js';
import wasmBytes from '@jsquash/webp/codec/dec/webp_dec.wasm';

let ready: Promise<void> | null = null;

/** The runtime's WebAssembly (Node and Electron have it; the main tsconfig has no DOM/wasm types). */
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<object> } }).WebAssembly;

export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel. */
  data: Uint8ClampedArray;
}

export async function decodeWebp(bytes: Uint8Array): Promise<DecodedImage> {
  // init() takes the compiled module first (its .d.ts names only the options form).
  ready ??= wasm.compile(wasmBytes).then((module) => (init as unknown as (module: object) => Promise<void>)(module));
  await ready;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const image = await decode(copy.buffer);
  return { width: image.width, height: image.height, data: image.data };
}
