import type { Socket } from 'node:net';
import type Docker from 'dockerode';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { SwitchyardError } from '../../shared/errors.js';
import { dockerUnreachable, describeEndpoint, isConnectionError } from './docker-engine.js';
import { CoalescedLineWriter } from './coalesced-line-writer.js';
import { DockerStreamDemuxer } from './docker-stream-demux.js';
import { JsonLineReader, defaultMaxMessageBytes, type OversizedMessage } from './json-line-reader.js';
import { lineParseThread } from './line-parse-thread.js';
import type { StderrSink } from './stderr-buffer.js';
import type { StdioSocketListener } from './stdio-socket.js';
import type { EngineEvents } from './engine-events.js';

export interface ContainerTransportOptions {
  docker: Docker;
  spec: Docker.ContainerCreateOptions;
  /** Receives the container's stderr (and stdout lines that are not JSON-RPC). */
  stderr: StderrSink;
  /** How long close() waits for the server to exit after stdin ends, before removing it by force. */
  stopGraceMs?: number;
  /** Talk to the server on this socket (the spec runs it behind stdio-socket) instead of the attach stream. */
  stdioSocket?: StdioSocketListener;
  /** How long start() waits for the container to connect to the stdio socket. */
  connectTimeoutMs?: number;
  /** The largest message read from the server (bytes); default 32 MB. */
  maxMessageBytes?: number;
  /** The engine's event stream: tells this transport when its container dies, and when the engine is back after a loss. */
  events?: EngineEvents;
  /** After the stdio path closed, how long the exit code may take to arrive before the engine is asked (default 500 ms). */
  exitCodeGraceMs?: number;
  /** Called once the engine has been asked to start the container (its start then runs in the engine). */
  onStartRequested?: () => void;
}

export interface ContainerExit {
  code: number;
  /** True when the container ended without us asking it to. */
  unexpected: boolean;
  /** Its stdio path closed while the engine did not answer: cut off by the engine's loss, not known to have crashed. */
  engineLost?: boolean;
}

/**
 * An MCP SDK Transport over a container's stdio: the attach stream, or the stdio socket (see stdio-socket.ts)
 * when the runtime set one up. start() creates the container, attaches before starting it (so no early output
 * is lost), starts it, and with a socket waits for the container to connect. close() ends stdin, gives the
 * server a moment to exit, then removes the container. A container that exits on its own closes the
 * transport at once: noticed from its stdio path closing (socket or attach stream), from the engine's `die`
 * event, or from `docker wait` — whichever comes first, so that losing the engine for a moment (its long-lived
 * requests cut) never leaves a dead server looking alive. After such a loss the transport checks its
 * container with the engine again, and reattaches the server's stderr on the stdio socket.
 */
