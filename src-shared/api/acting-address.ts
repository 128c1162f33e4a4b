// The console window's address names the company the window acts as: `#/c/<companyId>/<screen path>` for a
// client, `#/<screen path>` for Self. The renderer's router reads and writes it (src-renderer/router/location.ts);
// the desktop app opens a window on one ("Open in new window") and titles each window by it.

/** The path prefix of a client's screens: `#/c/42/store/products`. */
export const CLIENT_PREFIX = 'c';

export interface SplitHash {
  /** The acting company the address names (null: Self). */
  acting: number | null;
  /** The screen's part of the address, with its query (`/store/products?q=x`), always starting with `/`. */
  path: string;
}

/** Splits a hash (with or without `#`) into the acting company and the screen path. */
export function splitHash(hash: string): SplitHash {
  const raw = hash.replace(/^#/, '') || '/';
  const match = /^\/c\/([1-9][0-9]{0,14})(?=\/|\?|$)(.*)$/.exec(raw);
  if (!match) return { acting: null, path: raw.startsWith('/') ? raw : `/${raw}` };
  const rest = match[2] || '/';
  return { acting: Number(match[1]), path: rest.startsWith('/') ? rest : `/${rest}` };
}

/** The hash (with `#`) of a screen path for an acting company (null: Self). */
export function joinHash(acting: number | null, path: string): string {
  const screen = path.startsWith('/') ? path : `/${path}`;
  if (acting === null) return `#${screen}`;
  return `#/${CLIENT_PREFIX}/${acting}${screen === '/' ? '/' : screen}`;
}

