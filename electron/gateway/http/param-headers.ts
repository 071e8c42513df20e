/**
 * SEP-2243 custom headers (2026-07-28): a tool may mark arguments with `x-mcp-header: <Name>`; a client then
 * mirrors each such value in `Mcp-Param-<Name>` (plain, or `=?base64?<payload>?=`). A server that reads the
 * body must reject a missing, undecodable or disagreeing header with 400 / -32020.
 */
export interface HeaderDeclaration {
  headerName: string;
  /** Where the value sits in `arguments`. */
  path: string[];
  type?: string;
}

const base64Prefix = '=?base64?';
const base64Suffix = '?=';
const canonicalBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const canonicalDecimal = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The `x-mcp-header` declarations in a tool's input schema (nested object properties included). */
export function headerDeclarations(schema: unknown, path: string[] = []): HeaderDeclaration[] {
  const properties = (schema as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties;
  if (!properties || typeof properties !== 'object') return [];
  return Object.entries(properties).flatMap(([key, property]) => {
    const here = [...path, key];
    const own = typeof property['x-mcp-header'] === 'string' ? [{ headerName: property['x-mcp-header'], path: here, ...(typeof property.type === 'string' ? { type: property.type } : {}) }] : [];
    return [...own, ...headerDeclarations(property, here)];
  });
}

/** What is wrong with the headers for these arguments, or undefined when they agree. */
export function paramHeaderProblem(declarations: HeaderDeclaration[], args: unknown, header: (name: string) => string | undefined): { header: string; reason: string } | undefined {
  for (const declaration of declarations) {
    const name = `Mcp-Param-${declaration.headerName}`;
    const body = valueAt(args, declaration.path);
    if (body === undefined || body === null || typeof body === 'object') continue;
    const raw = header(name.toLowerCase());
    if (raw === undefined) return { header: name, reason: `the body carries ${declaration.path.join('.')}=${JSON.stringify(body)} but the ${name} header is absent` };
    const decoded = decode(raw.trim());
    if (decoded === undefined) return { header: name, reason: `the ${name} header carries an invalid Base64 sentinel value` };
    const numeric = (declaration.type === 'integer' || declaration.type === 'number') && typeof body === 'number' && canonicalDecimal.test(decoded);
    if (numeric ? Number(decoded) !== body : decoded !== String(body)) {
      return { header: name, reason: `the ${name} header decodes to ${JSON.stringify(decoded)} but the body carries ${declaration.path.join('.')}=${JSON.stringify(body)}` };
    }
  }
  return undefined;
}

function decode(value: string): string | undefined {
  if (!(value.startsWith(base64Prefix) && value.endsWith(base64Suffix))) return value;
  const payload = value.slice(base64Prefix.length, value.length - base64Suffix.length);
  if (!canonicalBase64.test(payload)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(payload, 'base64'));
  } catch {
    return undefined;
  }
}

function valueAt(root: unknown, path: string[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
