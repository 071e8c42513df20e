import type Docker from 'dockerode';
import { labelKeys } from './labels.js';

/** What a running container's transport hears from the engine watch. */
export interface WatchedContainer {
  /** The engine reported the container's end (its `die` event). */
  died(exitCode: number): void;
  /** The engine answers again after a loss: the transport checks its container is still there. */
  reconnected(): void;
  /** The engine stopped answering (a ping went unanswered) while the event stream was open. */
  engineLost?(): void;
}

export interface EngineEventsOptions {
  docker: Docker;
  /** Only our containers for this home: the label filter of the event stream. */
  homeHash: string;
  /** Back-off of the reconnection attempts, doubling from the first to the last (default 250 ms .. 5 s). */
  retryMs?: { first: number; max: number };
  /**
   * While the stream is open, the engine is pinged this often (default 10 s): a quiet event stream is normal, so
   * only an unanswered ping (the engine request timeout, engine-requests.ts) tells an engine that hangs.
   */
  pingEveryMs?: number;
}

/**
 * One stream of the engine's container events (`docker events`, filtered to this home's containers) for every
 * running server: `die` tells a transport its container ended, even when nothing else would (a container
 * that exits while the stdio path is still open on our side). When the stream breaks — the engine restarts,
 * the socket proxy in front of it restarts — it is opened again with back-off, and every watched container
 * is told to check its state with the engine (it may have ended while nobody was listening). An engine that
 * keeps the connection but stops answering is found by a ping while the stream is open: the stream is then
 * treated as broken. The stream is open only while some container is watched.
 */
export class EngineEvents {
  private readonly watched = new Map<string, WatchedContainer>();
  private stream: NodeJS.ReadableStream | undefined;
  private connecting = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  /** The stream broke since it was last open: the next open reconciles. */
  private lost = false;
  private buffered = '';
  private pinger: NodeJS.Timeout | undefined;

  constructor(private readonly options: EngineEventsOptions) {}

  /** Watches a container until the returned function is called. */
  watch(containerId: string, container: WatchedContainer): () => void {
    this.watched.set(containerId, container);
    this.ensureOpen();
    return () => {
      this.watched.delete(containerId);
      if (this.watched.size === 0) this.shut();
    };
  }

  private ensureOpen(): void {
    if (this.stream || this.connecting || this.retryTimer) return;
    this.connecting = true;
    const { docker, homeHash } = this.options;
    // Events from now on only: what happened while the stream was down is found by reconciling.
    docker.getEvents({ filters: { type: ['container'], event: ['die'], label: [`${labelKeys.managed}=true`, `${labelKeys.home}=${homeHash}`] } }).then(
      (stream) => {
        this.connecting = false;
        if (this.watched.size === 0) return void (stream as unknown as { destroy?: () => void }).destroy?.();
        this.opened(stream);
      },
      () => {
        this.connecting = false;
        this.retryLater();
      },
    );
  }

  private opened(stream: NodeJS.ReadableStream): void {
    this.stream = stream;
    this.failures = 0;
    this.buffered = '';
    stream.on('data', (chunk: Buffer) => this.read(chunk));
    let ended = false;
    const broken = () => {
      if (ended) return;
      ended = true;
      if (this.stream !== stream) return;
      this.stream = undefined;
      this.lost = true;
      this.retryLater();
    };
    stream.on('end', broken);
    stream.on('close', broken);
    stream.on('error', broken);
    this.pingWhileOpen(stream, broken);
    if (this.lost) {
      this.lost = false;
      for (const container of [...this.watched.values()]) container.reconnected();
    }
  }

  private pingWhileOpen(stream: NodeJS.ReadableStream, broken: () => void): void {
    clearInterval(this.pinger);
    let pinging = false;
    const pinger = setInterval(() => {
      if (this.stream !== stream) return clearInterval(pinger);
      if (pinging) return;
      pinging = true;
      this.options.docker.ping().then(
        () => (pinging = false),
        () => {
          pinging = false;
          if (this.stream !== stream) return;
          clearInterval(pinger);
          broken();
          (stream as { destroy?: () => void }).destroy?.();
          for (const container of [...this.watched.values()]) container.engineLost?.();
        },
      );
    }, this.options.pingEveryMs ?? 10_000);
    pinger.unref();
    this.pinger = pinger;
  }

  private read(chunk: Buffer): void {
    this.buffered += chunk.toString('utf8');
    let newline = this.buffered.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffered.slice(0, newline).trim();
      this.buffered = this.buffered.slice(newline + 1);
      if (line) this.event(line);
      newline = this.buffered.indexOf('\n');
    }
  }

  private event(line: string): void {
    let event: { id?: string; Action?: string; Actor?: { Attributes?: Record<string, string> } };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      return;
    }
    if (event.Action !== 'die' || !event.id) return;
    const exitCode = Number(event.Actor?.Attributes?.exitCode ?? -1);
    this.watched.get(event.id)?.died(Number.isFinite(exitCode) ? exitCode : -1);
  }

  private retryLater(): void {
    if (this.watched.size === 0 || this.retryTimer) return;
    this.lost = true;
    const { first, max } = this.options.retryMs ?? { first: 250, max: 5000 };
    const delay = Math.min(max, first * 2 ** this.failures);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.ensureOpen();
    }, delay);
    this.retryTimer.unref();
  }

  private shut(): void {
    clearTimeout(this.retryTimer);
    clearInterval(this.pinger);
    this.retryTimer = undefined;
    const stream = this.stream as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
    this.stream = undefined;
    this.failures = 0;
    this.lost = false;
    stream?.destroy?.();
  }
}
