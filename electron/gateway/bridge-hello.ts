import type { Socket } from 'node:net';
import { bridgeHelloPrefix } from '../../shared/gateway-endpoint.js';

/** What a bridge said before its client's first byte: the profile it asked for (`undefined`: none, the default). */
export type BridgeHello = { kind: 'hello'; profile: string | undefined } | { kind: 'ended' } | { kind: 'invalid'; line: string };

const helloLimitBytes = 1024;
const hash = 0x23;
const newline = 0x0a;

/**
 * Reads the optional hello line (`#switchyard profile NAME`, see shared/gateway-endpoint.ts) at the start of a
 * bridge's connection, and leaves the socket paused with every later byte still in it, for the session's
 * transport to read (the caller resumes it once the transport listens). A connection that starts with anything
 * but `#` is a client without a hello: its first bytes are put back untouched.
 */
export function readBridgeHello(socket: Socket): Promise<BridgeHello> {
  return new Promise((resolve) => {
    let buffered: Buffer = Buffer.alloc(0);
    const finish = (hello: BridgeHello, rest: Buffer) => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.pause();
      if (rest.length > 0) socket.unshift(rest);
      resolve(hello);
    };
    const onData = (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      if (buffered[0] !== hash) return finish({ kind: 'hello', profile: undefined }, buffered);
      const end = buffered.indexOf(newline);
      if (end < 0) {
        if (buffered.length > helloLimitBytes) finish({ kind: 'invalid', line: buffered.subarray(0, 80).toString('utf8') }, Buffer.alloc(0));
        return;
      }
      const line = buffered.subarray(0, end).toString('utf8').replace(/\r$/, '');
      const rest = buffered.subarray(end + 1);
      if (!line.startsWith(bridgeHelloPrefix)) return finish({ kind: 'invalid', line }, rest);
      try {
        finish({ kind: 'hello', profile: decodeURIComponent(line.slice(bridgeHelloPrefix.length)) }, rest);
      } catch {
        finish({ kind: 'invalid', line }, rest);
      }
    };
    const onEnd = () => finish({ kind: 'ended' }, Buffer.alloc(0));
    socket.on('data', onData);
    socket.once('end', onEnd);
  });
}
