import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeHelloLine } from '../../../shared/gateway-endpoint.js';
import { readBridgeHello, type BridgeHello } from '../../../electron/gateway/bridge-hello.js';

/** Writes `chunks` (one write each, a turn apart) from a client; the server side reads the hello, then everything left. */
async function exchange(chunks: string[]): Promise<{ hello: BridgeHello; rest: string }> {
  let server: Server | undefined;
  const accepted = new Promise<Socket>((resolve) => {
    server = createServer(resolve).listen(0, '127.0.0.1');
  });
  await new Promise((resolve) => server!.once('listening', resolve));
  servers.push(server!);
  const client = connect((server!.address() as { port: number }).port, '127.0.0.1');
  const socket = await accepted;
  const reading = readBridgeHello(socket);
  for (const chunk of chunks) {
    client.write(chunk);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  client.end();
  const hello = await reading;
  if (hello.kind === 'ended') return { hello, rest: '' };
  let rest = '';
  socket.on('data', (chunk: Buffer) => (rest += chunk.toString()));
  socket.resume();
  await new Promise((resolve) => socket.once('end', resolve));
  return { hello, rest };
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const initialize = '{"jsonrpc":"2.0","id":1,"method":"initialize"}\n';

describe('the bridge hello on the gateway socket', () => {
  it('takes a profile announced in pieces and leaves the client bytes after it untouched', async () => {
    const line = bridgeHelloLine('coding-2');
    expect(await exchange([line.slice(0, 5), line.slice(5) + initialize.slice(0, 10), initialize.slice(10)])).toEqual({
      hello: { kind: 'hello', profile: 'coding-2' },
      rest: initialize,
    });
  });

  it('puts back the first bytes of a client that sent no hello (the default profile)', async () => {
    expect(await exchange([initialize])).toEqual({ hello: { kind: 'hello', profile: undefined }, rest: initialize });
  });

  it('reports a first line that is not a hello, and a connection that ends before saying anything', async () => {
    expect((await exchange(['#hello there\n' + initialize])).hello).toEqual({ kind: 'invalid', line: '#hello there' });
    expect((await exchange([])).hello).toEqual({ kind: 'ended' });
  });
});
