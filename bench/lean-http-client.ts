import { Agent, request } from 'node:http';

/**
 * A minimal MCP client over Streamable HTTP for the benchmark: one keep-alive connection, one POST per call,
 * the answer read as JSON or as the first `data:` event of an SSE stream. It spends a fraction of the SDK
 * client's CPU per call (undici, per-request abort signals), so the two servers' own costs, not the client's,
 * decide their ratio. Both servers are measured with it and with the SDK client.
 */
export class LeanHttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private sessionId: string | undefined;
  private protocolVersion = '2025-11-25';
  private nextId = 1;

  constructor(
    private readonly url: URL,
    private readonly token: string | undefined,
  ) {}

  async connect(): Promise<void> {
    const init = await this.post({
      jsonrpc: '2.0',
      id: this.nextId++,
      method: 'initialize',
      params: { protocolVersion: this.protocolVersion, capabilities: {}, clientInfo: { name: 'bench-lean', version: '1' } },
    });
    this.protocolVersion = String((init.result as { protocolVersion?: string } | undefined)?.protocolVersion ?? this.protocolVersion);
    await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
  }

  /** The same shape as the SDK client's callTool, for the shared bench loops. */
  async callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<{ content: unknown }> {
    const answer = await this.post({ jsonrpc: '2.0', id: this.nextId++, method: 'tools/call', params });
    if (answer.error) throw new Error(`tools/call failed: ${JSON.stringify(answer.error)}`);
    return answer.result as { content: unknown };
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }

  private post(message: Record<string, unknown>): Promise<{ result?: unknown; error?: unknown }> {
    const body = JSON.stringify(message);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'content-length': String(Buffer.byteLength(body)),
      'mcp-protocol-version': this.protocolVersion,
    };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.sessionId) headers['mcp-session-id'] = this.sessionId;
    return new Promise((resolve, reject) => {
      const req = request(this.url, { method: 'POST', agent: this.agent, headers }, (response) => {
        const session = response.headers['mcp-session-id'];
        if (typeof session === 'string') this.sessionId = session;
        let text = '';
        response.setEncoding('utf8');
        const isStream = String(response.headers['content-type'] ?? '').includes('text/event-stream');
        const finish = (json: string) => {
          try {
            resolve(json === '' ? {} : (JSON.parse(json) as { result?: unknown; error?: unknown }));
          } catch (error) {
            reject(error as Error);
          }
        };
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          if (response.statusCode && response.statusCode >= 400) return reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`));
          if (message.id === undefined) return finish('');
          // A POST's SSE stream ends once its answer is sent: the answer is its last data event.
          finish(
            isStream
              ? (text
                  .match(/(?:^|\n)data: ?(.*)/g)
                  ?.at(-1)
                  ?.replace(/^\n?data: ?/, '') ?? '')
              : text,
          );
        });
        response.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}
