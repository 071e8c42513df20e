import { SwitchyardError } from '../../../../../shared/errors.js';

/**
 * Which field of a profile form an engine refusal is about, so the form can mark that field: the input check's
 * issue paths (`details.issues[].path`), the engine's own `details.field`, a server it does not know
 * (`SERVER_NOT_FOUND`: the server field), or the profile's name (a name taken, a name that is not one). The
 * text is the engine's message and hint. Undefined when the error is not about one of `fields`.
 */
export function refusedField<F extends string>(error: unknown, fields: readonly F[]): { field: F; text: string } | undefined {
  if (!(error instanceof SwitchyardError)) return undefined;
  const known = (candidate: unknown): F | undefined => fields.find((field) => field === candidate);
  const issues = (error.details?.issues ?? []) as Array<{ path?: unknown; message?: unknown }>;
  for (const issue of issues) {
    const field = Array.isArray(issue.path) ? known(issue.path[0]) : undefined;
    if (field && typeof issue.message === 'string') return { field, text: capitalized(issue.message) };
  }
  const text = error.hint ? `${error.message} ${error.hint}` : error.message;
  const byField = typeof error.details?.field === 'string' ? known(error.details.field.split('.')[0]) : undefined;
  if (byField) return { field: byField, text };
  if (error.code === 'SERVER_NOT_FOUND') {
    const server = known('server') ?? known('servers');
    if (server) return { field: server, text };
  }
  if (error.code === 'INVALID_INPUT' && typeof error.details?.profile === 'string' && known('name')) return { field: known('name')!, text };
  return undefined;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}
