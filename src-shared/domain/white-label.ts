// White label and the partner duties (spec §8; seed "Integrating the FlickRocket backend with your domain and
// brand" and "Partner requirements"). The limits and defaults live here, in one place, for the core's checks,
// the console's upload form and the docs.

/** What a partner may upload as its logo, and the limits (checked on the file's content, never its name). */
export const LOGO_LIMITS = {
  /** Largest file accepted (512 KiB): a logo, not a photo; as base64 it still fits the console's 1 MiB request. */
  maxBytes: 524_288,
  /** Longest side of a raster logo, in pixels. */
  maxSide: 2_048,
  /** Pixels of a raster logo (width × height): 4 megapixels, so decoding never needs more than 16 MB. */
  maxPixels: 4_194_304,
  /** Shortest side of a raster logo, in pixels (smaller ones are unreadable top-left). */
  minSide: 16,
  /** Elements of an SVG logo. */
  maxSvgElements: 5_000,
} as const;

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
export type LogoMime = (typeof LOGO_TYPES)[number];
export const LOGO_TYPE_NAMES: Record<LogoMime, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/svg+xml': 'SVG',
};

/** The platform's admin host a partner's admin domain points at with a CNAME record (seed: "via C-NAME DNS
 * record to admin.flickrocket.com"). A platform setting (`whiteLabel.cnameTarget`); this is its default. */
export const DEFAULT_CNAME_TARGET = 'admin.flickrocket.com';

/** The seed's "Partner requirements", word for word (a test compares them with the seed file). */
export const PARTNER_DUTIES = [
  'FlickRocket partner must not be in any way affiliated with the clients they set up as FlickRocket Publishers.',
  'FlickRocket partners need to place the FlickRocket logo (templates below) with a link to www.flickrocket.com on a page reachable within one click from the home page.',
  "FlickRocket partners that manage shops for clients agree to make sure that their client's products do not violate 3rd party rights nor are legally restricted from being sold.",
  'In case of any customer complaints, shop owner complaints or 3rd party complaints, partners agree to work diligently and without delay with FlickRocket to resolve the problem.',
] as const;

/** Short names of the four duties (headings in the settings; the text itself is PARTNER_DUTIES). */
export const PARTNER_DUTY_TITLES = ['No affiliation with your clients', 'Platform logo with a link', "Your clients' products", 'Complaints'] as const;

/** A host name a partner can point at the platform: lower-case labels, at least one dot, no scheme or path. */
export const HOST_NAME = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "512 KB", "1.4 MB": a file size for a message. */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}
