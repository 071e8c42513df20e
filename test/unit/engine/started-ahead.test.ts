import { describe, expect, it } from 'vitest';
import { StartedAhead, type Launch } from '../../../electron/runtime/started-ahead.js';
import { StderrBuffer } from '../../../electron/runtime/stderr-buffer.js';
import { StderrRelay } from '../../../electron/runtime/stderr-relay.js';
import type { PullProgress } from '../../../electron/runtime/image-pull.js';

class FakeTransport {
  closed = 0;
  async close(): Promise<void> {
    this.closed++;
  }
}

/** A launch that the test drives step by step: what it writes, how it ends. */
function controlledLaunch() {
  const steps: {
    stderr?: Parameters<Launch<FakeTransport>>[0];
    onPull?: (progress: PullProgress) => void;
    finish?: (transport: FakeTransport) => void;
    fail?: (error: Error) => void;
  } = {};
  const launch: Launch<FakeTransport> = (stderr, onPull) => {
    Object.assign(steps, { stderr, onPull });
    return new Promise<FakeTransport>((resolve, reject) => Object.assign(steps, { finish: resolve, fail: reject }));
  };
  return { launch, steps };
}

const server = { name: 'everything', image: 'mcp/everything', env: { A: '1', B: '2' } };

describe('StartedAhead: a container started before its first call', () => {
  it('hands its stderr so far, and from then on, to the buffer of the call that takes it', async () => {
    const { launch, steps } = controlledLaunch();
    const ahead = new StartedAhead(server, launch);
    steps.stderr!.writeLine('[switchyard] the image names no USER');
    steps.stderr!.write('Starting default (STDIO) ');
    const buffer = new StderrBuffer(undefined, undefined, (line) => line.replace('secret-value', '***'));
    const claimed = ahead.claim(buffer);
    steps.stderr!.write('server... secret-value\n');
    const transport = new FakeTransport();
    steps.finish!(transport);
    expect(await claimed).toBe(transport);
    expect(buffer.tail()).toEqual(['[switchyard] the image names no USER', 'Starting default (STDIO) server... ***']);
  });

  it('passes on pull progress, the latest at once to a late taker', () => {
    const { launch, steps } = controlledLaunch();
    const ahead = new StartedAhead(server, launch);
    steps.onPull!({ image: 'mcp/everything', status: 'Downloading', current: 1, total: 4 });
    const seen: PullProgress[] = [];
    void ahead.claim(new StderrBuffer(), (progress) => seen.push(progress));
    steps.onPull!({ image: 'mcp/everything', status: 'Downloading', current: 3, total: 4 });
    expect(seen.map((progress) => progress.current)).toEqual([1, 3]);
  });

  it('matches the same container launch, whatever the gateway-side fields, and no other', () => {
    const ahead = new StartedAhead(server, controlledLaunch().launch);
    expect(ahead.matches({ ...server, callTimeoutMs: 60_000, disabledTools: ['x'] })).toBe(true);
    expect(ahead.matches({ image: 'mcp/everything', env: { B: '2', A: '1' }, name: 'everything' })).toBe(true);
    expect(ahead.matches({ ...server, env: { A: '1', B: '3' } })).toBe(false);
    expect(ahead.matches({ ...server, network: true })).toBe(false);
    expect(ahead.matches({ ...server, command: ['stdio'] })).toBe(false);
  });

  it('says when the launch has ended: the container started, or its start failed', async () => {
    const first = controlledLaunch();
    let ended = false;
    void new StartedAhead(server, first.launch).settled.then(() => (ended = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(false);
    first.steps.finish!(new FakeTransport());
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(true);

    const second = controlledLaunch();
    const failing = new StartedAhead(server, second.launch);
    second.steps.fail!(new Error('engine away'));
    await expect(failing.settled).resolves.toBeUndefined();
    // The failure is the taker's to report.
    await expect(failing.claim(new StderrBuffer())).rejects.toThrow('engine away');
  });

  it('discard closes the container once its start has ended, and a failed start leaves nothing to close', async () => {
    const { launch, steps } = controlledLaunch();
    const ahead = new StartedAhead(server, launch);
    const discarded = ahead.discard();
    const transport = new FakeTransport();
    steps.finish!(transport);
    await discarded;
    expect(transport.closed).toBe(1);

    const failed = controlledLaunch();
    const gone = new StartedAhead(server, failed.launch);
    failed.steps.fail!(new Error('no image'));
    await expect(gone.discard()).resolves.toBeUndefined();
  });
});

describe('StderrRelay', () => {
  it('keeps the newest bytes while no one takes them', () => {
    const relay = new StderrRelay(10);
    relay.write('aaaaaaaa\n');
    relay.write('bbbbbbbb\n');
    const buffer = new StderrBuffer();
    relay.pipeTo(buffer);
    expect(buffer.tail()).toEqual(['bbbbbbbb']);
  });
});
