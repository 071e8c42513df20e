import { createHash } from 'node:crypto';
import { parseNpmSpec } from './npm-package-spec.js';

/**
 * Bump when the generated image changes for the same spec and base (Dockerfile, layout, install flags): every
 * npm image is rebuilt. 2: installs for the base image's os/cpu/libc (images of 1 may hold the host's prebuilts).
 */
export const npmBuilderVersion = 2;

/** Default base of npm images: any image with `node` on PATH works. */
export const defaultNpmBaseImage = 'node:22-alpine';

/**
 * The local tag of the image built for an npm spec on a base image: `switchyard-npm/<name>:<hash12>`. The
 * same inputs always give the same tag, so an image that exists is reused and a changed spec or base builds anew.
 * A spec without a version keeps the version installed the first time until the spec (or base) changes.
 */
export function npmImageTag(spec: string, baseImage: string): string {
  return `switchyard-npm/${sanitizedRepositoryName(parseNpmSpec(spec).name)}:${npmBuildHash(spec, baseImage)}`;
}

/** 12 hex of sha256 over the spec, the base image and the builder version; also names the install's cache folder. */
export function npmBuildHash(spec: string, baseImage: string): string {
  return createHash('sha256').update(`switchyard-npm builder ${npmBuilderVersion}\nspec ${spec}\nbase ${baseImage}\n`).digest('hex').slice(0, 12);
}

/** A package name as one Docker repository path component: lower case, runs of other characters as "-". */
export function sanitizedRepositoryName(packageName: string): string {
  const name = packageName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 100)
    .replace(/^-+|-+$/g, '');
  return name || 'package';
}
