import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../../shared/content-security-policy.js';
import { webContentSecurityPolicy } from '../../../electron/control/web-server.js';
import { contentSecurityPolicy as windowPolicy } from '../../../electron/main/window-options.js';

const builtIndex = path.resolve(import.meta.dirname, '../../../dist/renderer/index.html');

describe('one Content-Security-Policy for the window, web mode and the built page', () => {
  it('is the same policy in the desktop window and in web mode', () => {
    expect(windowPolicy).toBe(contentSecurityPolicy);
    expect(webContentSecurityPolicy).toBe(contentSecurityPolicy);
  });

  it('is in the built index.html, less only the directives a meta tag cannot carry', () => {
    expect(existsSync(builtIndex), 'dist/renderer/index.html: run `npm run build:renderer` first').toBe(true);
    const html = readFileSync(builtIndex, 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(metaContentSecurityPolicy());
    expect(metaContentSecurityPolicy()).toBe(contentSecurityPolicy.replace("; frame-ancestors 'none'", ''));
    expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
  });
});
