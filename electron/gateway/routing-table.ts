import type { Item, ServerLists } from './server-lists.js';

/** Separator between a server name and an item name when names clash (or prefixing is forced). */
export const prefixSeparator = '__';

export interface Route {
  server: string;
  /** The name (or URI) the server itself uses. */
  original: string;
}

/** The public view: names clients see, and where each one leads. */
export interface RoutingTable {
  tools: Map<string, Route>;
  prompts: Map<string, Route>;
  resources: Map<string, Route>;
  /** Public items per kind, in server order, ready to answer list requests. */
  lists: ServerLists;
  /** Public resource URI of a server's own URI (for resources/updated and the like). */
  publicUri(server: string, uri: string): string;
}

/**
 * Builds the routing table from every enabled server's lists. A name keeps its own form unless two servers
 * offer it (or alwaysPrefix is set); then each is exposed as `<server>__<name>`. Resources use the same rule
 * on URIs. Templates keep their URI templates and are routed by matching (see matchTemplate).
 * Never throws on a clash: a clash only changes names.
 */
export function buildRoutingTable(servers: Array<{ server: string; lists: ServerLists }>, alwaysPrefix: boolean): RoutingTable {
  const tools = exposeNames(servers, 'tools', 'name', alwaysPrefix);
  const prompts = exposeNames(servers, 'prompts', 'name', alwaysPrefix);
  const resources = exposeNames(servers, 'resources', 'uri', alwaysPrefix);
  const resourceTemplates = servers.flatMap(({ lists }) => lists.resourceTemplates);
  const uriPublic = new Map<string, string>();
  for (const [publicUri, route] of resources.routes) uriPublic.set(`${route.server}\u0000${route.original}`, publicUri);
  return {
    tools: tools.routes,
    prompts: prompts.routes,
    resources: resources.routes,
    lists: { tools: tools.items, prompts: prompts.items, resources: resources.items, resourceTemplates },
    publicUri: (server, uri) => uriPublic.get(`${server}\u0000${uri}`) ?? (alwaysPrefix ? prefixed(server, uri) : uri),
  };
}

export function prefixed(server: string, name: string): string {
  return `${server}${prefixSeparator}${name}`;
}

function exposeNames(
  servers: Array<{ server: string; lists: ServerLists }>,
  kind: 'tools' | 'prompts' | 'resources',
  key: 'name' | 'uri',
  alwaysPrefix: boolean,
): { routes: Map<string, Route>; items: Item[] } {
  const owners = new Map<string, number>();
  for (const { lists } of servers) {
    for (const name of new Set(lists[kind].map((item) => String(item[key])))) owners.set(name, (owners.get(name) ?? 0) + 1);
  }
  const routes = new Map<string, Route>();
  const items: Item[] = [];
  for (const { server, lists } of servers) {
    for (const item of lists[kind]) {
      const original = String(item[key]);
      const publicName = alwaysPrefix || (owners.get(original) ?? 0) > 1 ? prefixed(server, original) : original;
      if (routes.has(publicName)) continue; // a server listing the same name twice: the first wins
      routes.set(publicName, { server, original });
      items.push(publicName === original ? item : { ...item, [key]: publicName });
    }
  }
  return { routes, items };
}

/**
 * Does a URI fit an RFC 6570 template (the simple forms servers use: {var}, {+var}, {/var}, {?a,b})? Used to
 * route resources/read for URIs that are not listed but come from a server's template.
 */
export function matchTemplate(template: string, uri: string): boolean {
  const query = template.indexOf('{?');
  const base = query === -1 ? template : template.slice(0, query);
  const pattern = base
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith('{')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return part.startsWith('{+') || part.startsWith('{#') ? '.+' : part.startsWith('{/') ? '(?:/[^/?#]+)+' : '[^/?#]+';
    })
    .join('');
  return new RegExp(`^${pattern}${query === -1 ? '' : '(?:\\?.*)?'}$`).test(uri);
}
