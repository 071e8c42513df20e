/** An npm package spec Switchyard accepts: a registry package name with an optional version, range or tag. */
export interface NpmPackageSpec {
  name: string;
  /** What follows the name's `@`: an exact version, a range or a dist-tag; absent means "latest". */
  version?: string;
}

/**
 * Returns a problem description, or undefined when the spec names a registry package (`name[@version]`).
 * URLs, paths, tarballs, git and alias specs are refused: they would make npm fetch something other than a
 * registry package, and a spec starting with "-" would be read by npm as an option.
 */
export function checkNpmSpec(spec: string): string | undefined {
  const how = 'Use name[@version], e.g. @modelcontextprotocol/server-memory@2026.1.26.';
  if (spec.length === 0) return `npm package spec is empty. ${how}`;
  if (spec.startsWith('-')) return `npm package spec "${spec}" starts with "-" (npm would read it as an option). ${how}`;
  if (/[:\\]/.test(spec) || /^[./~]/.test(spec))
    return `npm package spec "${spec}" looks like a URL, path or git spec; only registry packages are supported. ${how}`;
  const { name, version } = splitSpec(spec);
  const nameProblem = checkPackageName(name);
  if (nameProblem) return `npm package spec "${spec}": ${nameProblem} ${how}`;
  if (version !== undefined && !versionPattern.test(version)) {
    return `npm package spec "${spec}": "${version}" is not a version, range or tag. ${how}`;
  }
  return undefined;
}

/** Splits a spec that checkNpmSpec accepted. */
export function parseNpmSpec(spec: string): NpmPackageSpec {
  const problem = checkNpmSpec(spec);
  if (problem) throw new Error(problem);
  return splitSpec(spec);
}

/** A version, a range (`^1.2`, `>=1 <2`, `1.x || 2.x`) or a dist-tag; never starting with "-", no ":" or "/". */
const versionPattern = /^[A-Za-z0-9^~<>=*.][A-Za-z0-9^~<>=*.+| -]{0,99}$/;
/** The characters npm allows in names (old packages may have upper case), checked per part of `@scope/name`. */
const namePartPattern = /^[A-Za-z0-9~-][A-Za-z0-9._~-]*$/;

function splitSpec(spec: string): NpmPackageSpec {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at === -1 ? { name: spec } : { name: spec.slice(0, at), version: spec.slice(at + 1) };
}

function checkPackageName(name: string): string | undefined {
  if (name.length === 0) return 'the package name is empty.';
  if (name.length > 214) return 'a package name has at most 214 characters.';
  const parts = name.startsWith('@') ? name.slice(1).split('/') : [name];
  if (name.startsWith('@') && parts.length !== 2) return `"${name}" is not a scoped name (@scope/name).`;
  if (!name.startsWith('@') && name.includes('/')) return `"${name}" is not a package name (a GitHub shorthand or path?).`;
  for (const part of parts) {
    if (!namePartPattern.test(part)) return `"${name}" is not a valid npm package name (letters, digits, "-", ".", "_", "~"; not starting with "." or "_").`;
  }
  if (/\.(tgz|tar|tar\.gz)$/i.test(name)) return `"${name}" looks like a tarball; only registry packages are supported.`;
  if (['node_modules', 'favicon.ico'].includes(name.toLowerCase())) return `"${name}" is a name npm reserves.`;
  return undefined;
}
