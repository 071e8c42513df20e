import type { Socket } from 'node:net';
import type Docker from 'dockerode';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { SwitchyardError } from '../../shared/errors.js';
import { isConnectionError } from './docker-engine.js';
import { describeEndpoint } from './engine-endpoint.js';
import { attachCutError, describeStartError, exitedBeforeConnecting, exitedWhileCut, stdioSocketNotConnected } from './container-errors.js';
import { waitUpTo } from './wait-up-to.js';
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
  /** On the attach stream: how long a server cut off by the engine is kept, waiting to be attached again (default 60 s). */
  reattachWindowMs?: number;
  /** A container already created, attached (`stream`) and started from `spec` (early-launch.ts): start() takes it over. */
  adopted?: { containerId: string; stream: NodeJS.ReadWriteStream };
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
  /** The attach stream was cut while the server may live on: the requests in flight are lost (their answers with it). */
  oninterrupted?: (error: SwitchyardError) => void;

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
  /** On the attach stream: cut by the engine while the container may still run, until attached again. */
  private detached: { since: number; attempt?: Promise<boolean>; timer?: NodeJS.Timeout } | undefined;
  /** Attach streams cut again within a second of attaching, in a row: past a few the server is given up. */
  private quickCuts = 0;
  private attachedAt = 0;

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
      const { adopted } = this.options;
      if (adopted) {
        this.container = docker.getContainer(adopted.containerId);
        this.containerId = adopted.containerId;
        this.stream = adopted.stream;
        this.wireOutput(this.stream);
      } else {
        this.container = await docker.createContainer(spec);
        this.containerId = this.container.id;
        this.stream = await this.container.attach({ stream: true, stdin: !stdioSocket, stdout: true, stderr: true, hijack: true });
        this.wireOutput(this.stream);
        await this.container.start();
      }
    } catch (error) {
      await this.removeContainer();
      await stdioSocket?.close();
      throw describeStartError(error, docker, String(spec.Image));
    }
    this.exited = new Promise<void>((resolve) => (this.exitSeen = resolve));
    this.unwatch = this.options.events?.watch(this.container.id, {
      died: (code) => this.handleExit(code),
      reconnected: () => void this.reconcile(),
      // On the attach stream the server's stdio goes through the engine: a silent engine has cut it.
      engineLost: () => {
        if (!stdioSocket) (this.stream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
      },
    });
    this.waitForExit();
    if (!stdioSocket) {
      this.input = this.stream;
      this.attachedAt = Date.now();
      this.watchAttachCut(this.stream);
    } else {
      const connection = await this.connected(stdioSocket);
      this.input = connection;
      this.wireLines(connection);
      connection.on('error', (error: Error) => this.onerror?.(error));
      this.watchStdioEnd(connection);
    }
    this.writer = new CoalescedLineWriter(this.input);
  }

  /** `docker wait`: answers with the exit code when the container ends. */
  private waitForExit(): void {
    this.container!.wait().then(
      (result: { StatusCode?: number }) => this.handleExit(result.StatusCode ?? -1),
      // A cut connection is no exit: the event stream, the stdio path and reconciling tell the real one.
      (error: unknown) => {
        if (!isConnectionError(error)) this.handleExit(-1);
      },
    );
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
    if (state && !state.running) return this.handleExit(state.exitCode, this.detached !== undefined);
    if (state?.running && this.stderrDetached) await this.reattachStderr();
    if (state?.running && this.detached) await this.reattachNow();
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

  /**
   * On the attach stream the server's stdin and stdout go through the engine, so its cut is either the server's
   * end (its exit code follows at once) or the engine's loss, while the server runs on. Then the calls in flight
   * fail at once (their answers went with the stream), and the container is attached again once the engine
   * answers, so that the server is kept; a container that ended meanwhile closes the transport as usual.
   */
  private watchAttachCut(stream: NodeJS.ReadWriteStream): void {
    let seen = false;
    const cut = () => {
      if (seen || this.stream !== stream) return;
      seen = true;
      void this.attachCut();
    };
    stream.on('end', cut);
    stream.on('close', cut);
  }

  private async attachCut(): Promise<void> {
    if (this.closing || this.exit) return;
    if (await waitUpTo(this.exited!, this.options.exitCodeGraceMs ?? 500)) return;
    const state = await this.inspectState(1000);
    if (this.closing || this.exit) return;
    if (state && !state.running) return this.handleExit(state.exitCode);
    this.quickCuts = Date.now() - this.attachedAt < 1000 ? this.quickCuts + 1 : 0;
    if (this.quickCuts >= 5) {
      this.options.stderr.writeLine("[switchyard] Docker's attach stream to the server keeps closing at once; stopping its container");
      return this.handleExit(-1, true);
    }
    this.detached = { since: Date.now() };
    this.options.stderr.writeLine("[switchyard] Docker's attach stream to the server was cut; calls in flight failed, attaching again once the engine answers");
    this.oninterrupted?.(attachCutError(describeEndpoint(this.options.docker), this.containerId));
    this.retryReattach(state?.running ? 0 : 250);
  }

  private retryReattach(delayMs: number): void {
    const detached = this.detached;
    if (!detached || this.closing || this.exit) return;
    if (Date.now() - detached.since >= (this.options.reattachWindowMs ?? 60_000)) {
      this.options.stderr.writeLine('[switchyard] the Docker engine did not answer again in time; stopping the server');
      return this.handleExit(-1, true);
    }
    detached.timer = setTimeout(() => {
      void this.reattachNow().then((attached) => {
        if (!attached) this.retryReattach(Math.min(2000, Math.max(250, delayMs * 2)));
      });
    }, delayMs);
    detached.timer.unref();
  }

  /** One attempt at a time, shared by the retries and by a send() waiting for it; true once attached. */
  private reattachNow(): Promise<boolean> {
    const detached = this.detached;
    if (!detached) return Promise.resolve(!this.closed);
    detached.attempt ??= this.reattach().finally(() => (detached.attempt = undefined));
    return detached.attempt;
  }

  private async reattach(): Promise<boolean> {
    const state = await this.inspectState(1000);
    if (this.closing || this.exit || !state) return false;
    if (!state.running) {
      // It ended while cut off: maybe the engine's restart ended it, so it does not count as the server's crash.
      this.handleExit(state.exitCode, true);
      return false;
    }
    let stream: NodeJS.ReadWriteStream;
    try {
      stream = await this.container!.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true });
    } catch {
      return false;
    }
    if (this.closing || this.exit) {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      return false;
    }
    clearTimeout(this.detached?.timer);
    this.detached = undefined;
    this.stream = stream;
    this.input = stream;
    this.attachedAt = Date.now();
    this.wireOutput(stream);
    this.writer = new CoalescedLineWriter(stream);
    this.watchAttachCut(stream);
    this.waitForExit();
    this.options.stderr.writeLine("[switchyard] attached again to the server's container: what it wrote while cut off is missing");
    return true;
  }

  /** The container's connection to the stdio socket; it fails when the container exits or never connects. */
  private async connected(listener: StdioSocketListener): Promise<Socket> {
    const timeoutMs = this.options.connectTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const failed = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(stdioSocketNotConnected(timeoutMs)), timeoutMs);
      void this.exited!.then(() => reject(exitedBeforeConnecting(this.exit?.code)));
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
    // Cut off from the server by the engine: attached again now if the engine answers, else this message fails.
    if (this.detached && !this.closed && !(await this.reattachNow())) {
      if (!this.exit) throw attachCutError(describeEndpoint(this.options.docker), this.containerId);
      throw exitedWhileCut(this.exit.code);
    }
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
    // Cut off by the engine's loss, the container is removed once the engine answers: the close does not wait for it.
    const removed = this.removeContainer();
    if (!this.exit?.engineLost) await removed;
    await this.options.stdioSocket?.close();
    // A result the server sent just before it ended is still delivered before the close fails what is left.
    await this.reader?.idle();
    this.finish();
  }

  private handleExit(code: number, engineLost = false): void {
    if (this.exit) return;
    clearTimeout(this.detached?.timer);
    this.detached = undefined;
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