export class ContainerTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  /** A message from the server over the size cap: dropped, and reported here (at the cap, and when its newline came). */
  onoversized?: (drop: OversizedMessage) => void;

  containerId: string | undefined;
  exit: ContainerExit | undefined;
  /** Why start() failed on the stdio socket, when the attach stream might still work. */
  socketFailure: Error | undefined;

  private container: Docker.Container | undefined;
  private stream: NodeJS.ReadWriteStream | undefined;
  /** Where messages to the server go: the attach stream, or the stdio socket's connection. */
  private input: NodeJS.WritableStream | undefined;
  private writer: CoalescedLineWriter | undefined;
  private closing: Promise<void> | undefined;
  private closed = false;
  private exited: Promise<void> | undefined;
  private exitSeen: (() => void) | undefined;
  private unwatch: (() => void) | undefined;
  /** With the stdio socket: the attach stream (the server's stderr) was cut while the server kept running. */
  private stderrDetached = false;
  /** Reads the server's messages; a large one may still be on the parse thread when the server ends. */
  private reader: JsonLineReader | undefined;

  constructor(private readonly options: ContainerTransportOptions) {}

  async start(): Promise<void> {
    try {
      await this.startContainer();
    } catch (error) {
      // With the stdio socket, a failure that is not the image's or the engine's may be the socket path's own
      // (a bind mount this engine refuses, a label policy that keeps the program from running): the runtime
      // then tries again on the attach stream.
      const code = (error as { code?: string }).code;
      if (this.options.stdioSocket && code !== 'IMAGE_NOT_FOUND' && code !== 'DOCKER_UNREACHABLE') this.socketFailure = error as Error;
      throw error;
    }
  }

  private async startContainer(): Promise<void> {
    const { docker, spec, stdioSocket } = this.options;
    try {
      this.container = await docker.createContainer(spec);
      this.containerId = this.container.id;
      this.stream = await this.container.attach({ stream: true, stdin: !stdioSocket, stdout: true, stderr: true, hijack: true });
      this.wireOutput(this.stream);
      const started = this.container.start();
      this.options.onStartRequested?.();
      await started;
    } catch (error) {
      await this.removeContainer();
      await stdioSocket?.close();
      throw describeStartError(error, docker, String(spec.Image));
    }
    this.exited = new Promise<void>((resolve) => (this.exitSeen = resolve));
    this.unwatch = this.options.events?.watch(this.container.id, {
      died: (code) => this.handleExit(code),
      reconnected: () => void this.reconcile(),
    });
    this.container.wait().then(
      (result: { StatusCode?: number }) => this.handleExit(result.StatusCode ?? -1),
      // A cut connection is no exit: the event stream, the stdio path and reconciling tell the real one.
      (error: unknown) => {
        if (!isConnectionError(error)) this.handleExit(-1);
      },
    );
    if (!stdioSocket) {
      this.input = this.stream;
      this.watchStdioEnd(this.stream);
    } else {
      const connection = await this.connected(stdioSocket);
      this.input = connection;
      this.wireLines(connection);
      connection.on('error', (error: Error) => this.onerror?.(error));
      this.watchStdioEnd(connection);
    }
    this.writer = new CoalescedLineWriter(this.input);
  }

  /** The stdio path closing means the server ended (or can no longer be reached): the transport closes. */
  private watchStdioEnd(stream: NodeJS.ReadableStream): void {
    let seen = false;
    const ended = () => {
      if (seen) return;
      seen = true;
      void this.stdioEnded();
    };
    stream.on('end', ended);
    stream.on('close', ended);
  }

  private async stdioEnded(): Promise<void> {
    if (this.closing || this.exit) return;
    // The exit code usually follows at once (docker wait, the die event); else the engine is asked.
    if (await waitUpTo(this.exited!, this.options.exitCodeGraceMs ?? 500)) return;
    const state = await this.inspectState(1000);
    if (this.exit || this.closing) return;
    if (state && !state.running) return this.handleExit(state.exitCode);
    // Still running, or the engine does not answer: the server is out of reach all the same.
    this.options.stderr.writeLine("[switchyard] the server's stdio connection closed; stopping its container");
    this.handleExit(-1, state === undefined);
  }

  /** After the engine came back: did the container end while nobody listened? Is its stderr still attached? */
  private async reconcile(): Promise<void> {
    if (this.closing || this.exit) return;
    const state = await this.inspectState(5000);
    if (this.closing || this.exit) return;
    if (state && !state.running) return this.handleExit(state.exitCode);
    if (state?.running && this.stderrDetached) await this.reattachStderr();
  }

  /** The container's state from the engine; undefined when the engine does not answer in time. */
  private async inspectState(timeoutMs: number): Promise<{ running: boolean; exitCode: number } | undefined> {
    const container = this.container;
    if (!container) return undefined;
    const inspected = container.inspect().then(
      (info: { State?: { Running?: boolean; ExitCode?: number } }) => ({ running: info.State?.Running === true, exitCode: info.State?.ExitCode ?? -1 }),
      (error: unknown) => ((error as { statusCode?: number }).statusCode === 404 ? { running: false, exitCode: -1 } : undefined),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
    const state = await Promise.race([inspected, timedOut]);
    clearTimeout(timer);
    return state;
  }

  private async reattachStderr(): Promise<void> {
    try {
      const stream = await this.container!.attach({ stream: true, stdin: false, stdout: true, stderr: true, hijack: true });
      if (this.closing || this.exit) return void (stream as unknown as { destroy?: () => void }).destroy?.();
      this.stderrDetached = false;
      this.stream = stream;
      this.wireOutput(stream);
      this.options.stderr.writeLine('[switchyard] the Docker engine was unreachable for a while: stderr lines of that time are missing');
    } catch {
      // The next reconnection tries again.
    }
  }

  /** The container's connection to the stdio socket; it fails when the container exits or never connects. */
  private async connected(listener: StdioSocketListener): Promise<Socket> {
    const timeoutMs = this.options.connectTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const failed = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new SwitchyardError(
              'CONTAINER_FAILED',
              `The server's container did not connect to the gateway's stdio socket within ${timeoutMs / 1000} s.`,
              "See the server log; SWITCHYARD_CONTAINER_STDIO=attach makes the gateway use Docker's attached stdio instead.",
            ),
          ),
        timeoutMs,
      );
      void this.exited!.then(() =>
        reject(
          new SwitchyardError(
            'CONTAINER_FAILED',
            `The server's container exited (code ${this.exit?.code ?? 'unknown'}) before it connected to the gateway's stdio socket.`,
            'See the server log for why.',
          ),
        ),
      );
    });
    try {
      return await Promise.race([listener.accepted(), failed]);
    } catch (error) {
      await this.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const writer = this.writer;
    if (!writer || this.closed) throw new SwitchyardError('CONTAINER_FAILED', 'The server container is not running.');
    writer.write(JSON.stringify(message) + '\n');
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /** The attach stream: stderr to the log view; stdout carries the messages unless the stdio socket does. */
  private wireOutput(stream: NodeJS.ReadWriteStream): void {
    const stderr = this.options.stderr;
    const stdout = this.options.stdioSocket ? undefined : this.lineReader();
    const demuxer = new DockerStreamDemuxer((kind, payload) => {
      if (kind === 'stdout' && stdout) stdout.push(payload);
      else stderr.write(payload);
    });
    stream.on('data', (chunk: Buffer) => demuxer.push(chunk));
    stream.on('error', (error: Error) => this.onerror?.(error));
    if (this.options.stdioSocket) {
      // Only stderr comes this way: a cut here (the engine went away) leaves the server itself running.
      const cut = () => {
        if (this.stream === stream && !this.closing && !this.exit) this.stderrDetached = true;
      };
      stream.on('end', cut);
      stream.on('close', cut);
    }
  }

  private wireLines(connection: Socket): void {
    const reader = this.lineReader();
    connection.on('data', (chunk: Buffer) => reader.push(chunk));
  }

  /** JSON-RPC lines to onmessage; anything else on stdout goes to the log view. */
  private lineReader(): JsonLineReader {
    const stderr = this.options.stderr;
    this.reader = new JsonLineReader(
      (outcome) => {
        if (outcome.kind === 'message') this.onmessage?.(outcome.message);
        else if (outcome.kind === 'noise') stderr.write(`[stdout] ${outcome.line}\n`);
        else this.dropOversized(outcome);
      },
      this.options.maxMessageBytes ?? defaultMaxMessageBytes,
      lineParseThread,
    );
    return this.reader;
  }

  /** The server's log view says what was dropped; the connection above fails the request it answered. */
  private dropOversized(drop: OversizedMessage): void {
    const limit = `${Math.round(drop.limitBytes / 1024 / 1024)} MB`;
    this.options.stderr.writeLine(
      drop.phase === 'started'
        ? `[switchyard] dropping a message larger than ${limit} from the server; reading resumes after its next newline`
        : `[switchyard] dropped a message of ${drop.bytes} bytes (limit ${limit}); reading resumed`,
    );
    this.onoversized?.(drop);
  }

  private async shutdown(): Promise<void> {
    if (this.container && this.exited && !this.exit) {
      this.writer?.flush();
      this.input?.end(); // end of stdin: the server's cue to exit
      const exited = await waitUpTo(this.exited, this.options.stopGraceMs ?? 1500);
      if (!exited) this.exit = { code: -1, unexpected: false };
    }
    await this.removeContainer();
    await this.options.stdioSocket?.close();
    // A result the server sent just before it ended is still delivered before the close fails what is left.
    await this.reader?.idle();
    this.finish();
  }

  private handleExit(code: number, engineLost = false): void {
    if (this.exit) return;
    this.exit = { code, unexpected: this.closing === undefined, ...(engineLost ? { engineLost } : {}) };
    this.exitSeen?.();
    if (this.exit.unexpected) void this.close();
  }

  private async removeContainer(attempt = 0): Promise<void> {
    if (!this.container) return;
    try {
      await this.container.remove({ force: true });
    } catch (error) {
      // 404: already gone; 409: removal already in progress. Both mean there is nothing left to do.
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 409) return;
      if (isConnectionError(error) && attempt < removalRetries) {
        // The engine is away: the container is removed once it answers again, without holding up the close.
        setTimeout(() => void this.removeContainer(attempt + 1), Math.min(5000, 250 * 2 ** attempt)).unref();
        return;
      }
      this.onerror?.(error as Error);
    }
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.unwatch?.();
    this.stream?.removeAllListeners('data');
    this.onclose?.();
  }
}

/** How often removing a container is tried again while the engine does not answer (about 5 minutes in all). */
const removalRetries = 64;

/** Resolves true when the promise settles within ms, false otherwise. */
async function waitUpTo(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([promise.then(() => true as const), timedOut]);
  clearTimeout(timer);
  return settled;
}

function describeStartError(error: unknown, docker: Docker, image: string): Error {
  if (error instanceof SwitchyardError) return error;
  if (isConnectionError(error)) return dockerUnreachable(describeEndpoint(docker), error);
  const status = (error as { statusCode?: number }).statusCode;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 404 && /no such image/i.test(message)) {
    return new SwitchyardError(
      'IMAGE_NOT_FOUND',
      `Image "${image}" is not available on this Docker engine.`,
      `Pull or build it first (docker pull ${image}), or check the image name.`,
    );
  }
  return new SwitchyardError('CONTAINER_FAILED', `Could not start a container from "${image}": ${message}`);
}
