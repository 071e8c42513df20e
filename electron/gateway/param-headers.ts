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
    // A boolean schema (or a broken one) declares nothing.
    if (typeof property !== 'object' || property === null) return [];
    const here = [...path, key];
    const name = property['x-mcp-header'];
    // Only an RFC 9110 token can name a header: anything else is ignored, as conforming clients ignore it.
    const own =
      typeof name === 'string' && headerToken.test(name)
        ? [{ headerName: name, path: here, ...(typeof property.type === 'string' ? { type: property.type } : {}) }]
        : [];
    return [...own, ...headerDeclarations(property, here)];
  });
}

const headerToken = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** What is wrong with the headers for these arguments, or undefined when they agree. */
export function paramHeaderProblem(
  declarations: HeaderDeclaration[],
  args: unknown,
  header: (name: string) => string | undefined,
): { header: string; reason: string } | undefined {
  for (const declaration of declarations) {
    const name = `Mcp-Param-${declaration.headerName}`;
    const body = valueAt(args, declaration.path);
    if (body === undefined || body === null || typeof body === 'object') continue;
    const raw = header(name.toLowerCase());
    if (raw === undefined)
      return { header: name, reason: `the body carries ${declaration.path.join('.')}=${JSON.stringify(body)} but the ${name} header is absent` };
    const decoded = decode(raw.trim());
    if (decoded === undefined) return { header: name, reason: `the ${name} header carries an invalid Base64 sentinel value` };
    const numeric = (declaration.type === 'integer' || declaration.type === 'number') && typeof body === 'number' && canonicalDecimal.test(decoded);
    if (numeric ? Number(decoded) !== body : decoded !== String(body)) {
      return {
        header: name,
        reason: `the ${name} header decodes to ${JSON.stringify(decoded)} but the body carries ${declaration.path.join('.')}=${JSON.stringify(body)}`,
      };
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

/**
 * The `Mcp-Param-*` headers a 2026-07-28 client sends with a `tools/call` whose tool declares them: each
 * declared argument present in `args` as a string, number or boolean, in plain text when it is printable ASCII
 * without surrounding spaces, else as `=?base64?<UTF-8 bytes>?=` (SEP-2243). The gateway sends them to an HTTP
 * backend itself, computed from the arguments it relays, so a caller that sent none (a 2025-era client, stdio)
 * or whose arguments a hook rewrote still reaches a backend that checks them.
 */
export function mcpParamHeaders(declarations: HeaderDeclaration[], args: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const declaration of declarations) {
    const text = primitiveText(valueAt(args, declaration.path));
    if (text !== undefined) headers[`Mcp-Param-${declaration.headerName}`] = encodeParamValue(text);
  }
  return headers;
}

/** The `Mcp-Param-*` headers of an incoming HTTP request (Node gives header names in lower case). */
export function paramHeadersOf(headers: Record<string, string | string[] | undefined>): Record<string, string> | undefined {
  let found: Record<string, string> | undefined;
  // for...in, not Object.entries: this runs on every request, and almost none carry such a header.
  for (const name in headers) {
    if (!name.startsWith('mcp-param-')) continue;
    const value = headers[name];
    if (value !== undefined) (found ??= {})[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return found;
}

/**
 * What the gateway sends a backend: its own headers for what the backend's tool declares, and every other
 * `Mcp-Param-*` header the caller sent, passed on as it came (a header the gateway does not recognise may
 * mean something to the server).
 */
export function backendParamHeaders(
  declarations: HeaderDeclaration[],
  args: unknown,
  fromCaller: Record<string, string> | undefined,
): Record<string, string> | undefined {
  const declared = new Set(declarations.map((declaration) => `mcp-param-${declaration.headerName.toLowerCase()}`));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(fromCaller ?? {})) if (!declared.has(name.toLowerCase())) headers[name] = value;
  Object.assign(headers, mcpParamHeaders(declarations, args));
  return Object.keys(headers).length > 0 ? headers : undefined;
}

function primitiveText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value))) return String(value);
  return undefined;
}

function encodeParamValue(text: string): string {
  const plain = text.length > 0 && text === text.trim() && !(text.startsWith(base64Prefix) && text.endsWith(base64Suffix)) && /^[\t\x20-\x7e]*$/.test(text);
  return plain ? text : `${base64Prefix}${Buffer.from(text, 'utf8').toString('base64')}${base64Suffix}`;
}
