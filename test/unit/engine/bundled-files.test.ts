import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { asarUnpacked, bundledResource, unpackedFile } from '../../../electron/core/bundled-files.js';

describe('bundled files in a checkout and in the packaged app', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const packagedApp = () => {
    const resources = mkdtempSync(path.join(tmpdir(), 'switchyard-resources-'));
    dirs.push(resources);
    mkdirSync(path.join(resources, 'catalog'));
    writeFileSync(path.join(resources, 'catalog', 'docker-mcp-catalog.yaml'), 'registry: {}\n');
    return { root: path.join(resources, 'app.asar'), resourcesPath: resources };
  };

  it('reads the catalog from the extra resources when packaged, else from the project root', () => {
    const layout = packagedApp();
    expect(bundledResource('catalog/docker-mcp-catalog.yaml', layout)).toBe(path.join(layout.resourcesPath, 'catalog', 'docker-mcp-catalog.yaml'));
    expect(bundledResource('catalog/docker-mcp-catalog.yaml', { root: '/work/checkout' })).toBe(
      path.join('/work/checkout', 'catalog', 'docker-mcp-catalog.yaml'),
    );
    // Electron's process.resourcesPath without the file there (running from a checkout with `electron .`).
    expect(bundledResource('catalog/other.yaml', layout)).toBe(path.join(layout.root, 'catalog', 'other.yaml'));
  });

  it('points files that must be real files outside app.asar', () => {
    expect(unpackedFile('dist/stdio-socket/stdio-socket-linux-x64', { root: '/opt/Switchyard/resources/app.asar' })).toBe(
      '/opt/Switchyard/resources/app.asar.unpacked/dist/stdio-socket/stdio-socket-linux-x64',
    );
    expect(unpackedFile('dist/stdio-socket/stdio-socket-linux-x64', { root: '/work/checkout' })).toBe(
      '/work/checkout/dist/stdio-socket/stdio-socket-linux-x64',
    );
    expect(asarUnpacked('C:\\Program Files\\Switchyard\\resources\\app.asar\\dist\\x')).toBe(
      'C:\\Program Files\\Switchyard\\resources\\app.asar.unpacked\\dist\\x',
    );
    expect(asarUnpacked('/home/me/app.asarx/dist')).toBe('/home/me/app.asarx/dist');
  });
});
