import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { SwitchyardError } from '../../shared/errors.js';
import { dockerUnreachable, isConnectionError } from './docker-engine.js';
import { describeEndpoint } from './engine-endpoint.js';
import { failOnSilence } from './progress-silence.js';
import { ensureImage, type PullProgress } from './image-pull.js';
import { npmPlatformArgs, probeNpmTargetPlatform, type NpmTargetPlatform } from './npm-base-platform.js';
import { npmBuildContextEntries, npmDockerfile, type NpmImagePlan } from './npm-build-context.js';
import { npmBuildHash } from './npm-image-tag.js';
import { resolvePackageBin } from './npm-package-bin.js';
import { parseNpmSpec } from './npm-package-spec.js';
import type { ServerDefinition } from './server-definition.js';

export interface NpmImageBuilderOptions {
  docker: Docker;
  /** The state folder: installs go to `<home>/npm-cache/<hash>`, logs to `<home>/logs/npm-build-<server>.log`. */
  home: string;
  /** The npm executable (default: `npm` from PATH). */
  npmCommand?: string;
}

/**
 * Builds the local image of a server that comes from an npm package, when the engine does not have it yet:
 * `npm install` on the host into a cache folder (scripts off) for the platform of the base image's `node`
 * (os, cpu and libc asked of the base itself, so native prebuilts are the ones that load there), then a small
 * image FROM the configured base with the installed tree in /app and the package's bin as ENTRYPOINT. Concurrent first starts of the same
 * image build it once; every waiter sees the progress. A failure names the step, the last log lines and the
 * file holding the whole log.
 */
export class NpmImageBuilder {
  private readonly builds = new Map<string, { done: Promise<void>; listeners: Set<(progress: PullProgress) => void> }>();

  constructor(private readonly options: NpmImageBuilderOptions) {}

  async ensure(
    server: ServerDefinition & { build: { npm: string; baseImage: string } },
    onProgress: (progress: PullProgress) => void = () => undefined,
  ): Promise<'present' | 'built'> {
    if (await this.imageExists(server.image)) return 'present';
    let build = this.builds.get(server.image);
    if (!build) {
      const listeners = new Set<(progress: PullProgress) => void>();
      const done = this.build(server, (progress) => listeners.forEach((listener) => listener(progress))).finally(() => this.builds.delete(server.image));
      build = { done, listeners };
      this.builds.set(server.image, build);
    }
    build.listeners.add(onProgress);
    try {
      await build.done;
    } finally {
      build.listeners.delete(onProgress);
    }
    return 'built';
  }

  private async build(server: ServerDefinition & { build: { npm: string; baseImage: string } }, onProgress: (progress: PullProgress) => void): Promise<void> {
    const { npm: spec, baseImage } = server.build;
    const tag = server.image;
    const log = new BuildLog(path.join(this.options.home, 'logs', `npm-build-${server.name}.log`));
    const report = (status: string, current = 0, total = 0) =>
      onProgress({ image: tag, status, current, total, build: true, ...(total > 0 ? { unit: 'steps' as const } : {}) });
    const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      log.step(name);
      try {
        return await run();
      } catch (error) {
        log.line(`!! ${error instanceof Error ? error.message : String(error)}`);
        log.save();
        throw buildFailed(spec, name, error, log);
      }
    };
    log.line(`Building ${tag} from npm package ${spec} on ${baseImage}`);

    await step('base image', () =>
      ensureImage(
        this.options.docker,
        baseImage,
        (pull) => onProgress({ ...pull, image: tag, build: true, status: `base image ${baseImage}: ${pull.status}` }),
        server.pullPolicy,
      ),
    );
    const { name: packageName } = parseNpmSpec(spec);
    const platform = await step('base image platform', async () => {
      report(`base image ${baseImage}: platform`);
      const found = await probeNpmTargetPlatform(this.options.docker, baseImage);
      log.line(`node in ${baseImage} runs on ${found.os}/${found.cpu} with ${found.libc}`);
      return found;
    });
    const prefix = path.join(this.options.home, 'npm-cache', npmBuildHash(spec, baseImage));
    await step('npm install', async () => {
      report(`npm install ${spec} (${platform.libc})`);
      await this.install(spec, packageName, platform, prefix, log);
    });
    const plan = await step('find the package bin', async () => planOf(spec, packageName, baseImage, prefix));
    await step('docker build', async () => {
      writeFileSync(path.join(prefix, 'Dockerfile'), npmDockerfile(plan));
      await this.dockerBuild(prefix, tag, log, report);
    });
    log.line(`Built ${tag}`);
    log.save();
  }

  /** Installs into the cache folder, reusing an install that completed before (the image may have been removed since). */
  private async install(spec: string, packageName: string, platform: NpmTargetPlatform, prefix: string, log: BuildLog): Promise<void> {
    const stamp = path.join(prefix, '.switchyard-installed');
    const stampText = [spec, ...npmPlatformArgs(platform)].join('\n');
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === stampText && existsSync(path.join(prefix, 'node_modules', packageName, 'package.json'))) {
      log.line(`reusing the install in ${prefix}`);
      return;
    }
    rmSync(prefix, { recursive: true, force: true });
    mkdirSync(prefix, { recursive: true, mode: 0o700 });
    const args = npmInstallArgs(prefix, spec, platform);
    log.line(`$ npm ${args.join(' ')}`);
    await runLogged(this.options.npmCommand ?? 'npm', args, prefix, log);
    if (!existsSync(path.join(prefix, 'node_modules', packageName, 'package.json'))) {
      throw new Error(`npm finished but ${packageName} is not in ${path.join(prefix, 'node_modules')}`);
    }
    writeFileSync(stamp, stampText);
  }

  private async dockerBuild(context: string, tag: string, log: BuildLog, report: (status: string, current?: number, total?: number) => void): Promise<void> {
    const { docker } = this.options;
    report('docker build');
    let stream: NodeJS.ReadableStream;
    try {
      stream = await docker.buildImage({ context, src: npmBuildContextEntries }, { t: tag, rm: true, forcerm: true });
    } catch (error) {
      if (isConnectionError(error)) throw dockerUnreachable(describeEndpoint(docker), error);
      throw error;
    }
    const stopWatching = failOnSilence(stream, `POST /build?t=${tag}`, describeEndpoint(docker));
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream,
        (error: Error | null, events: BuildEvent[]) => {
          stopWatching();
          const failed = events.find((event) => event.error);
          if (error) reject(error);
          else if (failed) reject(new Error(failed.error));
          else resolve();
        },
        (event: BuildEvent) => {
          if (event.stream) log.text(event.stream);
          if (event.error) log.line(event.error);
          const stepLine = /^Step (\d+)\/(\d+) : (.*)/.exec(event.stream ?? '');
          if (stepLine) report(`docker build: ${stepLine[3]!.trim()}`, Number(stepLine[1]), Number(stepLine[2]));
        },
      );
    });
    if (!(await this.imageExists(tag))) throw new Error(`the build finished but the engine has no image ${tag}`);
  }

  private async imageExists(image: string): Promise<boolean> {
    try {
      await this.options.docker.getImage(image).inspect();
      return true;
    } catch (error) {
      if (isConnectionError(error)) throw dockerUnreachable(describeEndpoint(this.options.docker), error);
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    }
  }
}

