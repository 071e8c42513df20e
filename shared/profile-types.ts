import { z } from 'zod';

/**
 * Profiles (named sets of servers clients attach to), as the control API and the CLI see them. `default` is
 * built in: every enabled server, no allow-lists.
 */
export const ProfileServerSchema = z.object({
  name: z.string(),
  /** The only tools its clients see and may call; absent: every tool. */
  allow: z.array(z.string()).optional(),
  /** false: kept out of tools/list (a dynamic profile's call_tool still reaches its tools). */
  listed: z.boolean().optional(),
  /** Whether the server is configured and enabled (a member that is not is skipped until it is). */
  enabled: z.boolean(),
});

export const ProfileSchema = z.object({
  name: z.string(),
  builtIn: z.boolean(),
  description: z.string().optional(),
  /** Adds the gateway's own tools that find and add servers on demand. */
  dynamic: z.boolean(),
  servers: z.array(ProfileServerSchema),
  /** Calls never relayed for this profile's clients: a whole server, or one tool of it. */
  deny: z.array(z.object({ server: z.string(), tool: z.string().optional() })),
  /** The HTTP path its clients use (`/mcp` or `/mcp/profiles/<name>`). */
  path: z.string(),
});
export type Profile = z.infer<typeof ProfileSchema>;

/** What an import did, and the secrets the user must still set (their keys only: an export never holds a value). */
export const ProfileImportResultSchema = z.object({
  profile: ProfileSchema,
  /** Servers the import configured (they were not configured here). */
  serversAdded: z.array(z.string()),
  secretsToSet: z.array(z.object({ server: z.string(), key: z.string(), env: z.string(), required: z.boolean() })),
});
export type ProfileImportResult = z.infer<typeof ProfileImportResultSchema>;
