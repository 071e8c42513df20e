import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { apiAccess } from './api/api-context.js';
import { connect } from './api/connect.js';
import { createQueryClient } from './api/query-client.js';
import { AppProviders } from './app/providers.js';
import { createAppRouter } from './app/router.js';

// connect() takes the web-mode token out of the fragment before the router reads the fragment as a route.
const access = apiAccess(connect());
const queryClient = createQueryClient();
const router = createAppRouter();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders access={access} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
