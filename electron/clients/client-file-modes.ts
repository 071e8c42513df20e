import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * The permission bits client config files had before Switchyard tightened them to 0600 for an HTTP entry
 * (its bearer token must not be readable by other users): kept in the Switchyard home, so disconnecting puts
 * the file back as the user had it. One JSON object, file path → mode.
 */
export class ClientFileModes {
  readonly file: string;

  constructor(home: string) {
    this.file = path.join(home, 'client-file-modes.json');
  }

  /** Remembers the mode a config file had before it was tightened; the first one recorded wins. */
  remember(configFile: string, mode: number): void {
    const modes = this.read();
    if (modes[configFile] !== undefined) return;
    modes[configFile] = mode & 0o777;
    this.write(modes);
  }

  /** The mode to restore, and forgets it. Undefined when Switchyard never changed the file's mode. */
  take(configFile: string): number | undefined {
    const modes = this.read();
    const mode = modes[configFile];
    if (mode === undefined) return undefined;
    delete modes[configFile];
    this.write(modes);
    return mode;
  }

  private read(): Record<string, number> {
    if (!existsSync(this.file)) return {};
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => Number.isInteger(entry[1])));
    } catch {
      // A damaged memory only costs the restore of a mode: the files themselves stay protected.
      return {};
    }
  }

  private write(modes: Record<string, number>): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic.sync(this.file, JSON.stringify(modes, null, 2) + '\n', { mode: 0o600 });
  }
}
