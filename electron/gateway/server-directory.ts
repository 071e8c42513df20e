import type { ServerReadiness } from '../../shared/catalog-types.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import type { Item } from './server-lists.js';

/** One server an agent can find: a configured server, or a catalog entry under the name it would get. */
export interface DirectoryEntry {
  name: string;
  title?: string;
  description?: string;
  tags?: readonly string[];
  /** Tool names as the catalog declares them (configured servers: the gateway adds what they reported). */
  tools: readonly string[];
  configured: boolean;
  enabled: boolean;
}

/** What adding or describing one server needs to know beyond the gateway's own lists. */
export interface DirectoryReport {
  readiness: ServerReadiness;
  configured: boolean;
  /** The catalog's tools with input schemas (a server that has run reports its own instead). */
  catalogTools: Item[];
  /** A catalog entry that is not configured, ready to run for one session (absent while it misses a secret or value). */
  sessionDefinition?: ServerDefinition;
}

/**
 * The servers beyond a profile that the on-demand tools search and add (see on-demand-tools.ts): the catalog and
 * the configured servers. Built from the settings, catalog and secret store outside the gateway (servers/).
 */
export interface ServerDirectory {
  /** Every configured server and every catalog entry not configured, the same array until either changes. */
  entries(): Promise<readonly DirectoryEntry[]>;
  /** Undefined for a name that is neither configured nor in the catalog. */
  report(name: string): Promise<DirectoryReport | undefined>;
}
