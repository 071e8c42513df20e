import { createMemoryHistory, RouterProvider } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import type { ApiEvent, ApiEventPayload, ApiInput, ApiMethod, ApiResult } from '../../../shared/api.js';
import { SwitchyardError } from '../../../shared/errors.js';
import type { ApiAccess } from '../../../renderer/src/api/api-context.js';
import type { ConnectionStatus } from '../../../renderer/src/api/connect.js';
import { createQueryClient } from '../../../renderer/src/api/query-client.js';
import { AppProviders } from '../../../renderer/src/app/providers.js';
import { createAppRouter } from '../../../renderer/src/app/router.js';
import type { DesktopApi } from '../../../shared/bridge.js';

type Handler = (input: unknown) => unknown;

/**
 * An in-memory control service for component tests: handlers per method (a missing one fails like the engine
 * would), events pushed by the test, and a connection status the test moves. Records every call.
 */
export class FakeEngine {
  readonly calls: { method: string; input: unknown }[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly watchers = new Set<(status: ConnectionStatus) => void>();
  private status: ConnectionStatus = { state: 'connected' };

  handle<M extends ApiMethod>(method: M, handler: (input: ApiInput<M>) => ApiResult<M> | Promise<ApiResult<M>>): this {
    this.handlers.set(method, handler as Handler);
    return this;
  }

  callsOf(method: ApiMethod): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.input);
  }

  emit<E extends ApiEvent>(event: E, payload: ApiEventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  setStatus(status: ConnectionStatus): void {
    this.status = status;
    for (const watcher of this.watchers) watcher(status);
  }

  readonly access: ApiAccess = {
    call: async (method, input) => {
      this.calls.push({ method, input });
      const handler = this.handlers.get(method);
      if (!handler) throw new SwitchyardError('UNKNOWN_METHOD', `The fake engine has no ${method}.`);
      return (await handler(input)) as never;
    },
    on: (event, listener) => {
      let set = this.listeners.get(event);
      if (!set) this.listeners.set(event, (set = new Set()));
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    watch: (listener) => {
      this.watchers.add(listener);
      listener(this.status);
      return () => this.watchers.delete(listener);
    },
  };
}

/**
 * The whole window (providers, router, layout) on the fake engine, opened at `route` (on `queryClient` if given,
 * e.g. seeded); with `desktop`, as the desktop app's window (its preload's desktop domain).
 */
export function renderWindow(engine: FakeEngine, route = '/catalog', queryClient = createQueryClient(), desktop?: DesktopApi) {
  const router = createAppRouter(createMemoryHistory({ initialEntries: [route] }));
  return render(
    <AppProviders access={desktop ? { ...engine.access, desktop } : engine.access} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
}

/** jsdom lacks these; the grid measures with ResizeObserver and the theme follows matchMedia. */
export function installBrowserStubs(): void {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    addEventListener() {},
    removeEventListener() {},
  })) as unknown as typeof window.matchMedia;
}
