import { execFileSync } from 'node:child_process';

/** Fixture images built by test/fixtures/build-images.sh (override with env for other tags). */
export const images = {
  everything: process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest',
  memory: process.env.SWITCHYARD_MEMORY_IMAGE ?? 'switchyard-fixture/memory:latest',
  crash: process.env.SWITCHYARD_CRASH_IMAGE ?? 'switchyard-fixture/crash:latest',
  hostile: process.env.SWITCHYARD_HOSTILE_IMAGE ?? 'switchyard-fixture/hostile:latest',
};

/**
 * Integration tests need the real engine and the fixture images. Without them they fail loudly, saying how
 * to fix it; they never skip silently.
 */
export function requireDockerAndImages(...needed: string[]): void {
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'pipe', timeout: 10_000 });
  } catch (error) {
    throw new Error(
      `Docker engine not reachable: these integration tests run real MCP servers in containers. Start dockerd (as root: \`dockerd &\`), or run \`bash .ci/run\` which provisions it.\n${(error as Error).message}`,
      { cause: error },
    );
  }
  for (const image of needed) {
    try {
      execFileSync('docker', ['image', 'inspect', image], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`Fixture image ${image} is missing. Build it with \`npm run fixtures\` (test/fixtures/build-images.sh).`, { cause: error });
    }
  }
}

/** Container ids (running or not) carrying all the given labels. */
export function containersWithLabels(labels: Record<string, string>): string[] {
  const filters = Object.entries(labels).flatMap(([key, value]) => ['--filter', `label=${key}=${value}`]);
  const out = execFileSync('docker', ['ps', '-aq', ...filters], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

export function inspectContainer(id: string): DockerInspect {
  return (JSON.parse(execFileSync('docker', ['inspect', id], { encoding: 'utf8' })) as DockerInspect[])[0]!;
}

export interface DockerInspect {
  Id: string;
  Config: { Env: string[] | null; Labels: Record<string, string>; OpenStdin: boolean; Tty: boolean };
  HostConfig: {
    NetworkMode: string;
    CapDrop: string[] | null;
    SecurityOpt: string[] | null;
    Memory: number;
    NanoCpus: number;
    PidsLimit: number | null;
    ReadonlyRootfs: boolean;
    Privileged: boolean;
    Binds: string[] | null;
  };
  State: { Running: boolean };
}

/** Polls until the check passes or the time is up; returns the last value. */
export async function eventually<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = read();
  }
  return value;
}
