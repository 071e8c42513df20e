import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../../shared/content-security-policy.js';
import { isOwnRendererUrl, type RendererLocation } from './renderer-location.js';

/**
 * The renderer is an ordinary web page with no Node access: everything it may do goes through the typed API
 * the preload exposes. These options follow Electron's security checklist.
 */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Switchyard',
    width: 1100,
    height: 720,
    minWidth: 760,
    minHeight: 520,
    show: false, // shown on ready-to-show, so the user never sees a blank frame
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Our renderer needs only its own bundled scripts, styles and images: the one policy in shared/. */
export { contentSecurityPolicy };

// The Vite dev server injects an inline script (React refresh preamble); development only.
const devContentSecurityPolicy = contentSecurityPolicy.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");

// Copy buttons (e.g. a client's connect command) are the one browser permission the UI uses.
const grantedPermissions = new Set<string>(['clipboard-sanitized-write']);

/** Applies the CSP to every response of the session and denies the browser permissions we do not use. */
export function applySessionPolicy(session: Session, renderer: RendererLocation): void {
  const policy = renderer.devUrl === undefined ? contentSecurityPolicy : devContentSecurityPolicy;
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(grantedPermissions.has(permission)));
}

/**
 * No new windows and no navigation away from our renderer, whatever a page or a link asks for. A link the page
 * opens in a new window (the window's messages link to docs and consoles) goes to the OS browser instead, but
 * only an https link, or http to this machine: never file:, javascript: or a custom scheme.
 */
export function hardenWebContents(contents: WebContents, renderer: RendererLocation, openExternal: (url: string) => unknown = () => undefined): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isBrowserLink(url)) void openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isOwnRendererUrl(event.url, renderer)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** A link worth handing to the OS browser: https anywhere, http only to this machine. */
export function isBrowserLink(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}
