import type { ZodError } from 'zod';
import { SwitchyardError, type ErrorDetails } from './errors.js';

/**
 * An input refused at an edge (the control API, the desktop app's IPC): INVALID_INPUT naming each field and what
 * is wrong with it, the issues kept in `details.issues` ({ path, code, message }) for a form to place them.
 */
export function invalidInputError(subject: string, error: ZodError, details: ErrorDetails = {}): SwitchyardError {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String), code: issue.code, message: issue.message }));
  const detail = issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; ');
  return new SwitchyardError('INVALID_INPUT', `Invalid ${subject}: ${detail}`, undefined, { ...details, issues });
}
