import type { ApiEvent, ApiEventPayload, ApiInput, ApiResult } from './api.js';
import { apiMethodNames, type ApiMethod } from './api-method-names.js';

/**
 * The API as the renderer sees it, derived from the declarations in api.ts: one object per domain and one
 * function per method (`api.server.enable({ name })` calls 'server.enable'), each taking that method's input
 * object and resolving its result. The functions are made at run time from the method names (api-method-names.ts,
 * zod-free, so the page's bundle of bridge.ts needs no schemas) and typed from apiMethods: a method declared
 * there is here at once, typed, with nothing kept by hand. Built from two primitives, so Electron IPC (through the
 * preload's bridge) and the WebSocket client (web mode) expose exactly the same surface.
 */
type DomainOf<M extends string> = M extends `${infer Domain}.${string}` ? Domain : never;
type VerbOf<M extends string, Domain extends string> = M extends `${Domain}.${infer Verb}` ? Verb : never;

/** A method whose input may be empty can be called without one: `api.gateway.status()`. */
export type ApiFunction<M extends ApiMethod> =
  Record<string, never> extends ApiInput<M> ? (input?: ApiInput<M>) => Promise<ApiResult<M>> : (input: ApiInput<M>) => Promise<ApiResult<M>>;

export type ApiDomain<Domain extends string> = { [M in Extract<ApiMethod, `${Domain}.${string}`> as VerbOf<M, Domain>]: ApiFunction<M> };

export type SwitchyardApi = { [Domain in DomainOf<ApiMethod>]: ApiDomain<Domain> } & {
  events: {
    on<E extends ApiEvent>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
  };
};

export type CallFn = <M extends ApiMethod>(method: M, input: ApiInput<M>) => Promise<ApiResult<M>>;
export type SubscribeFn = (event: ApiEvent, listener: (payload: unknown) => void) => () => void;

export function createApiClient(call: CallFn, subscribe: SubscribeFn): SwitchyardApi {
  const domains: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const method of apiMethodNames) {
    const dot = method.indexOf('.');
    const domain = (domains[method.slice(0, dot)] ??= {});
    domain[method.slice(dot + 1)] = (input) => call(method, (input ?? {}) as ApiInput<typeof method>);
  }
  const events: SwitchyardApi['events'] = { on: (event, listener) => subscribe(event, listener as (payload: unknown) => void) };
  return { ...domains, events } as unknown as SwitchyardApi;
}
