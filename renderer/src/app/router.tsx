import { createHashHistory, createRootRoute, createRoute, createRouter, redirect, type RouterHistory } from '@tanstack/react-router';
import { ActivityPage } from '../features/activity/components/ActivityPage.js';
import { ClientsPage } from '../features/clients/components/ClientsPage.js';
import { CatalogPage } from '../features/catalog/components/CatalogPage.js';
import { ServerPage } from '../features/servers/components/ServerPage.js';
import { ServersPage } from '../features/servers/components/ServersPage.js';
import { AppLayout } from './layout/AppLayout.js';
import { ComingSoonPage } from './pages/ComingSoonPage.js';

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

const catalogRoute = createRoute({ getParentRoute: () => rootRoute, path: '/catalog', component: CatalogPage });
const serversRoute = createRoute({ getParentRoute: () => rootRoute, path: '/servers', component: ServersPage });

const serverRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/servers/$name',
  validateSearch: (search: Record<string, unknown>): { section?: ServerSection } => {
    const section = parseSection(search.section);
    return section ? { section } : {};
  },
  component: function ServerRouteView() {
    const { name } = serverRoute.useParams();
    // Keyed by name: another server's page starts fresh (its forms, its open section).
    return <ServerPage key={name} name={name} />;
  },
});

const clientsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/clients', component: ClientsPage });

const activityRoute = createRoute({ getParentRoute: () => rootRoute, path: '/activity', component: ActivityPage });

const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  component: () => (
    <ComingSoonPage title="Settings" what="Gateway port, idle timeout, secret storage and start at login." command="switchyard gateway --help" />
  ),
});

const routeTree = rootRoute.addChildren([indexRoute, catalogRoute, serversRoute, serverRoute, clientsRoute, activityRoute, settingsRoute]);

/** Hash history: the desktop window loads from file://, where only the fragment can carry the route. */
export function createAppRouter(history: RouterHistory = createHashHistory()) {
  return createRouter({ routeTree, history, defaultPreload: false, scrollRestoration: true });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
