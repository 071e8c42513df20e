import { z } from 'zod';

/**
 * What a server's container is allowed, as the runtime will create it (electron/runtime/container-spec.ts):
 * data only; the CLI and the window word it. Absent for remote servers, which run no container.
 */
export const ContainerPermissionsSchema = z.object({
  image: z.string(),
  /** How the image gets onto the Docker engine: pulled when the engine lacks it, or built here from the npm package when missing. */
  pullPolicy: z.enum(['if-missing', 'build-if-missing']),
  /** `none`: no network at all; `bridge`: Docker's default network (the internet and the LAN). */
  network: z.object({ mode: z.enum(['none', 'bridge']), allowHosts: z.array(z.string()) }),
  /** The root file system is read-only; `writable` lists where the server can write all the same. */
  readOnlyRootfs: z.boolean(),
  writable: z.array(z.object({ path: z.string(), kind: z.enum(['rootfs', 'tmpfs', 'bind', 'volume']), sizeMb: z.number().optional() })),
  mounts: z.array(z.object({ type: z.enum(['bind', 'volume']), source: z.string(), target: z.string(), readOnly: z.boolean() })),
  /** The entry's volumes come from config values that are not all set yet: `mounts` is what is known so far. */
  mountsPending: z.boolean().optional(),
  limits: z.object({ memoryMb: z.number(), cpus: z.number(), pids: z.number() }),
  /**
   * Who the process runs as: `value` as set in the server's settings or its catalog entry; otherwise the
   * image's own USER, and when the image names none, `fallback` (nobody, 65534:65534) — or root when the
   * server is allowed to (`runAsRoot`).
   */
  user: z.object({
    source: z.enum(['settings', 'catalog', 'image-or-nobody', 'image-or-root']),
    value: z.string().optional(),
    fallback: z.string().optional(),
  }),
  capabilities: z.object({ dropped: z.array(z.string()), added: z.array(z.string()) }),
  noNewPrivileges: z.boolean(),
  /** One container per client session instead of one shared by all. */
  perSession: z.boolean(),
});
export type ContainerPermissions = z.infer<typeof ContainerPermissionsSchema>;
