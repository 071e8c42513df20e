import { SwitchyardError } from '../../../../../shared/errors.js';

/**
 * The fields the engine refused in a settings.update, as form field names: the issue paths under `section`
 * (e.g. ['gateway', 'port'] -> 'port', ['hooks', '0', 'url'] -> '0.url'), each with the engine's reason. Empty
 * when the error is not a refusal of fields (then the caller shows it as a whole).
 */
export function refusedSettingsFields(error: unknown, section: string): Record<string, string> {
  if (!(error instanceof SwitchyardError) || error.code !== 'INVALID_INPUT') return {};
  const issues = (error.details?.issues ?? []) as Array<{ path?: unknown; message?: unknown }>;
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (!Array.isArray(issue.path) || issue.path[0] !== section || typeof issue.message !== 'string') continue;
    const field = issue.path.slice(1).map(String).join('.');
    fields[field || section] = issue.message;
  }
  return fields;
}
