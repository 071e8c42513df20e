import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './version.js';

/**
 * Files that ship with Switchyard, found the same way from a checkout, from dist/ and from the packaged desktop
 * app. In the packaged app the code sits inside `resources/app.asar`; electron-builder.yml puts the catalog in
 * `resources/catalog` (an extra resource) and unpacks the stdio-socket program to `resources/app.asar.unpacked`,
 * since a file inside an asar cannot be bind-mounted into a container or executed.
 */
export interface BundledLayout {
  /** Where package.json is (inside app.asar in the packaged app). */
  root: string;
  /** Electron's `process.resourcesPath` in the packaged app; undefined in plain Node. */
  resourcesPath?: string | undefined;
}

function currentLayout(): BundledLayout {
  return { root: projectRoot(), resourcesPath: (process as { resourcesPath?: string }).resourcesPath };
}

/** A read-only data file shipped as an extra resource (e.g. `catalog/docker-mcp-catalog.yaml`). */
export function bundledResource(relative: string, layout: BundledLayout = currentLayout()): string {
  if (layout.resourcesPath) {
    const packaged = path.join(layout.resourcesPath, relative);
    if (existsSync(packaged)) return packaged;
  }
  return path.join(layout.root, relative);
}

/** A file that must be a real file on disk (executed, or mounted into a container): outside app.asar when packaged. */
export function unpackedFile(relative: string, layout: BundledLayout = currentLayout()): string {
  return asarUnpacked(path.join(layout.root, relative));
}

/** `…/app.asar/x` → `…/app.asar.unpacked/x`; other paths unchanged. */
export function asarUnpacked(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
