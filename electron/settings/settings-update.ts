import type { SettingsUpdate } from '../../shared/settings-types.js';
import { SwitchyardError } from '../../shared/errors.js';
import { SettingsSchema, type Settings } from './settings-schema.js';

/** One field the settings schema refused: its path in the settings document, and why. */
export interface SettingsIssue {
  path: string[];
  message: string;
}

/**
 * Applies a window's change to the settings document (in place), then checks the whole document against the
 * settings file's schema: a value the schema refuses (a hook URL over plain http to another host, an OTLP URL
 * that is not http(s), two hooks with one name) throws INVALID_INPUT with every issue's field path, before
 * anything is written. Run it inside SettingsStore.update, so a refused change leaves the file as it was.
 */
export function applySettingsUpdate(settings: Settings, update: SettingsUpdate): void {
  if (update.gateway) Object.assign(settings.gateway, definedOnly(update.gateway));
  if (update.policy) Object.assign(settings.policy, definedOnly(update.policy));
  if (update.history) Object.assign(settings.history, definedOnly(update.history));
  if (update.hooks) settings.hooks = update.hooks.map((hook) => ({ ...hook }));
  if (update.telemetry) {
    const { otlpEndpoint, serviceName } = update.telemetry;
    if (otlpEndpoint === null) delete settings.telemetry.otlpEndpoint;
    else if (otlpEndpoint !== undefined) settings.telemetry.otlpEndpoint = otlpEndpoint;
    if (serviceName !== undefined) settings.telemetry.serviceName = serviceName;
  }
  for (const [name, limits] of Object.entries(update.servers ?? {})) {
    const server = settings.servers[name];
    if (!server)
      throw new SwitchyardError('SERVER_NOT_FOUND', `No server named "${name}" is configured.`, 'See the configured servers with `switchyard server ls`.', {
        name,
      });
    for (const key of ['callTimeoutSeconds', 'maxMessageMb'] as const) {
      const value = limits[key];
      if (value === null) delete server[key];
      else if (value !== undefined) server[key] = value;
    }
    for (const [tool, seconds] of Object.entries(limits.toolCallTimeoutSeconds ?? {})) {
      const tools = (server.toolCallTimeoutSeconds ??= {});
      if (seconds === null) delete tools[tool];
      else tools[tool] = seconds;
      if (Object.keys(tools).length === 0) delete server.toolCallTimeoutSeconds;
    }
  }
  const issues = settingsIssues(settings);
  if (issues.length > 0) {
    const detail = issues.map((issue) => `${issue.path.join('.') || '(settings)'}: ${issue.message}`).join('; ');
    throw new SwitchyardError('INVALID_INPUT', `Nothing was changed: ${detail}`, undefined, { issues });
  }
}

/** What the settings schema finds wrong with a document, by field path (none: it can be written). */
export function settingsIssues(settings: Settings): SettingsIssue[] {
  const checked = SettingsSchema.safeParse(settings);
  if (checked.success) return [];
  return checked.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
