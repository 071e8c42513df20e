import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { apiAccess } from '../api/api-context.js';
import type { Connection } from '../api/connect.js';
import { seedEarlyAnswers, type EarlyQuery } from '../api/early-queries.js';
import { createQueryClient } from '../api/query-client.js';
import { AppProviders } from './providers.js';
import { createAppRouter } from './router.js';

/** Renders the window on an open connection, with the answers main.tsx asked for before this code loaded. */
export function mountWindow(connection: Connection, early: EarlyQuery[]): void {
  const access = apiAccess(connection);
  const queryClient = createQueryClient();
  seedEarlyAnswers(queryClient, early);
  const router = createAppRouter();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppProviders access={access} queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
}
