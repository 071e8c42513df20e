import { Client, InMemoryTransport, type ClientOptions, type JSONRPCMessage } from '@modelcontextprotocol/client';
import type { Gateway } from '../../../../electron/gateway/gateway.js';

export interface InMemoryClient {
  client: Client;
  /** Every message the gateway sent to this client, in order. */
  inbox: JSONRPCMessage[];
  errors: Error[];
}

/** A real SDK client on an in-memory link to the gateway, recording what reaches it. The caller closes it. */
export async function connectInMemoryClient(gateway: Gateway, name: string, options: ClientOptions): Promise<InMemoryClient> {
  const [clientSide, gatewaySide] = InMemoryTransport.createLinkedPair();
  await gateway.connect(gatewaySide);
  const client = new Client({ name, version: '1.0.0' }, options);
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  await client.connect(clientSide);
  // Record what reaches the client, after the SDK has installed its own handler.
  const inbox: JSONRPCMessage[] = [];
  const deliver = clientSide.onmessage;
  clientSide.onmessage = (message, extra) => {
    inbox.push(structuredClone(message));
    deliver?.(message, extra);
  };
  return { client, inbox, errors };
}
