/**
 * The renderer's Content-Security-Policy, sent by both hosts: scripts only from the app itself, no
 * remote content at all, no plugins, no framing. Inline styles are allowed because the component
 * library writes its theme variables into a <style> element; inline scripts are not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
