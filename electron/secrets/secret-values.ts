import { createRedactor, type Redactor } from './redaction.js';
import type { SecretStore } from './secret-store.js';

/**
 * The stored secret values, held in memory for the call path (leak guard, redaction of history) and refreshed
 * in the background, so no call waits for the keyring. Values never leave this object except as a match.
 */
export class SecretValues {
  private values: Array<{ key: string; value: string }> = [];
  private redactor: Redactor = createRedactor([]);
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(keys: string[]) => void>();

  /** `mayHoldSecrets`: false while the home has no secret store at all (then none is opened to find it empty). */
  constructor(
    private readonly store: () => Promise<SecretStore>,
    private readonly mayHoldSecrets: () => boolean = () => true,
  ) {}

  /** Loads now, then every `intervalMs` (a secret set through the API also calls refresh()). */
  async start(intervalMs = 30_000): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const values: Array<{ key: string; value: string }> = [];
    if (this.mayHoldSecrets()) {
      const store = await this.store();
      for (const key of await store.list()) {
        const value = await store.get(key);
        if (value) values.push({ key, value });
      }
    }
    const changed = changedKeys(this.values, values);
    this.values = values;
    this.redactor = createRedactor(values);
    if (changed.length > 0) for (const listener of this.listeners) listener(changed);
  }

  /** Calls back with the keys whose value was set, changed or deleted since the last refresh (never the values). */
  onChange(listener: (keys: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether any secret value is known at all (then there is nothing to look for, nor to serialize for it). */
  get empty(): boolean {
    return this.values.length === 0;
  }

  /** Keys of stored secrets whose value occurs in the text (in any of the encodings the redactor knows). */
  found(text: string, exceptServer?: string): string[] {
    return this.values
      .filter(({ key, value }) => (exceptServer === undefined || !key.startsWith(`${exceptServer}.`)) && text.includes(value))
      .map(({ key }) => key);
  }

  /** Known values and common credential patterns replaced: what may be stored or shown. */
  redact(text: string): string {
    return this.redactor.redact(text);
  }
}

function changedKeys(before: ReadonlyArray<{ key: string; value: string }>, after: ReadonlyArray<{ key: string; value: string }>): string[] {
  const old = new Map(before.map(({ key, value }) => [key, value]));
  const now = new Map(after.map(({ key, value }) => [key, value]));
  return [...new Set([...old.keys(), ...now.keys()])].filter((key) => old.get(key) !== now.get(key)).sort();
}
