import path from 'node:path';

/**
 * The script an npm package runs as its command, relative to the package folder (normalized, "/"-separated):
 * `bin` as a string; else the entry named like the package (without scope); else the only entry. Throws an
 * Error naming the entries when none of these picks one, or when the path would leave the package folder.
 */
export function resolvePackageBin(packageJson: unknown, packageName: string): string {
  const bin = (packageJson as { bin?: unknown } | null)?.bin;
  const chosen = chooseBin(bin, packageName);
  return safeRelativePath(chosen, packageName);
}

function chooseBin(bin: unknown, packageName: string): string {
  if (typeof bin === 'string' && bin.length > 0) return bin;
  if (bin === undefined || bin === null) {
    throw new Error(`package "${packageName}" declares no "bin" in its package.json, so there is no command to run. Is it an MCP server package?`);
  }
  if (typeof bin !== 'object' || Array.isArray(bin)) throw new Error(`package "${packageName}" has a "bin" that is neither a path nor an object of paths.`);
  const entries = Object.entries(bin as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length > 0,
  );
  const unscoped = packageName.replace(/^@[^/]+\//, '');
  const named = entries.find(([command]) => command === unscoped);
  if (named) return named[1];
  if (entries.length === 1) return entries[0]![1];
  if (entries.length === 0) throw new Error(`package "${packageName}" has an empty "bin", so there is no command to run.`);
  throw new Error(
    `package "${packageName}" has several commands (${entries.map(([command]) => command).join(', ')}) and none is named "${unscoped}", so Switchyard cannot tell which one is the MCP server. Build an image yourself and use --image.`,
  );
}

function safeRelativePath(bin: string, packageName: string): string {
  const normalized = path.posix.normalize(bin.replaceAll('\\', '/'));
  if (normalized.startsWith('/') || normalized === '..' || normalized.startsWith('../') || normalized === '.') {
    throw new Error(`package "${packageName}" has a bin path "${bin}" outside its own folder.`);
  }
  if (!/^[A-Za-z0-9._@+/-]+$/.test(normalized))
    throw new Error(`package "${packageName}" has a bin path "${bin}" with characters Switchyard does not put in an ENTRYPOINT.`);
  return normalized;
}
