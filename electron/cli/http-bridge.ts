import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { NdjsonTransport } from '../gateway/ndjson-transport.js';

/** The gateway token the bridge sends: the one it started with, and how to read the current one again. */
export interface BridgeToken {
  token: string | undefined;
  /** The token in the settings now (after `gateway.rotateToken` in the window, or an edit by hand). */
  reread(): string | undefined;
}

/**
 * The bridge over the gateway's Streamable HTTP endpoint, for a gateway without a bridge socket (Windows, a
 * home path too long for a socket, an older gateway). Relays messages verbatim both ways; only the protocol
 * version is read, for the HTTP header it needs. A request refused with 401 (the token was rotated while the
 * client stayed connected) is sent once more with the token read again from the settings.
 */
export async function bridgeOverHttp(url: URL, auth: BridgeToken): Promise<void> {
  const stdio = new NdjsonTransport(process.stdin, process.stdout);
  let token = auth.token;
  const http = new StreamableHTTPClientTransport(url, {
    authProvider: {
      token: async () => token,
      onUnauthorized: async () => {
        token = auth.reread();
      },
    },
  });
  const initializeIds = new Set<unknown>();

  stdio.onmessage = (message: JSONRPCMessage) => {
    const m = message as { id?: unknown; method?: string };
    if (m.method === 'initialize') initializeIds.add(m.id);
    http.send(message).catch((error: unknown) => {
      if (m.id !== undefined) {
        void stdio.send({ jsonrpc: '2.0', id: m.id as string | number, error: { code: -32603, message: `Switchyard gateway unreachable: ${String(error)}` } });
      }
    });
  };
  stdio.onparseerror = (line) =>
    void stdio.send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error: ${line.slice(0, 200)}` } } as unknown as JSONRPCMessage);
  http.onmessage = (message: JSONRPCMessage) => {
    const m = message as { id?: unknown; result?: { protocolVersion?: string } };
    if (initializeIds.has(m.id) && m.result?.protocolVersion) {
      initializeIds.delete(m.id);
      http.setProtocolVersion(m.result.protocolVersion);
    }
    void stdio.send(message);
  };
  stdio.onclose = () => {
    void http
      .terminateSession()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  http.onclose = () => process.exit(0);
  await http.start();
  await stdio.start();
}
