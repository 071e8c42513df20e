/**
 * The names of the control API's methods, apart from their schemas (shared/api.ts) so that the page's bridge
 * and the preload stay free of zod. api.ts declares a schema pair for exactly these names: a name without
 * schemas, or schemas without a name, fails to compile. Everything else (the typed client in api-client.ts,
 * the IPC channels, the handlers' type) is derived from them.
 */
export const apiMethodNames = [
  'gateway.status',
  'gateway.start',
  'gateway.stop',
  'server.start',
  'server.stop',
  'server.enable',
  'server.disable',
  'server.inspect',
  'server.add',
  'server.remove',
  'catalog.list',
  'catalog.search',
  'catalog.inspect',
  'catalog.sources',
  'catalog.addSource',
  'catalog.removeSource',
  'catalog.refresh',
  'config.get',
  'config.set',
  'config.unset',
  'secret.set',
  'secret.delete',
  'secret.status',
  'client.list',
  'client.connect',
  'client.disconnect',
  'client.snippet',
  'history.query',
  'history.stats',
  'history.timeline',
  'history.clear',
  'tools.pending',
  'tools.list',
  'tools.setEnabled',
  'tools.approve',
  'settings.get',
  'settings.update',
  'gateway.token',
  'gateway.rotateToken',
] as const;

export type ApiMethod = (typeof apiMethodNames)[number];
