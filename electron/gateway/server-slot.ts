import { EventEmitter } from 'node:events';
import type { ContainerState, ServerStatus } from '../../shared/domain.js';
import { SwitchyardError } from '../../shared/errors.js';
import type { ServerRuntime } from '../runtime/docker-runtime.js';
import type { ContainerExit } from '../runtime/container-transport.js';
import type { PullProgress } from '../runtime/image-pull.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import { StderrBuffer } from '../runtime/stderr-buffer.js';
import { BackendConnection, type BackendEvents } from './backend-connection.js';
import { ClosedDuringProbeError, type BackendEra } from './backend-era.js';
import { attachOtherEra } from './era-companion.js';
import type { RpcNotification } from './json-rpc.js';
import type { StartFailureLog } from '../runtime/start-failures.js';
import type { ServerLists } from './server-lists.js';
import { StartBackoff, type StartReason } from './start-backoff.js';

export interface SlotContext {
  runtime: ServerRuntime;
  clientInfo: { name: string; version: string };
  /** Backend notifications and unattributed server requests, handed to the gateway. */
  events: Omit<BackendEvents, 'onClose'>;
  /** Called once per start, after the handshake, before the first request is relayed. */
  onStarted(backend: BackendConnection): Promise<void>;
  /** The era of the client whose request is starting the server; a server of both eras runs in it. */
  preferredEra?: () => BackendEra | undefined;
  /** Completes a definition right before its container starts (catalog templates, secrets). Throws when something is missing. */
  prepare?: (server: ServerDefinition) => Promise<ServerDefinition>;
  /** Replaces stored secret values in the server's stderr before it is kept (see StderrBuffer). */
  redact?: (text: string) => string;
  /** The gateway's log (warnings about the server: a message dropped for its size). */
  warn?: (message: string) => void;
  /** Failed starts, shared by every process of the home (see StartBackoff); without it, kept in memory. */
  startFailures?: StartFailureLog;
  now?: () => number;
}

/** A run that lasted at least this long resets the crash count. */
const stableRunMs = 30_000;

/**
 * One configured server and its (at most one) running container. connect() starts it on first use and
 * shares the start between concurrent callers; a server that fails to start or keeps crashing is retried
 * with back-off (see StartBackoff); every state change is announced with 'change'.
 */
export class ServerSlot extends EventEmitter<{ change: [] }> {
  readonly stderr: StderrBuffer;
  /** The lists this server offers: from the cache until it runs, then live. */
  lists: ServerLists | undefined;
  /** Last time a request to this server began or ended (for the idle timeout). */
  lastActivity = 0;

  private state: ContainerState = 'stopped';
  private backend: BackendConnection | undefined;
  private starting: Promise<BackendConnection> | undefined;
  private containerId: string | undefined;
  private startedAt: number | undefined;
  private error: string | undefined;
  private stopping = false;
  private pull: PullProgress | undefined;
  private lastPullEmit = 0;
  private crashes = 0;
  /** The last start failed only because nobody has signed in to this remote server (see signedIn()). */
  private waitingForSignIn = false;
  /** Set once a probe found the server 2025-era only: later starts skip the probe (and its timeout). */
  private legacyOnly = false;
  private readonly backoff: StartBackoff;
  /** The definition the running container was started with (secrets included): what a crash is recorded against. */
  private launched: ServerDefinition | undefined;
  /** Where the stderr of the current start attempt begins. */
  private stderrMark = 0;
  /** How the container of the latest start attempt exited (undefined while it runs, or for remote servers). */
  private lastExit: () => ContainerExit | undefined = () => undefined;
  private readonly now: () => number;

  constructor(
    /** Replaced in place only when the change does not touch the container (tools switched on or off). */
    public definition: ServerDefinition,
    private readonly context: SlotContext,
  ) {
    super();
    this.now = context.now ?? Date.now;
    this.stderr = new StderrBuffer(undefined, undefined, context.redact);
    this.backoff = new StartBackoff(definition.name, context.startFailures, this.now);
  }

  get name(): string {
    return this.definition.name;
  }

  get running(): BackendConnection | undefined {
    return this.backend;
  }

  /**
   * The live backend, starting the container if it is not running. `reason` decides what the back-off after a
   * failed start allows (see StartBackoff): a call retries once the back-off has passed, the gateway's own
   * list learning never retries a failed server, an explicit start always does.
   */
  connect(reason: StartReason = 'call'): Promise<BackendConnection> {
    this.lastActivity = this.now();
    if (this.backend) return Promise.resolve(this.backend);
    this.starting ??= this.start(reason).finally(() => (this.starting = undefined));
    return this.starting;
  }

  async stop(): Promise<void> {
    const backend = this.backend ?? (await this.starting?.catch(() => undefined));
    if (!backend) return;
    this.stopping = true;
    this.setState('stopping');
    await backend.close();
  }

