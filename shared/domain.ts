import { z } from 'zod';

/** Where a server's container is in its life. `error` keeps the reason in `ServerStatus.error`. */
export const ContainerStateSchema = z.enum(['stopped', 'starting', 'running', 'stopping', 'error']);
export type ContainerState = z.infer<typeof ContainerStateSchema>;

/**
 * A server's last failed start (or crash within its first seconds) and the back-off that follows it: until
 * `retryAt` a call to the server answers with this failure at once instead of starting it again, and calls of
 * other servers never start it (see README, "When a server fails to start").
 */
export const StartFailureSchema = z.object({
  /** The error code (CONTAINER_FAILED, IMAGE_NOT_FOUND, DOCKER_UNREACHABLE, ...). */
  code: z.string(),
  /** What failed, without the stderr lines (they are in `stderrTail`). */
  message: z.string(),
  /** What the user can do. */
  hint: z.string().optional(),
  /** The container's exit code, when it exited. */
  exitCode: z.number().int().optional(),
  /** The server's last stderr lines of that start, redacted. */
  stderrTail: z.array(z.string()),
  /** When it failed (ms since the epoch). */
  at: z.number(),
  /** Failed starts in a row. */
  failures: z.number().int().positive(),
  /** The earliest time a call to the server starts it again (ms since the epoch); `at` when a call may retry at once. */
  retryAt: z.number(),
});
export type StartFailure = z.infer<typeof StartFailureSchema>;

export const ServerStatusSchema = z.object({
  name: z.string(),
  image: z.string(),
  state: ContainerStateSchema,
  containerId: z.string().optional(),
  startedAt: z.number().optional(),
  /** Why the server is in `error`: what failed and what to do. */
  error: z.string().optional(),
  /** The last lines the server wrote to stderr (bounded). */
  stderrTail: z.array(z.string()),
  /**
   * While the image is being pulled or built: the engine's status (for a build, its step), and progress as
   * current over total (bytes of a pull, or steps of a build when unit is 'steps'; total 0 when unknown).
   */
  pull: z
    .object({
      status: z.string(),
      current: z.number(),
      total: z.number(),
      unit: z.enum(['bytes', 'steps']).optional(),
      build: z.boolean().optional(),
    })
    .optional(),
  /** The last failed start and its back-off, until a start succeeds. */
  lastFailure: StartFailureSchema.optional(),
});
export type ServerStatus = z.infer<typeof ServerStatusSchema>;

export const GatewayStateSchema = z.enum(['running', 'stopped']);
export type GatewayState = z.infer<typeof GatewayStateSchema>;

/** How many client sessions are attached to one profile. */
export const ProfileSessionsSchema = z.object({ name: z.string(), sessions: z.number().int().positive() });
export type ProfileSessions = z.infer<typeof ProfileSessionsSchema>;

/**
 * The Docker engine as the gateway last found it: reachable, or not since `since` (no answer within the engine
 * timeout, or no connection), with the engine call that found it out and why. Recovers by itself: while it is
 * unreachable the gateway pings it every few seconds.
 */
export const EngineStatusSchema = z.object({
  reachable: z.boolean(),
  /** Where the gateway reaches the engine (DOCKER_HOST, or the default socket), e.g. unix:///var/run/docker.sock. */
  dockerHost: z.string(),
  /** How long an engine request may go unanswered (ms). */
  timeoutMs: z.number().int().positive(),
  /** While unreachable: since when (ms since the epoch). */
  since: z.number().optional(),
  /** While unreachable: the engine call that went unanswered, e.g. `DELETE /containers/4f1c2a9e0b7d`. */
  engineCall: z.string().optional(),
  /** While unreachable: `timeout` (no answer in time) or the connection error's code (ECONNREFUSED, ENOENT ...). */
  reason: z.string().optional(),
});
export type EngineStatus = z.infer<typeof EngineStatusSchema>;

export const GatewayStatusSchema = z.object({
  state: GatewayStateSchema,
  version: z.string(),
  /** Connected MCP client sessions. */
  sessions: z.number().int().nonnegative(),
  /**
   * The profiles clients are attached to now, each with its number of sessions (`default` included), by name;
   * a profile without a session is left out. Absent from a gateway that does not tell.
   */
  profiles: z.array(ProfileSessionsSchema).optional(),
  servers: z.array(ServerStatusSchema),
  /** The Docker engine's reachability; absent where no engine is used (a runtime of another kind). */
  engine: EngineStatusSchema.optional(),
});
export type GatewayStatus = z.infer<typeof GatewayStatusSchema>;
