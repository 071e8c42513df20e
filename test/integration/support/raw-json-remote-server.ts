import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A 2025-era Streamable HTTP server written by hand (no SDK), on 127.0.0.1, answering the way some real servers
 * do and the SDK server never does: always `application/json`, even for a call with progress (the notification
 * and the result in one body, one per line), an answer that is not JSON at all, and a slow call that sends
 * nothing until its result.
 */
export interface RawJsonRemoteServer {
  /** `http://127.0.0.1:<port>/mcp` */
  readonly url: string;
  close(): Promise<void>;
}

/** How long `slow-silent` waits before answering. */
export const slowSilentMs = 3_000;

const tools = [
  { name: 'progress-then-result', description: 'One progress notification, then the result, in one JSON body', inputSchema: { type: 'object' } },
  { name: 'not-json', description: 'Answers with a body that is not JSON', inputSchema: { type: 'object' } },
  { name: 'slow-silent', description: `Sends nothing for ${slowSilentMs} ms, then the result`, inputSchema: { type: 'object' } },
];

export async function startRawJsonRemoteServer(): Promise<RawJsonRemoteServer> {
  const sessionId = 'raw-json-session';
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST') return void res.writeHead(405).end();
      const message = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        id?: number | string;
        method?: string;
        params?: { name?: string; _meta?: { progressToken?: unknown } };
      };
      if (message.id === undefined) return void res.writeHead(202).end();
      const result = (value: unknown) => ({ jsonrpc: '2.0', id: message.id, result: value });
      switch (message.method) {
        case 'initialize':
          return json(res, [result({ protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'raw-json', version: '1.0.0' } })], {
            'mcp-session-id': sessionId,
          });
        case 'tools/list':
          return json(res, [result({ tools })]);
        case 'tools/call':
          return call(res, message.params?.name, message.params?._meta?.progressToken, result);
        case 'ping':
          return json(res, [result({})]);
        default:
          return json(res, [{ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: `Method not found: ${message.method}` } }]);
      }
    });
  });

  function call(res: ServerResponse, name: string | undefined, progressToken: unknown, result: (value: unknown) => unknown): void {
    if (name === 'progress-then-result') {
      const progress = { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: progressToken ?? 'none', progress: 1, total: 2 } };
      return json(res, [progress, result({ content: [{ type: 'text', text: 'done after progress' }] })]);
    }
    if (name === 'not-json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('<html>Service temporarily unavailable</html>');
      return;
    }
    if (name === 'slow-silent') {
      setTimeout(() => json(res, [result({ content: [{ type: 'text', text: 'finally' }] })]), slowSilentMs);
      return;
    }
    json(res, [result({ content: [{ type: 'text', text: `unknown tool ${name}` }], isError: true })]);
  }

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** An `application/json` body of one message per line. */
function json(res: ServerResponse, messages: unknown[], headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(messages.map((message) => JSON.stringify(message)).join('\n'));
}