  /** Forwards a notification to the server only when its container is already running. */
  async notifyIfRunning(notification: RpcNotification): Promise<void> {
    await this.backend?.notify(notification).catch(() => undefined);
  }

  /**
   * A sign-in to this remote server succeeded: a slot whose last start failed only for want of it is no longer
   * in error (its next call starts it with the new token). Answers whether the state changed.
   */
  signedIn(): boolean {
    if (!this.waitingForSignIn || this.state !== 'error' || this.backend || this.starting) return false;
    this.waitingForSignIn = false;
    this.error = undefined;
    this.setState('stopped');
    return true;
  }

  status(): ServerStatus {
    const lastFailure = this.backoff.current();
    return {
      name: this.name,
      image: this.definition.image,
      state: this.state,
      ...(this.containerId ? { containerId: this.containerId } : {}),
      ...(this.startedAt ? { startedAt: this.startedAt } : {}),
      ...(this.error ? { error: this.error } : {}),
      ...(this.pull ? { pull: pullStatus(this.pull) } : {}),
      stderrTail: this.stderr.tail(20),
      ...(lastFailure && !this.backend ? { lastFailure } : {}),
    };
  }

  private async start(reason: StartReason): Promise<BackendConnection> {
    let backend: BackendConnection | undefined;
    let definition: ServerDefinition;
    try {
      definition = this.context.prepare ? await this.context.prepare(this.definition) : this.definition;
    } catch (error) {
      // Missing secrets or config: not a crash, so no backoff; the next call after the fix starts at once.
      const failure = error instanceof SwitchyardError ? error : new SwitchyardError('MISSING_CONFIG', String(error));
      this.error = failure.describe();
      this.setState('error');
      throw failure;
    }
    // A server in back-off answers at once with its last failure; a changed launch or an explicit start clears it.
    const refusal = this.backoff.refusal(definition, reason);
    if (refusal) {
      this.error ??= refusal.describe(); // the failure itself, when this process saw it, says more
      if (this.state !== 'error') this.setState('error');
      throw refusal;
    }
    this.error = undefined;
    this.waitingForSignIn = false;
    this.stderrMark = this.stderr.mark();
    this.lastExit = () => undefined;
    this.setState('starting');
    try {
      backend = await this.openBackend(definition);
      // The legacy HTTP+SSE transport is 2025-era by definition; everything else is asked (server/discover).
      const probe = !this.legacyOnly && definition.remote?.transport !== 'sse';
      try {
        const verdict = await backend.open(this.context.clientInfo, { probe, prefer: this.context.preferredEra?.() });
        if (verdict?.era === 'legacy') this.legacyOnly = true;
        await attachOtherEra(backend, verdict, definition.remote, this.context.clientInfo, () => this.openBackend(definition));
      } catch (error) {
        if (!(error instanceof ClosedDuringProbeError)) throw error;
        // A server that quits on any request before initialize: start it again and use the 2025 handshake.
        this.stderr.writeLine('[switchyard] the server ended during the server/discover probe; starting it again with the 2025-11-25 handshake');
        this.legacyOnly = true;
        this.stderrMark = this.stderr.mark();
        backend = await this.openBackend(definition);
        await backend.open(this.context.clientInfo, { probe: false });
      }
      await this.context.onStarted(backend);
      this.backend = backend;
      this.launched = definition;
      this.startedAt = this.now();
      this.backoff.clear();
      this.setState('running');
      return backend;
    } catch (error) {
      await backend?.close().catch(() => undefined);
      this.containerId = undefined;
      this.pull = undefined;
      // The engine being away, or a remote server waiting for the user to sign in, is not the server's failure:
      // no back-off, so the next call after the engine is back (or after `server auth`) goes through at once.
      if (error instanceof SwitchyardError && notTheServersFailure(error)) {
        const failure = new SwitchyardError(error.code, `Server "${this.name}" could not start: ${error.message}`, error.hint, {
          ...error.details,
          server: this.name,
        });
        this.error = failure.describe();
        this.waitingForSignIn = error.details?.reason === 'sign_in_required';
        this.setState('error');
        throw failure;
      }
      this.crashes = Math.max(this.crashes, this.backoff.current()?.failures ?? 0) + 1;
      const failure = this.startFailure(error, this.lastExit(), definition);
      this.error = failure.describe();
      this.setState('error');
      throw failure;
    }
  }

  /** Starts the container and wraps its protocol stream; the connection is not opened yet. */
  private async openBackend(definition: ServerDefinition): Promise<BackendConnection> {
    const transport = await this.context.runtime.open(definition, this.stderr, (progress) => this.pullProgress(progress));
    this.pull = undefined;
    this.containerId = transport.containerId;
    this.lastExit = () => transport.exit;
    const backend: BackendConnection = new BackendConnection(
      this.name,
      transport,
      {
        ...this.context.events,
        onClose: () => this.handleClose(backend, transport.exit),
        onStrayOutput: (line) => this.stderr.write(`[stdout] ${line}\n`),
        onOversized: (limitBytes) =>
          this.context.warn?.(
            `server "${this.name}" sent a message larger than ${Math.round(limitBytes / 1024 / 1024)} MB (its limit); it was dropped and the call failed`,
          ),
      },
      () => this.describeExit(transport.exit),
    );
    return backend;
  }

