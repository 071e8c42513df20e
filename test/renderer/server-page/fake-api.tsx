import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ApiInput, ApiMethod, ApiResult } from '../../../shared/api.js';
import { ApiProvider, type ApiAccess } from '../../../renderer/src/api/api-context.js';

type Handlers = { [M in ApiMethod]?: (input: ApiInput<M>) => Promise<ApiResult<M>> | ApiResult<M> };

/** An in-memory control service for component tests: records every call and answers from `handlers`. */
export function fakeApi(handlers: Handlers, options: { desktop?: boolean } = {}) {
  const calls: Array<{ method: ApiMethod; input: unknown }> = [];
  const access: ApiAccess = {
    async call(method, input) {
      calls.push({ method, input });
      const handler = handlers[method] as ((input: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`The fake API has no handler for ${method}`);
      return (await handler(input)) as never;
    },
    // The desktop app: its preferences are not what these tests look at, only that the window runs there.
    ...(options.desktop
      ? {
          desktop: {
            preferences: { get: () => Promise.reject(new Error('unused')), set: () => Promise.reject(new Error('unused')) },
            chooseFolder: () => Promise.reject(new Error('unused')),
          },
        }
      : {}),
    on: () => () => {},
    watch(listener) {
      listener({ state: 'connected' });
      return () => {};
    },
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <ApiProvider access={access}>{children}</ApiProvider>
    </QueryClientProvider>
  );
  return { access, calls, queryClient, wrapper };
}

/** jsdom lacks ResizeObserver, which Radix's switch measures itself with. */
export function installResizeObserver(): void {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
