import { CoalescedLineWriter } from '../electron/runtime/coalesced-line-writer.js';
import { DockerRuntime } from '../electron/runtime/docker-runtime.js';
import { StderrBuffer } from '../electron/runtime/stderr-buffer.js';

/**
 * `node floor-relay.js IMAGE` (SWITCHYARD_HOME set): the least a stdio gateway can do. It starts the container
 * and moves each line from stdin to the container and back, parsed and serialized once each way, and nothing
 * else: no routing, no ids, no policies, no history. What it adds over a client attached to the container
 * directly is the cost of the extra process on this machine, which no gateway can go below.
 */
const image = process.argv[2]!;
const runtime = new DockerRuntime({ home: process.env.SWITCHYARD_HOME! });
const transport = await runtime.open({ name: 'bench-floor', image }, new StderrBuffer());
// Lines out are coalesced per event-loop turn, as the gateway's are (in both directions).
const out = new CoalescedLineWriter(process.stdout);
transport.onmessage = (message) => out.write(JSON.stringify(message) + '\n');
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  buffered += chunk;
  for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
    const line = buffered.slice(0, newline);
    buffered = buffered.slice(newline + 1);
    if (line.trim() !== '') void transport.send(JSON.parse(line));
  }
});
process.stdin.on('end', () => void transport.close().finally(() => process.exit(0)));
