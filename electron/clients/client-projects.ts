import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** One project folder an app was connected for. */
export interface ConnectedProject {
  client: string;
  dir: string;
}

/**
 * The project folders apps were connected for from this home (by the window or `switchyard client connect
 * --project`), kept in the Switchyard home: the Clients page lists them after a restart and the file watcher
 * watches their files again. Only a record of where Switchyard wrote: each project's state is read from its file.
 * One JSON object, client id → folders (absolute paths).
 */
export class ClientProjects {
  readonly file: string;

  constructor(home: string) {
    this.file = path.join(home, 'client-projects.json');
  }

  /** Remembers a project connected for an app (once). */
  add(client: string, folder: string): void {
    const dir = path.resolve(folder);
    const projects = this.read();
    const dirs = projects[client] ?? [];
    if (dirs.includes(dir)) return;
    projects[client] = [...dirs, dir].sort();
    this.write(projects);
  }

  /** Forgets a project (disconnected, or its entry is gone). */
  remove(client: string, folder: string): void {
    const dir = path.resolve(folder);
    const projects = this.read();
    const dirs = projects[client];
    if (!dirs?.includes(dir)) return;
    const left = dirs.filter((candidate) => candidate !== dir);
    if (left.length === 0) delete projects[client];
    else projects[client] = left;
    this.write(projects);
  }

  /** The folders remembered for one app, sorted. */
  of(client: string): string[] {
    return this.read()[client] ?? [];
  }

  /** Every remembered project. */
  all(): ConnectedProject[] {
    return Object.entries(this.read()).flatMap(([client, dirs]) => dirs.map((dir) => ({ client, dir })));
  }

  private read(): Record<string, string[]> {
    if (!existsSync(this.file)) return {};
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      const entries = Object.entries(parsed).map(([client, dirs]): [string, string[]] => [
        client,
        Array.isArray(dirs) ? dirs.filter((dir): dir is string => typeof dir === 'string' && path.isAbsolute(dir)) : [],
      ]);
      return Object.fromEntries(entries.filter(([, dirs]) => dirs.length > 0));
    } catch {
      // A damaged record only costs the listing of projects: their files, and our entries in them, are untouched.
      return {};
    }
  }

  private write(projects: Record<string, string[]>): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic.sync(this.file, JSON.stringify(projects, null, 2) + '\n', { mode: 0o600 });
  }
}
