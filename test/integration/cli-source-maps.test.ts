import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceMappedStack } from '../../electron/cli/source-mapped-stack.js';
import { repoRoot } from './support/gateway-process.js';

/** Where `text` starts in `file`: 1-based line and column, as a stack frame names them. */
function positionOf(file: string, text: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((one) => one.includes(text));
  expect(line, `${text} in ${file}`).toBeGreaterThanOrEqual(0);
  return { line: line + 1, column: lines[line]!.indexOf(text) + 1 };
}

describe('stack traces of the bundled CLI', () => {
  it('name the TypeScript a frame of dist/cli came from (the build writes source maps beside the bundle)', () => {
    const bundle = path.join(repoRoot, 'dist', 'cli', 'index.js');
    const source = path.join(repoRoot, 'electron', 'cli', 'index.ts');
    const inBundle = positionOf(bundle, 'async function main(');
    const inSource = positionOf(source, 'async function main(');
    const stack = [
      'Error: boom',
      `    at main (${pathToFileURL(bundle).href}:${inBundle.line}:${inBundle.column})`,
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ].join('\n');
    const mapped = sourceMappedStack(stack).split('\n');
    expect(mapped[1]).toBe(`    at main (${source}:${inSource.line}:${inSource.column})`);
    // Node's own frames, which have no map, are left as they were.
    expect(mapped[2]).toBe('    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)');
  });
});
