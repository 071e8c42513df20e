/**
 * The window's Content-Security-Policy, declared once: the desktop app sends it as a header on every response
 * of its session (electron/main/window-options.ts), web mode sends it as a header (electron/control/web-server.ts),
 * and the built index.html carries it in a meta tag (renderer/vite.config.ts) for any other way the page is opened.
 * The page needs only its own scripts, styles and images, and in web mode the control WebSocket on loopback.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  // Inline styles: React style props and the component libraries (Radix positioning, the toaster) write them; scripts stay strict.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Directives a browser ignores (with a console warning) in a meta tag; they only work as a header. */
const headerOnlyDirectives = ['frame-ancestors', 'report-uri', 'sandbox'];

/** The same policy as a meta tag can carry it. */
export function metaContentSecurityPolicy(policy: string = contentSecurityPolicy): string {
  return policy
    .split('; ')
    .filter((directive) => !headerOnlyDirectives.includes(directive.split(' ')[0] ?? ''))
    .join('; ');
}
