import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../core/logger.js';
import { watchFiles } from '../settings/watch-settings-file.js';
import type { ClientConnector, ClientStatus, ConnectionState } from './connector.js';
import type { Scope } from './types.js';

/** One client config file whose state changed on disk: what it is now, what it was, and who changed it. */
export interface ClientConfigChange {
  id: string;
  name: string;
  /** Absent for the app's global file. */
  projectDir?: string;
  status: ClientStatus;
  previous: ConnectionState;
  /** Not written by this process's connector (an editor, the app itself, another `switchyard` command). */
  outside: boolean;
}

export interface ClientConfigWatchOptions {
  /** A connector of this process (the same paths and context the control API uses), loaded when the watch starts. */
  connector: () => Promise<ClientConnector>;
  /** The project folders connected earlier (from this home): their files are watched from the start. */
  projects?: () => ReadonlyArray<{ client: string; dir: string }>;
  logger: Logger;
  /** Quiet time after the last file event of a folder before the files are read again (default 100 ms). */
  debounceMs?: number;
}

interface Target {
  id: string;
  scope: Scope;
}

interface Known {
  status: ClientStatus;
  /** The file's text when last read (undefined: absent or not readable). */
  text: string | undefined;
}

/**
 * Watches the config files of every supported app (and the project files connected from this home) and
 * reports each change of state or content. Folders that do not exist yet are watched through their nearest
 * existing parent, so a file created later (with its folder) is seen too; files of one folder share one
 * watcher, so the 16 apps cost a handful of inotify watches and no polling. Starts with the first listener
 * and stops with the last.
 */
export class ClientConfigWatch {
  private readonly listeners = new Set<(change: ClientConfigChange) => void>();
  private readonly targets = new Map<string, Target>();
  private readonly known = new Map<string, Known>();
  /** file -> the text this process's connector left in it (undefined: removed it). */
  private readonly ours = new Map<string, string | undefined>();
  /** watched folder -> (the names watched in it, its stopper) */
  private readonly watchers = new Map<string, { names: string; stop: () => void }>();
  private started = false;
  /** The connector the watch reads with, once loaded; `starts` counts starts, so a stop during the load wins. */
  private connector: ClientConnector | undefined;
  private starts = 0;
  private loaded: Promise<void> = Promise.resolve();

  constructor(private readonly options: ClientConfigWatchOptions) {}

  /** Calls back with each change; returns the unsubscriber. */
  onChange(listener: (change: ClientConfigChange) => void): () => void {
    this.listeners.add(listener);
    if (!this.started) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /**
   * What a connector of this process wrote (ConnectorOptions.onWritten): reported at once as not outside (the
   * watcher's own event for it then finds nothing new), and a project file is watched from now on.
   */
  written(write: { client: string; scope: Scope; file: string }): void {
    this.ours.set(write.file, readText(write.file));
    if (!this.started || !this.connector) return;
    const key = targetKey(write.client, write.scope);
    const isNew = !this.targets.has(key);
    if (isNew) this.targets.set(key, { id: write.client, scope: write.scope });
    this.report(key, { id: write.client, scope: write.scope });
    if (isNew) this.arm();
  }

  /** Settles once the watch that the first listener started is in place (the files read, their folders watched). */
  ready(): Promise<void> {
    return this.loaded;
  }

  private start(): void {
    this.started = true;
    const start = ++this.starts;
    this.loaded = this.options.connector().then(
      (connector) => {
        if (!this.started || start !== this.starts) return;
        this.connector = connector;
        this.watchAll(connector);
      },
      (error: unknown) => this.options.logger.warn(`Could not watch the AI apps' config files: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private watchAll(connector: ClientConnector): void {
    for (const client of connector.definitions()) this.targets.set(targetKey(client.id, { kind: 'global' }), { id: client.id, scope: { kind: 'global' } });
    for (const { client, dir } of this.options.projects?.() ?? []) {
      const scope: Scope = { kind: 'project', dir };
      if (connector.definitions().some((definition) => definition.id === client)) this.targets.set(targetKey(client, scope), { id: client, scope });
    }
    for (const [key, target] of this.targets) this.known.set(key, this.read(target, connector));
    this.arm();
  }

  private stop(): void {
    this.started = false;
    for (const watcher of this.watchers.values()) watcher.stop();
    this.watchers.clear();
    this.known.clear();
  }

  private read(target: Target, connector = this.connector!): Known {
    const status = connector.status(target.id, target.scope);
    return { status, text: readText(status.file) };
  }

  /** Watches what the targets' files need now: a folder that appeared since is watched itself from here on. */
  private arm(): void {
    const connector = this.connector!;
    const wanted = new Map<string, Set<string>>();
    for (const target of this.targets.values()) {
      for (const file of connector.candidateFiles(target.id, target.scope)) {
        const [folder, name] = watchPoint(file);
        if (folder === undefined) continue;
        const names = wanted.get(folder) ?? new Set<string>();
        names.add(name);
        wanted.set(folder, names);
      }
    }
    for (const [folder, watcher] of this.watchers) {
      if (!wanted.has(folder)) {
        watcher.stop();
        this.watchers.delete(folder);
      }
    }
    for (const [folder, nameSet] of wanted) {
      const names = [...nameSet].sort().join('\n');
      const current = this.watchers.get(folder);
      if (current?.names === names) continue;
      current?.stop();
      const files = [...nameSet].map((name) => path.join(folder, name));
      const stop = watchFiles(files, async () => this.refresh(), this.options.logger, this.options.debounceMs ?? 100);
      this.watchers.set(folder, { names, stop });
    }
  }

  /** Reads every target again and reports those whose state or text changed. */
  private refresh(): void {
    if (!this.started || !this.connector) return;
    const connector = this.connector;
    for (const [key, target] of this.targets) this.report(key, target, connector);
    this.arm();
  }

  /** Reads one target and reports it when its state or text changed since last read. */
  private report(key: string, target: Target, connector = this.connector!): void {
    const before = this.known.get(key);
    const now = this.read(target, connector);
    this.known.set(key, now);
    if (before && before.text === now.text && sameStatus(before.status, now.status)) return;
    const change: ClientConfigChange = {
      id: target.id,
      name: connector.client(target.id).name,
      ...(target.scope.kind === 'project' ? { projectDir: target.scope.dir } : {}),
      status: now.status,
      previous: before?.status.state ?? 'not-connected',
      outside: !this.ours.has(now.status.file) || this.ours.get(now.status.file) !== now.text,
    };
    for (const listener of this.listeners) listener(change);
  }
}

function targetKey(id: string, scope: Scope): string {
  return scope.kind === 'project' ? `${id}\0${scope.dir}` : id;
}

/** The folder to watch for a file, and the name to look for there: the file's own folder, else its nearest existing ancestor. */
function watchPoint(file: string): [string | undefined, string] {
  let child = file;
  let folder = path.dirname(file);
  while (!existsSync(folder)) {
    const parent = path.dirname(folder);
    if (parent === folder) return [undefined, ''];
    child = folder;
    folder = parent;
  }
  return [folder, path.basename(child)];
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function sameStatus(a: ClientStatus, b: ClientStatus): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