/**
 * The argv of the install: lifecycle scripts off (nothing of the package runs on the host), no audit or fund
 * noise, and, given the base image's platform, npm's --os/--cpu/--libc so optional native prebuilts
 * (lightningcss, @napi-rs...) are those of the image, not of the host.
 */
export function npmInstallArgs(prefix: string, spec: string, platform?: NpmTargetPlatform): string[] {
  return [
    'install',
    '--prefix',
    prefix,
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--no-update-notifier',
    ...(platform ? npmPlatformArgs(platform) : []),
    spec,
  ];
}

interface BuildEvent {
  stream?: string;
  error?: string;
}

/** npm may wait on a registry for a long time; past this the step fails instead of holding the server's start forever. */
const npmTimeoutMs = 10 * 60_000;

function planOf(spec: string, packageName: string, baseImage: string, prefix: string): NpmImagePlan {
  const manifestFile = path.join(prefix, 'node_modules', packageName, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { version?: unknown };
  return {
    spec,
    packageName,
    installedVersion: typeof manifest.version === 'string' ? manifest.version : 'unknown',
    baseImage,
    bin: resolvePackageBin(manifest, packageName),
  };
}

function runLogged(command: string, args: string[], cwd: string, log: BuildLog): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: npmTimeoutMs });
    child.stdout.on('data', (chunk: Buffer) => log.text(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => log.text(chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new Error(`"${command}" was not found on PATH; install Node.js with npm on this machine`) : error);
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            signal ? `npm was stopped (${signal})${signal === 'SIGTERM' ? ` after ${npmTimeoutMs / 60_000} minutes` : ''}` : `npm exited with code ${code}`,
          ),
        );
    });
  });
}

function buildFailed(spec: string, step: string, error: unknown, log: BuildLog): SwitchyardError {
  if (error instanceof SwitchyardError && error.code === 'DOCKER_UNREACHABLE') return error;
  const reason = error instanceof SwitchyardError ? error.message : error instanceof Error ? error.message : String(error);
  const tail = log.tail(12);
  return new SwitchyardError(
    'IMAGE_NOT_FOUND',
    `Building the image for npm package "${spec}" failed at step "${step}": ${reason}${tail.length > 0 ? `\nLast lines of the log:\n${tail.map((line) => `  ${line}`).join('\n')}` : ''}\nFull log: ${log.file}`,
    stepHint(step, spec),
  );
}

function stepHint(step: string, spec: string): string {
  switch (step) {
    case 'base image platform':
      return 'The base image must run `node` (its ENTRYPOINT is replaced); check gateway.npmBaseImage in settings.json.';
    case 'base image':
      return 'Check gateway.npmBaseImage in settings.json (an image with node on PATH, e.g. node:22-alpine) and your access to its registry.';
    case 'npm install':
      return `Check the package name and version (npm view ${parseNpmSpec(spec).name} versions) and that this machine reaches the npm registry, then call again.`;
    case 'find the package bin':
      return 'The package must declare the MCP server as its "bin"; for other packages build an image yourself and use --image.';
    default:
      return 'Check that the base image has node on PATH and that Docker can build images here (docker build).';
  }
}

/** The whole log of one build, kept in memory and written to its file; its tail goes into error messages. */
class BuildLog {
  private readonly lines: string[] = [];
  private partial = '';
  private stepStart = 0;

  constructor(readonly file: string) {}

  line(text: string): void {
    this.text(`${text}\n`);
  }

  text(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
  }

  /** Marks the start of a step: the tail of an error shows only what the failing step printed. */
  step(name: string): void {
    this.line(`== ${name}`);
    this.stepStart = this.lines.length;
  }

  /** The last non-empty lines of the current step's output (what npm or docker said, not our own markers). */
  tail(count: number): string[] {
    const all = this.partial ? [...this.lines, this.partial] : this.lines;
    return all
      .slice(this.stepStart)
      .filter((line) => line.trim() !== '' && !line.startsWith('!! ') && !line.startsWith('$ '))
      .slice(-count);
  }

  save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileSync(this.file, [...this.lines, this.partial].join('\n'), { mode: 0o600 });
  }
}
