import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Toaster } from 'sonner';
import { ApiProvider, type ApiAccess } from '../api/api-context.js';
import { useEngineEvents } from '../api/event-invalidation.js';
import { resolveTheme, useThemeStore } from '../store/theme-store.js';
import { TooltipProvider } from '../ui/tooltip.js';
import { ThemeSync } from './theme-sync.js';

function EngineEvents() {
  useEngineEvents();
  return null;
}

/** Sonner's plain toasts (its rich colours fail WCAG contrast for success text); the icon says success or error. */
function ThemedToaster() {
  const choice = useThemeStore((state) => state.choice);
  return <Toaster theme={choice === 'system' ? 'system' : resolveTheme(choice, false)} position="bottom-right" closeButton />;
}

/** Everything a page relies on: the engine (ApiProvider), the query cache kept fresh by engine events, theme, tooltips, toasts. */
export function AppProviders({ access, queryClient, children }: { access: ApiAccess; queryClient: QueryClient; children: ReactNode }) {
  return (
    <ApiProvider access={access}>
      <QueryClientProvider client={queryClient}>
        <EngineEvents />
        <ThemeSync />
        <TooltipProvider>{children}</TooltipProvider>
        <ThemedToaster />
      </QueryClientProvider>
    </ApiProvider>
  );
}
