// Its own file: the settings schema reads it, and must not load dockerode with image-pull.ts (server ls stays light).
/**
 * When an image is pulled from its registry: `missing` (only when this engine lacks it), `always` (at each start,
 * so a moving tag is followed; a failed pull falls back to the copy on the engine), `never` (only images already
 * on the engine: a missing one fails the start with the fix).
 */
export const imagePullPolicies = ['missing', 'always', 'never'] as const;
export type ImagePullPolicy = (typeof imagePullPolicies)[number];
