import { z } from 'zod';
import { GatewayStatusSchema, ServerStatusSchema } from './domain.js';
import type { WireError } from './errors.js';

/**
 * The control API between the UI (or any control client) and the engine, declared once. Each method names
 * its input schema (validated by the engine at the boundary) and its result schema. Events are pushed by the
 * engine. Transports: Electron IPC (preload) and a token-protected WebSocket on 127.0.0.1 (web mode).
 */
const NoInput = z.object({}).strict();
const ServerNameInput = z.object({ name: z.string().min(1, 'give the server name') }).strict();

export const apiMethods = {
  'gateway.status': { input: NoInput, result: GatewayStatusSchema },
  'gateway.start': { input: NoInput, result: GatewayStatusSchema },
  'gateway.stop': { input: NoInput, result: GatewayStatusSchema },
  'server.start': { input: ServerNameInput, result: ServerStatusSchema },
  'server.stop': { input: ServerNameInput, result: ServerStatusSchema },
} as const;

export const apiEvents = {
  'gateway.status': GatewayStatusSchema,
} as const;

export type ApiMethod = keyof typeof apiMethods;
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiMethods)[M]['input']>;
export type ApiResult<M extends ApiMethod> = z.output<(typeof apiMethods)[M]['result']>;
export type ApiEvent = keyof typeof apiEvents;
export type ApiEventPayload<E extends ApiEvent> = z.output<(typeof apiEvents)[E]>;

export const apiMethodNames = Object.keys(apiMethods) as ApiMethod[];
export const apiEventNames = Object.keys(apiEvents) as ApiEvent[];

/** What the engine implements: one async handler per method. */
export type ApiHandlers = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResult<M>> };

// Wire messages shared by the IPC and WebSocket adapters.
export interface ApiRequestMessage {
  id: number;
  method: string;
  params?: unknown;
}
/** The outcome of one call; handlers never throw across a boundary (see shared/errors.ts). */
export type ApiOutcome = { ok: true; result: unknown } | { ok: false; error: WireError };
export type ApiResponseMessage = ApiOutcome & { id: number };
export interface ApiEventMessage {
  event: string;
  payload: unknown;
}

/** The IPC channel names live in shared/ipc-channels.ts (zod-free, for the preload); re-exported here. */
export { ipcChannels } from './ipc-channels.js';
