import type Docker from 'dockerode';
import { dockerUnreachable, isConnectionError } from './docker-engine.js';
import { describeEndpoint } from './engine-endpoint.js';

/** What npm must install for: the platform of the base image's `node`, not of the host that runs npm. */
export interface NpmTargetPlatform {
  os: string;
  /** Node's process.arch inside the image (x64, arm64...), the values npm's --cpu takes. */
  cpu: string;
  /** npm's libc names: glibc or musl (Alpine). */
  libc: 'glibc' | 'musl';
}

/**
 * Prints `platform <os> <cpu> <libc>`; glibcVersionRuntime is absent on musl. Not JSON: the Docker client
 * would hand a JSON log back already parsed.
 */
const probeScript =
  'const h=process.report.getReport().header;console.log(["platform",process.platform,process.arch,h.glibcVersionRuntime?"glibc":"musl"].join(" "))';

/**
 * Asks the base image's own `node` which platform it is (one short container, no network, nothing mounted):
 * npm then installs the native prebuilts that load there (`--os --cpu --libc`), whatever the host is. A
 * glibc host installing for node:22-alpine would otherwise get `*-linux-x64-gnu` binaries that never load on
 * musl, and the other way round.
 */
export async function probeNpmTargetPlatform(docker: Docker, baseImage: string): Promise<NpmTargetPlatform> {
  let container: Docker.Container;
  try {
    container = await docker.createContainer({
      Image: baseImage,
      Entrypoint: ['node'],
      Cmd: ['-e', probeScript],
      Tty: true,
      Labels: { 'io.switchyard.role': 'npm-platform-probe' },
      HostConfig: { NetworkMode: 'none', CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'], ReadonlyRootfs: true },
    });
  } catch (error) {
    if (isConnectionError(error)) throw dockerUnreachable(describeEndpoint(docker), error);
    throw error;
  }
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const output = String(await container.logs({ stdout: true, stderr: true }));
    if (StatusCode !== 0) throw new Error(`\`node\` in ${baseImage} exited with code ${StatusCode}: ${output.trim().slice(-500)}`);
    return parseProbeOutput(output, baseImage);
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

export function parseProbeOutput(output: string, baseImage: string): NpmTargetPlatform {
  const found = /^platform (\S+) (\S+) (glibc|musl)\s*$/m.exec(output);
  if (!found) throw new Error(`could not tell the platform of \`node\` in ${baseImage} (it printed: ${output.trim().slice(0, 200) || 'nothing'})`);
  return { os: found[1]!, cpu: found[2]!, libc: found[3] as NpmTargetPlatform['libc'] };
}

/** npm's flags that make it pick the prebuilts of that platform. */
export function npmPlatformArgs(platform: NpmTargetPlatform): string[] {
  return [`--os=${platform.os}`, `--cpu=${platform.cpu}`, `--libc=${platform.libc}`];
}
