import { apiEvents, apiMethods, type ApiEvent, type ApiEventPayload, type ApiHandlers, type ApiMethod, type ApiOutcome } from '../../shared/api.js';
import { SwitchyardError, toWireError } from '../../shared/errors.js';
import { invalidInputError } from '../../shared/input-issues.js';

export type EventListener = (event: ApiEvent, payload: unknown) => void;

export interface ControlServiceOptions {
  /**
   * Check every result and event payload against its schema in shared/api.ts and fail loudly on a mismatch
   * (tests turn it on; in the app the schemas are the contract, checked by those tests).
   */
  checkResults?: boolean;
}

/**
 * The control API, transport-free: validates each call's input against its schema in shared/, runs the
 * handler, and turns every failure into a WireError. The IPC and WebSocket adapters are thin shells on this.
 */
export class ControlService {
  private readonly listeners = new Set<EventListener>();
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly handlers: ApiHandlers,
    private readonly options: ControlServiceOptions = {},
  ) {}

  /** Runs one call. Never throws: the outcome is a response message body without its id. */
  async dispatch(method: string, params: unknown): Promise<ApiOutcome> {
    try {
      return { ok: true, result: await this.invoke(method, params) };
    } catch (error) {
      return { ok: false, error: toWireError(error) };
    }
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Pushes an event to every connected UI; the payload's type is the one apiEvents declares for it. */
  emit<E extends ApiEvent>(event: E, payload: ApiEventPayload<E>): void {
    if (!Object.hasOwn(apiEvents, event)) throw new Error(`unknown control event ${event}`);
    if (this.options.checkResults) {
      const checked = apiEvents[event].safeParse(payload);
      if (!checked.success) throw new Error(`event ${event} does not match its schema: ${checked.error.message}`);
    }
    for (const listener of this.listeners) listener(event, payload);
  }

  /** Runs `cleanup` on close (the engine subscriptions that feed the events). */
  onClose(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  /** Stops feeding events; calls still work. */
  close(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private async invoke(method: string, params: unknown): Promise<unknown> {
    if (!isApiMethod(method)) {
      throw new SwitchyardError('UNKNOWN_METHOD', `Unknown control method "${method}".`, `Known methods: ${Object.keys(apiMethods).join(', ')}.`, {
        method,
      });
    }
    const parsed = apiMethods[method].input.safeParse(params ?? {});
    if (!parsed.success) {
      throw invalidInputError(`input for ${method}`, parsed.error, { method });
    }
    const handler = this.handlers[method] as (input: unknown) => Promise<unknown>;
    const result = await handler(parsed.data);
    if (this.options.checkResults) {
      const checked = apiMethods[method].result.safeParse(result);
      if (!checked.success) throw new SwitchyardError('INTERNAL', `The result of ${method} does not match its schema: ${checked.error.message}`);
    }
    return result;
  }
}

function isApiMethod(method: string): method is ApiMethod {
  return Object.hasOwn(apiMethods, method);
}
