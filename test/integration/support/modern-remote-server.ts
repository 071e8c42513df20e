import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, fromJsonSchema, McpServer } from '@modelcontextprotocol/server';

/**
 * A 2026-07-28-only MCP server over HTTP in the test process, on 127.0.0.1 (the SDK's stateless handler; a
 * 2025-era `initialize` is refused). Its `locate` tool declares `x-mcp-header: Region`, so the SDK refuses a
 * call whose `Mcp-Param-Region` header is missing or disagrees with the body (400, -32020).
 */
export interface ModernRemoteServer {
  /** `http://127.0.0.1:<port>/mcp` */
  readonly url: string;
  /** The `Mcp-Param-*` headers of each tools/call POST that reached it (lower-case names), in order. */
  readonly toolCallHeaders: Array<Record<string, string>>;
  /** The status it answered each tools/call with. */
  readonly toolCallStatuses: number[];
  close(): Promise<void>;
}

export async function startModernRemoteServer(): Promise<ModernRemoteServer> {
  const toolCallHeaders: Array<Record<string, string>> = [];
  const toolCallStatuses: number[] = [];
  const handler = createMcpHandler(() => modernServer(), { legacy: 'reject' });

  const http = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const isToolCall = body.length > 0 && (JSON.parse(body.toString('utf8')) as { method?: string }).method === 'tools/call';
      if (isToolCall)
        toolCallHeaders.push(Object.fromEntries(Object.entries(req.headers).filter(([name]) => name.startsWith('mcp-param-')) as Array<[string, string]>));
      const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body.length > 0 ? { body } : {}) });
      const response = await handler.fetch(request);
      if (isToolCall) toolCallStatuses.push(response.status);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    toolCallHeaders,
    toolCallStatuses,
    async close() {
      await handler.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

// x-mcp-header is an extension keyword the SDK's JSON Schema type does not list.
const locateSchema = {
  type: 'object',
  properties: { region: { type: 'string', 'x-mcp-header': 'Region' }, text: { type: 'string' } },
  required: ['region'],
} as unknown as Parameters<typeof fromJsonSchema>[0];

function modernServer(): McpServer {
  const server = new McpServer({ name: 'modern-remote-fixture', version: '1.0.0' });
  server.registerTool(
    'locate',
    {
      description: 'Says where a request was routed; its region is mirrored in the Mcp-Param-Region header',
      inputSchema: fromJsonSchema<{ region: string; text?: string }>(locateSchema),
    },
    async ({ region, text }) => ({ content: [{ type: 'text', text: `routed to ${region}: ${text ?? ''}` }] }),
  );
  return server;
}
