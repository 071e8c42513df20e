import { z } from 'zod';

/** Where a server's container is in its life. `error` keeps the reason in `ServerStatus.error`. */
export const ContainerStateSchema = z.enum(['stopped', 'starting', 'running', 'stopping', 'error']);
export type ContainerState = z.infer<typeof ContainerStateSchema>;

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
  /** While the image is being pulled: the engine's status and bytes so far over bytes expected. */
  pull: z.object({ status: z.string(), current: z.number(), total: z.number() }).optional(),
});
export type ServerStatus = z.infer<typeof ServerStatusSchema>;

export const GatewayStateSchema = z.enum(['running', 'stopped']);
export type GatewayState = z.infer<typeof GatewayStateSchema>;

export const GatewayStatusSchema = z.object({
  state: GatewayStateSchema,
  version: z.string(),
  /** Connected MCP client sessions. */
  sessions: z.number().int().nonnegative(),
  servers: z.array(ServerStatusSchema),
});
export type GatewayStatus = z.infer<typeof GatewayStatusSchema>;
