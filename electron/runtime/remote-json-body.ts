/**
 * What remote MCP servers really put in an `application/json` answer to a POST: one JSON-RPC message, a batch
 * array, or (some servers) several messages one after another, usually one per line (a progress notification,
 * then the result). The SDK's HTTP client reads only the first two; this fetch wrapper hands it every message
 * as a batch, and answers a body that is not JSON-RPC at all with a JSON-RPC error for each request of the POST,
 * so the caller learns what the server sent instead of a "could not reach".
 */

type Fetch = typeof fetch;

/** `fetch` for the SDK's Streamable HTTP client transport: successful JSON answers to a POST are normalised. */
export function fetchAcceptingMultiMessageJson(describeServer: string, base: Fetch = fetch): Fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (init?.method !== 'POST' || response.status !== 200 || mediaType(response.headers.get('content-type')) !== 'application/json') return response;
    const text = await response.text();
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    const parsed = parseJsonRpcBody(text);
    const messages = 'messages' in parsed ? parsed.messages : bodyErrors(init.body, `${describeServer} answered with ${parsed.problem}: ${excerpt(text)}`);
    const body = JSON.stringify(messages.length === 1 ? messages[0] : messages);
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** Every JSON-RPC message in a body, or what is wrong with it. */
export function parseJsonRpcBody(text: string): { messages: unknown[] } | { problem: string } {
  let values: unknown[];
  try {
    values = splitJsonValues(text);
  } catch (error) {
    return { problem: `a body that is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const messages = values.flatMap((value) => (Array.isArray(value) ? (value as unknown[]) : [value]));
  if (messages.length === 0) return { problem: 'an empty JSON body' };
  const stray = messages.find((message) => !isJsonRpcMessage(message));
  if (stray !== undefined) return { problem: `JSON that is not a JSON-RPC 2.0 message (${excerpt(JSON.stringify(stray))})` };
  return { messages };
}

/** The top-level JSON values of a text, in order: one, or several written one after another (with or without newlines). */
export function splitJsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let start = -1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (start === -1) {
      if (/\s/.test(char)) continue;
      if (char !== '{' && char !== '[') {
        // A lone scalar (or garbage): only valid as the whole body.
        values.push(JSON.parse(text.slice(i)));
        return values;
      }
      start = i;
    }
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) {
        values.push(JSON.parse(text.slice(start, i + 1)));
        start = -1;
      }
    }
  }
  if (start !== -1) throw new SyntaxError(`the body ends inside a JSON value (at position ${text.length})`);
  return values;
}

function isJsonRpcMessage(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const message = value as Record<string, unknown>;
  return message.jsonrpc === '2.0' && (typeof message.method === 'string' || 'result' in message || 'error' in message);
}

/** A JSON-RPC error for each request the POST carried (a body we cannot read answers none of them). */
function bodyErrors(requestBody: unknown, message: string): unknown[] {
  let sent: unknown;
  try {
    sent = typeof requestBody === 'string' ? JSON.parse(requestBody) : undefined;
  } catch {
    sent = undefined;
  }
  const requests = (Array.isArray(sent) ? sent : [sent]).filter(
    (request): request is { id: string | number } =>
      typeof request === 'object' &&
      request !== null &&
      'method' in request &&
      (typeof (request as { id?: unknown }).id === 'string' || typeof (request as { id?: unknown }).id === 'number'),
  );
  return requests.map((request) => ({ jsonrpc: '2.0', id: request.id, error: { code: -32603, message, data: { reason: 'invalid_response_body' } } }));
}

function mediaType(header: string | null): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
