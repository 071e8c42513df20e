import { apiEventNames, apiMethods, type ApiEvent, type ApiHandlers, type ApiMethod, type ApiOutcome } from '../../shared/api.js';
import { SwitchyardError, toWireError } from '../../shared/errors.js';

export type EventListener = (event: ApiEvent, payload: unknown) => void;

/**
 * The control API, transport-free: validates each call's input against its schema in shared/, runs the
 * handler, and turns every failure into a WireError. The IPC and WebSocket adapters are thin shells on this.
 */
export class ControlService {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly handlers: ApiHandlers) {}

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

  /** Pushes an event to every connected UI. Unknown event names are a programming error. */
  emit(event: ApiEvent, payload: unknown): void {
    if (!apiEventNames.includes(event)) throw new Error(`unknown control event ${event}`);
    for (const listener of this.listeners) listener(event, payload);
  }

  private async invoke(method: string, params: unknown): Promise<unknown> {
    if (!isApiMethod(method)) {
      throw new SwitchyardError('UNKNOWN_METHOD', `Unknown control method "${method}".`, `Known methods: ${Object.keys(apiMethods).join(', ')}.`);
    }
    const parsed = apiMethods[method].input.safeParse(params ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; ');
      throw new SwitchyardError('INVALID_INPUT', `Invalid input for ${method}: ${detail}`);
    }
    const handler = this.handlers[method] as (input: unknown) => Promise<unknown>;
    return handler(parsed.data);
  }
}

function isApiMethod(method: string): method is ApiMethod {
  return Object.hasOwn(apiMethods, method);
}
