import type { RoutingTable } from './routing-table.js';
import type { Item, ServerLists } from './server-lists.js';

/** The profile of a client that names none: every enabled server, as before profiles existed. */
export const defaultProfile = 'default';

/** A profile as the gateway serves it (settings' `profiles`, see settings/settings-schema.ts). */
export interface ProfileDefinition {
  name: string;
  /**
   * Member servers. `allow` narrows the tools its clients see and may call (absent: every tool); `listed: false`
   * keeps a member's tools out of tools/list in a dynamic profile (call_tool still reaches them).
   */
  servers: Record<string, { allow?: string[]; listed?: boolean }>;
  /** Adds the gateway's own tools (find_servers, describe_server, add_server, call_tool; see on-demand-tools.ts). */
  dynamic?: boolean;
}

/**
 * What one client session sees: the servers of its profile, plus those it added for itself (add_server). Sessions
 * with the same profile and the same additions share one view (and its routing tables).
 */
export interface View {
  key: string;
  profile: string;
  /** Server names, in the gateway's server order. */
  servers: string[];
  legacy: RoutingTable;
  modern: RoutingTable;
}

export function viewKey(profile: string, added: ReadonlySet<string>): string {
  return added.size === 0 ? profile : `${profile}+${[...added].sort().join(',')}`;
}

/**
 * The servers a view shows, in `ordered` order: for the default profile every server from the settings, for
 * another its members that are enabled; plus the session's own additions. A profile that no longer exists
 * shows only the additions.
 */
export function viewServers(
  profile: ProfileDefinition | undefined,
  profileName: string,
  ordered: readonly string[],
  fromSettings: ReadonlySet<string>,
  added: ReadonlySet<string>,
): string[] {
  return ordered.filter((name) => added.has(name) || (fromSettings.has(name) && (profileName === defaultProfile || profile?.servers[name] !== undefined)));
}

/** A member's lists as its profile shows them: only its allowed tools, none at all when it is not listed. */
export function profileLists(profile: ProfileDefinition | undefined, server: string, lists: ServerLists): ServerLists {
  const member = profile?.servers[server];
  if (!member) return lists;
  if (member.listed === false && profile?.dynamic) return { ...lists, tools: [] };
  if (!member.allow) return lists;
  const allowed = new Set(member.allow);
  return { ...lists, tools: lists.tools.filter((tool: Item) => allowed.has(String(tool.name))) };
}

/** Whether a profile lets its clients call this tool of this server (allow-lists only; the policy decides the rest). */
export function toolAllowed(profile: ProfileDefinition | undefined, server: string, tool: string): boolean {
  const allow = profile?.servers[server]?.allow;
  return !allow || allow.includes(tool);
}

/**
 * Why a tool name a client asked for is not in its view, when the profile is the reason: the tool is outside
 * the member's allow-list, or its server is enabled but not in the profile.
 */
export function profileRefusal(
  profile: ProfileDefinition | undefined,
  profileName: string,
  name: string,
  toolsOf: (server: string) => Item[] | undefined,
  servers: readonly string[],
  separator: string,
): string | undefined {
  if (profileName === defaultProfile) return undefined;
  // The profile's own members first: when a member offers the tool, its allow-list is the reason, even if a
  // server outside the profile has a tool of the same name.
  const members = servers.filter((server) => profile?.servers[server] !== undefined);
  for (const server of [...members, ...servers.filter((server) => !members.includes(server))]) {
    const original = name.startsWith(`${server}${separator}`) ? name.slice(server.length + separator.length) : name;
    if (!toolsOf(server)?.some((tool) => tool.name === original)) continue;
    if (!profile) return `Tool "${name}" is not available: profile "${profileName}" no longer exists.`;
    if (!profile.servers[server]) {
      return `Tool "${name}" of server "${server}" is not in profile "${profileName}". Add the server with \`switchyard profile server add ${profileName} ${server}\`.`;
    }
    if (profile.servers[server].listed === false && profile.dynamic && toolAllowed(profile, server, original)) {
      return `Tool "${name}" of server "${server}" is not listed in profile "${profileName}": call it with call_tool (server "${server}", tool "${original}").`;
    }
    if (!toolAllowed(profile, server, original)) {
      const allow = [...(profile.servers[server].allow ?? []), original].join(',');
      return `Tool "${name}" of server "${server}" is not on profile "${profileName}"'s allow-list. Allow it with \`switchyard profile tools ${profileName} ${server} --allow ${allow}\`.`;
    }
  }
  return undefined;
}
