import type { StartFailure } from '../../shared/domain.js';
import { SwitchyardError, type ErrorCode } from '../../shared/errors.js';
import { launchHash, publicFailure, sameLaunch, type StartFailureLog, type StartFailureRecord } from '../runtime/start-failures.js';
import { restartDelayMs } from './restart-policy.js';

/**
 * Who wants the server started: a call to it (or its lists for that call), the gateway learning what an unknown
 * server offers (a tools/list, or a call of another server), or the user asking for it (`server start/restart`).
 */
export type StartReason = 'call' | 'automatic' | 'explicit';

/** The failure as the slot saw it, before the back-off is added. */
export type FailureFacts = Pick<StartFailure, 'code' | 'message' | 'hint' | 'exitCode' | 'stderrTail'>;

/**
 * One server's back-off after failed starts, kept in the home's StartFailureLog so every process of that home
 * honours it (without a log, in memory). The rules (README, "When a server fails to start"):
 * - after a failed start, a call to the server starts it again only after restartDelayMs(failures in a row):
 *   at once after the first failure, then 1 s, 2 s, 4 s ... 30 s; until then it answers with the last failure;
 * - the gateway never starts a server whose last start failed on its own account (to learn its lists for a
 *   tools/list or for a call of another server), until the failure is cleared;
 * - a successful start, an explicit start or restart, or a changed launch (config, secret, image, command)
 *   clears the failure.
 */
export class StartBackoff {
  private remembered: StartFailureRecord | undefined;

  constructor(
    private readonly server: string,
    private readonly log: StartFailureLog | undefined,
    private readonly now: () => number,
  ) {
    this.remembered = log?.get(server);
  }

  /** The last failure, while it stands (as last read: status asks often, so this reads no file). */
  current(): StartFailure | undefined {
    return this.remembered ? publicFailure(this.remembered) : undefined;
  }

  /** Why `launch` may not start now, or undefined when it may. A changed launch or an explicit start clears the failure. */
  refusal(launch: unknown, reason: StartReason): SwitchyardError | undefined {
    // Read again: another process of this home may have recorded or cleared a failure.
    if (this.log) this.remembered = this.log.get(this.server);
    const record = this.remembered;
    if (!record) return undefined;
    if (reason === 'explicit' || !sameLaunch(record, launch)) {
      this.clear();
      return undefined;
    }
    const wait = record.retryAt - this.now();
    if (reason === 'call' && wait <= 0) return undefined;
    return refusalError(this.server, publicFailure(record), reason === 'call' ? wait : undefined);
  }

  /** Records a failed start (or a crash soon after one) of `launch`; `failures` counts them in a row. */
  failed(launch: unknown, facts: FailureFacts, failures: number): StartFailure {
    const at = this.now();
    const record: StartFailureRecord = { ...facts, at, failures, retryAt: at + restartDelayMs(failures), launch: launchHash(launch) };
    this.remembered = record;
    this.log?.set(this.server, record);
    return publicFailure(record);
  }

  /** A start succeeded: the failure no longer stands. */
  clear(): void {
    this.remembered = undefined;
    if (this.log?.get(this.server)) this.log.clear(this.server);
  }
}

/** The answer to a start that the back-off refuses: the last failure (its stderr lines once) and when a call may try again. */
function refusalError(server: string, failure: StartFailure, waitMs: number | undefined): SwitchyardError {
  const stderr = failure.stderrTail.length > 0 ? `\nLast stderr lines:\n${failure.stderrTail.join('\n')}` : '';
  const details = { server, failure, backoff: true, ...(waitMs !== undefined ? { retryAt: failure.retryAt } : {}) };
  if (waitMs === undefined) {
    return new SwitchyardError(
      errorCode(failure.code),
      `Server "${server}" could not start when last tried: ${failure.message}${/[.!?]$/.test(failure.message) ? '' : '.'}${stderr}`,
      `${failure.hint ? `${failure.hint}. ` : ''}After a fix (a change of its config or secrets clears the failure): switchyard server start ${server}`,
      details,
    );
  }
  return new SwitchyardError(
    errorCode(failure.code),
    `Server "${server}" failed ${failure.failures} time(s) in a row; next start attempt in ${Math.ceil(waitMs / 1000)} s. Last failure: ${failure.message}${stderr}`,
    failure.hint ?? `Fix it (a change of its config or secrets clears the failure), or start it now: switchyard server start ${server}`,
    details,
  );
}

const errorCodes: readonly ErrorCode[] = ['DOCKER_UNREACHABLE', 'IMAGE_NOT_FOUND', 'CONTAINER_FAILED', 'MISSING_CONFIG', 'INVALID_INPUT'];

function errorCode(code: string): ErrorCode {
  return (errorCodes as readonly string[]).includes(code) ? (code as ErrorCode) : 'CONTAINER_FAILED';
}
