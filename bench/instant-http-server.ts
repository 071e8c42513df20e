import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

/**
 * `node instant-http-server.js PORT`: an MCP server over Streamable HTTP (2025-11-25, JSON answers) that
 * answers `echo` at once, with no backend behind it. No server that relays to a container can answer faster,
 * so a client's latency against it is the floor of any HTTP gateway on this machine with that client.
 */
const port = Number(process.argv[2]);
const sessions = new Set<string>();

const server = createServer((request, response) => {
  if (request.method === 'GET') return void response.writeHead(405, { Allow: 'POST, DELETE' }).end();
  if (request.method === 'DELETE') return void response.writeHead(200).end();
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: number | string; method?: string; params?: Record<string, unknown> };
    if (message.id === undefined) return void response.writeHead(202).end();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    let answer: Record<string, unknown>;
    if (message.method === 'initialize') {
      const sessionId = randomUUID();
      sessions.add(sessionId);
      headers['mcp-session-id'] = sessionId;
      answer = { result: { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'instant', version: '1' } } };
    } else if (message.method === 'tools/list') {
      answer = { result: { tools: [{ name: 'echo', inputSchema: { type: 'object', properties: { message: { type: 'string' } } } }] } };
    } else if (message.method === 'tools/call') {
      const args = (message.params?.arguments ?? {}) as { message?: string };
      answer = { result: { content: [{ type: 'text', text: `Echo: ${args.message ?? ''}` }] } };
    } else if (message.method === 'ping') {
      answer = { result: {} };
    } else {
      answer = { error: { code: -32601, message: `Method not found: ${String(message.method)}` } };
    }
    response.writeHead(200, headers).end(JSON.stringify({ jsonrpc: '2.0', id: message.id, ...answer }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => process.stderr.write(`instant server on ${port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
