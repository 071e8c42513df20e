import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A stack trace with the frames of the bundled CLI (dist/cli, built with external source maps) pointed back at
 * the TypeScript they came from. The maps are read here, when an error is being reported, and never on the
 * start-up path: Node's own --enable-source-maps reads every chunk's map as it loads (~30 ms more for
 * `--version`). Frames without a map (Node's own, node_modules) stay as they are.
 */
export function sourceMappedStack(stack: string): string {
  const maps = new Map<string, { map: SourceMap; folder: string } | undefined>();
  const mapOf = (url: string) => {
    if (!maps.has(url)) {
      try {
        const file = fileURLToPath(url);
        maps.set(url, { map: new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))), folder: path.dirname(file) });
      } catch {
        maps.set(url, undefined);
      }
    }
    return maps.get(url);
  };
  return stack.replace(/(file:\/\/[^\s()]+\.js):(\d+):(\d+)/g, (frame, url: string, line: string, column: string) => {
    const found = mapOf(url);
    const entry = found?.map.findEntry(Number(line) - 1, Number(column) - 1) as
      { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
    if (!found || !entry?.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return frame;
    const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : path.resolve(found.folder, entry.originalSource);
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
