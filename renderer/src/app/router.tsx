import { createHashHistory, createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect, type RouterHistory } from '@tanstack/react-router';
import { CatalogPage } from '../features/catalog/components/CatalogPage.js';
import { LoadingState } from '../ui/states.js';
import { AppLayout } from './layout/AppLayout.js';

/** The sections of a server page that a link may open directly (e.g. after enabling an entry that needs a secret). */
export const serverSections = ['overview', 'config', 'secrets', 'tools', 'log'] as const;
export type ServerSection = (typeof serverSections)[number];

function parseSection(value: unknown): ServerSection | undefined {
  return serverSections.find((section) => section === value);
}

const rootRoute = createRootRoute({ component: AppLayout });

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/catalog' });
  },
});

// The catalog is the first screen, so it is in the first bundle; every other page is a chunk of its own, loaded
// when first opened, which keeps its libraries (zod and the form library, recharts) out of the first screen.
const catalogRoute = createRoute({ getParentRoute: () => rootRoute, path: '/catalog', component: CatalogPage });
const serversRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/servers',
  // The profile whose servers My servers shows (a link from the tray opens one); absent: default.
  validateSearch: (search: Record<string, unknown>): { profile?: string } =>
    typeof search.profile === 'string' && search.profile !== '' ? { profile: search.profile } : {},
  component: lazyRouteComponent(() => import('../features/servers/components/ServersPage.js'), 'ServersPage'),
});

const serverRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/servers/$name',
  validateSearch: (search: Record<string, unknown>): { section?: ServerSection } => {
    const section = parseSection(search.section);
    return section ? { section } : {};
  },
  component: lazyRouteComponent(() => import('../features/servers/components/ServerRouteView.js'), 'ServerRouteView'),
});

const clientsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/clients',
  // An app whose Repair (or Connect) dialog opens at once (a toast's Repair button leads here).
  validateSearch: (search: Record<string, unknown>): { repair?: string } =>
    typeof search.repair === 'string' && search.repair !== '' ? { repair: search.repair } : {},
  component: lazyRouteComponent(() => import('../features/clients/components/ClientsPage.js'), 'ClientsPage'),
});

const activityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/activity',
  component: lazyRouteComponent(() => import('../features/activity/components/ActivityPage.js'), 'ActivityPage'),
});

const policiesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/policies',
  component: lazyRouteComponent(() => import('../features/policies/components/PoliciesPage.js'), 'PoliciesPage'),
});

const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('../features/settings/components/SettingsPage.js'), 'SettingsPage'),
});

const welcomeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/welcome',
  component: lazyRouteComponent(() => import('../features/onboarding/components/FirstRunPage.js'), 'FirstRunPage'),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  catalogRoute,
  serversRoute,
  serverRoute,
  clientsRoute,
  activityRoute,
  policiesRoute,
  settingsRoute,
  welcomeRoute,
]);

/** Hash history: the desktop window loads from file://, where only the fragment can carry the route. */
export function createAppRouter(history: RouterHistory = createHashHistory()) {
  return createRouter({
    routeTree,
    history,
    defaultPreload: false,
    scrollRestoration: true,
    // Shown while a page's chunk loads (only the first time it opens, and only if that takes a moment).
    defaultPendingComponent: () => <LoadingState label="Loading…" />,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
