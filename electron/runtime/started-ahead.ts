import type { PullProgress } from './image-pull.js';
import type { ServerDefinition } from './server-definition.js';
import type { StderrSink } from './stderr-buffer.js';
import { StderrRelay } from './stderr-relay.js';

/** An MCP transport to a container, as the runtime opens it (see docker-runtime.ts). */
interface ClosableTransport {
  close(): Promise<void>;
}

/** The runtime's start of the container, writing stderr and pull progress where it is told. */
export type Launch<T> = (stderr: StderrSink, onPull: (progress: PullProgress) => void) => Promise<T>;

/**
 * A server's container started before any call asked for it. `gateway run --image` fronts one server, which the
 * client that launched the gateway is about to call: its container starts while the gateway loads and the
 * client initializes, as `docker run -i` starts its container at once. The first open() of the same launch
 * takes it, with the stderr and pull progress it produced so far; a container that no open() takes is closed
 * (discard), as one whose launch turned out different.
 */
export class StartedAhead<T extends ClosableTransport> {
  readonly transport: Promise<T>;
  /** Settles once the launch has ended: the container runs with its stdio connected, or its start failed. */
  readonly settled: Promise<void>;
  private readonly relay = new StderrRelay();
  private onPull: ((progress: PullProgress) => void) | undefined;
  private lastPull: PullProgress | undefined;

  constructor(
    readonly server: ServerDefinition,
    launch: Launch<T>,
  ) {
    this.transport = launch(this.relay, (progress) => {
      this.lastPull = progress;
      this.onPull?.(progress);
    });
    // A failed start is reported to the call that takes it (claim), like any start's failure; never unhandled.
    this.settled = this.transport.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Whether `server` starts the same container: the gateway-side fields (call timeouts, tool lists) aside. */
  matches(server: ServerDefinition): boolean {
    return sameContainer(server, this.server);
  }

  /** The started container, its stderr from now on (and so far) in `stderr`, and its pull progress to `onPull`. */
  claim(stderr: StderrSink, onPull?: (progress: PullProgress) => void): Promise<T> {
    this.relay.pipeTo(stderr);
    this.onPull = onPull;
    if (this.lastPull) onPull?.(this.lastPull);
    return this.transport;
  }

  /** Closes the container (its start is awaited first): nothing is left running for a launch no one took. */
  async discard(): Promise<void> {
    const transport = await this.transport.catch(() => undefined);
    await transport?.close().catch(() => undefined);
  }
}

/** Fields of a definition that the gateway uses and the container never sees. */
const gatewaySide = new Set<string>(['callTimeoutMs', 'toolCallTimeoutMs', 'disabledTools', 'knownTools', 'perSession']);

/** Whether two definitions start the same container (they may differ in what only the gateway uses). */
export function sameContainer(a: ServerDefinition, b: ServerDefinition): boolean {
  return containerKey(a) === containerKey(b);
}

/** The definition as one string, keys sorted (by code unit: localeCompare's first use loads ICU's collation, ~15 ms). */
function containerKey(server: ServerDefinition): string {
  const container = Object.fromEntries(Object.entries(server).filter(([key]) => !gatewaySide.has(key)));
  return JSON.stringify(container, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}
