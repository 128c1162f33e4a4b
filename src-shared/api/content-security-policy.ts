// The console's Content-Security-Policy, one string for both hosts (Electron's app:// protocol and the
// browser host): scripts and connections only from the app itself; no plugins, no <base>, no form posts; it may
// not be framed, and it frames only its own pages (browser mode's embedded-app wrapper, `/embed/…`, whose own
// policy then allows exactly one app's origin; see docs/embedded-apps.md). src-renderer/index.html carries the
// same policy as a meta tag.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
