// The console's Content-Security-Policy, one string for both hosts (Electron's app:// protocol and the
// browser host): scripts and connections only from the app itself; no plugins, no <base>, no framing,
// no form posts. src-renderer/index.html carries the same policy as a meta tag.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