  private handleClose(backend: BackendConnection | undefined, exit: ContainerExit | undefined): void {
    if (backend !== undefined && this.backend !== backend) return;
    const unexpected = !this.stopping && exit?.unexpected !== false;
    const ranFor = this.startedAt ? this.now() - this.startedAt : 0;
    this.backend = undefined;
    this.containerId = undefined;
    this.startedAt = undefined;
    this.stopping = false;
    if (unexpected && this.state === 'running') {
      this.error = this.describeExit(exit);
      // Cut off by the engine's loss, it did not crash: its next start is not delayed.
      if (exit?.engineLost) return this.setState('error');
      this.crashes = ranFor >= stableRunMs ? 1 : this.crashes + 1;
      if (this.launched) {
        const stderrTail = this.stderr.tail(5);
        this.backoff.failed(this.launched, { code: 'CONTAINER_FAILED', message: exitText(exit), ...exitCode(exit), stderrTail }, this.crashes);
      }
      this.setState('error');
    } else if (this.state !== 'starting') {
      this.setState('stopped');
    }
  }

  /** Pull progress reaches the UI at most a few times a second: a pull emits an event per chunk per layer. */
  private pullProgress(progress: PullProgress): void {
    this.pull = progress;
    const now = this.now();
    if (now - this.lastPullEmit < 250) return;
    this.lastPullEmit = now;
    this.emit('change');
  }

  private describeExit(exit: ContainerExit | undefined): string {
    return `Server "${this.name}" ${exitText(exit)}.${stderrSummary(this.stderr.tail(5))}`;
  }

  /**
   * A failed start as the caller's error, recorded for the back-off: what failed in one sentence (the exit when
   * the container ended), the stderr lines of this start once, and the hint.
   */
  private startFailure(error: unknown, exit: ContainerExit | undefined, launch: ServerDefinition): SwitchyardError {
    const known = error instanceof SwitchyardError ? error : undefined;
    const code = known?.code ?? 'CONTAINER_FAILED';
    const hint =
      known?.hint ??
      (this.definition.remote
        ? `Check that ${this.definition.remote.url} is an MCP endpoint (${this.definition.remote.transport}) and that its headers are right: switchyard server inspect ${this.name}`
        : `Check the image and its command: docker run --rm -i ${this.definition.image}`);
    const message = exit ? exitText(exit) : withoutStderr(error instanceof Error ? error.message : String(error), this.name);
    const stderrTail = this.stderr.since(this.stderrMark, 5);
    const failure = this.backoff.failed(launch, { code, message, hint, ...exitCode(exit), stderrTail }, this.crashes);
    const sentence = `Server "${this.name}" could not start: ${message}${/[.!?]$/.test(message) ? '' : '.'}`;
    return new SwitchyardError(code, `${sentence}${stderrSummary(stderrTail)}`, hint, { server: this.name, failure });
  }

  private setState(state: ContainerState): void {
    this.state = state;
    this.emit('change');
  }
}

function exitText(exit: ContainerExit | undefined): string {
  if (exit?.engineLost) return 'was cut off: the Docker engine stopped answering and its stdio connection closed';
  return exit ? `exited with code ${exit.code}` : 'exited';
}

function exitCode(exit: ContainerExit | undefined): { exitCode?: number } {
  return exit && Number.isInteger(exit.code) && exit.code >= 0 ? { exitCode: exit.code } : {};
}

function stderrSummary(tail: string[]): string {
  return tail.length > 0 ? ` Last stderr lines:\n${tail.join('\n')}` : '';
}

/** An error's own sentence without the stderr lines a close description carries (they are shown once, separately). */
function withoutStderr(message: string, server: string): string {
  const sentence = message.split(' Last stderr lines:')[0]!.trim();
  const prefix = `Server "${server}" `;
  return sentence.startsWith(prefix) ? sentence.slice(prefix.length).replace(/\.$/, '') : sentence;
}

/** Start errors that say nothing about the server itself, so they are not recorded for the back-off. */
function notTheServersFailure(error: SwitchyardError): boolean {
  return error.code === 'DOCKER_UNREACHABLE' || (error.code === 'UNAUTHORIZED' && error.details?.reason === 'sign_in_required');
}

/** The progress as the status carries it (without the image, which the status names already). */
function pullStatus({ status, current, total, unit, build }: PullProgress): NonNullable<ServerStatus['pull']> {
  return { status, current, total, ...(unit ? { unit } : {}), ...(build ? { build } : {}) };
}
