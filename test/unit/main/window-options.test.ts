import { describe, expect, it, vi } from 'vitest';
import { applySessionPolicy, contentSecurityPolicy, hardenWebContents, secureWindowOptions } from '../../../electron/main/window-options.js';
import { ownRendererUrl, renderer } from './fixtures.js';

// Electron's types, named without importing electron (the lint boundary covers tests too).
type Session = Parameters<typeof applySessionPolicy>[0];
type WebContents = Parameters<typeof hardenWebContents>[0];

// window-options.ts imports only types from electron; fake sessions and web contents record what it sets.

describe('secure window options', () => {
  it('isolates and sandboxes the renderer, with no Node, no webview and no spellcheck', () => {
    const options = secureWindowOptions('/app/dist/electron/preload.cjs');
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    });
  });
});

describe('content security policy', () => {
  function fakeSession() {
    const recorded: {
      onHeaders?: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void;
      onPermission?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    } = {};
    const session = {
      webRequest: { onHeadersReceived: (listener: typeof recorded.onHeaders) => (recorded.onHeaders = listener) },
      setPermissionRequestHandler: (handler: typeof recorded.onPermission) => (recorded.onPermission = handler),
    };
    return { session: session as unknown as Session, recorded };
  }

  function headersFor(devUrl?: string): Record<string, string[]> {
    const { session, recorded } = fakeSession();
    applySessionPolicy(session, { ...renderer, devUrl });
    let response: { responseHeaders: Record<string, string[]> } | undefined;
    recorded.onHeaders?.({ responseHeaders: { 'X-Kept': ['yes'] } }, (r) => (response = r as typeof response));
    return response!.responseHeaders;
  }

  it('allows only our own scripts and no plugins, frames or foreign forms', () => {
    expect(contentSecurityPolicy).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(contentSecurityPolicy).toContain("object-src 'none'");
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy).toContain("form-action 'none'");
  });

  it('is added to every response, keeping the other headers', () => {
    expect(headersFor()).toEqual({ 'X-Kept': ['yes'], 'Content-Security-Policy': [contentSecurityPolicy] });
  });

  it('allows inline scripts only with a dev server', () => {
    expect(headersFor('http://localhost:5173/')['Content-Security-Policy']?.[0]).toContain("script-src 'self' 'unsafe-inline'");
  });

  it('denies browser permissions except writing to the clipboard', () => {
    const { session, recorded } = fakeSession();
    applySessionPolicy(session, renderer);
    const answers: Record<string, boolean> = {};
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-sanitized-write']) {
      recorded.onPermission?.({}, permission, (granted) => (answers[permission] = granted));
    }
    expect(answers).toEqual({ media: false, geolocation: false, notifications: false, 'clipboard-sanitized-write': true });
  });
});

describe('hardenWebContents', () => {
  function hardened() {
    const listeners = new Map<string, (event: { url?: string; preventDefault(): void }) => void>();
    let openHandler: ((details: { url: string }) => unknown) | undefined;
    const contents = {
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
      on: (name: string, listener: (event: { url?: string; preventDefault(): void }) => void) => listeners.set(name, listener),
    };
    const opened: string[] = [];
    hardenWebContents(contents as unknown as WebContents, renderer, (url) => opened.push(url));
    const fire = (name: string, url?: string) => {
      const event = { url, preventDefault: vi.fn() };
      listeners.get(name)?.(event);
      return event.preventDefault.mock.calls.length > 0;
    };
    return { open: (url: string) => openHandler?.({ url }), fire, opened };
  }

  it('denies every window.open', () => {
    expect(hardened().open('https://example.com/')).toEqual({ action: 'deny' });
    expect(hardened().open(ownRendererUrl)).toEqual({ action: 'deny' });
  });

  it('hands https links (and http to this machine) to the OS browser, nothing else', () => {
    const window = hardened();
    for (const url of [
      'https://docs.github.com/x',
      'http://127.0.0.1:8819/health',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'vscode://open',
    ]) {
      expect(window.open(url)).toEqual({ action: 'deny' });
    }
    expect(window.opened).toEqual(['https://docs.github.com/x', 'http://127.0.0.1:8819/health']);
  });

  it('blocks navigation away from our renderer and allows it within', () => {
    const { fire } = hardened();
    expect(fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', `${ownRendererUrl}#/servers`)).toBe(false);
  });

  it('refuses to attach webviews', () => {
    expect(hardened().fire('will-attach-webview')).toBe(true);
  });
});
