import type { ReadinessProblem, ServerReadiness } from '../../../../../../shared/catalog-types.js';
import { SwitchyardError } from '../../../../../../shared/errors.js';

/** What the engine says is missing or wrong, by field: config paths (dotted) and secret keys. */
export interface FieldProblems {
  /** Config path -> what is wrong with it; `missing` when it is required and not set. */
  config: Record<string, FieldProblem>;
  /** Secret keys that are required and not set. */
  missingSecrets: string[];
  /** Problems with the server as a whole (no field to mark): the engine's diagnostic. */
  other: string[];
}

export type FieldProblem = { kind: 'missing'; oneOf?: string[] } | { kind: 'invalid'; message: string };

/** The engine's structured readiness problems, grouped by what the page marks. */
export function readinessProblems(problems: ReadinessProblem[]): FieldProblems {
  const grouped: FieldProblems = { config: {}, missingSecrets: [], other: [] };
  for (const problem of problems) {
    switch (problem.kind) {
      case 'secret':
        grouped.missingSecrets.push(problem.key);
        break;
      case 'config':
        for (const key of problem.oneOf ?? [problem.key]) grouped.config[key] = { kind: 'missing', ...(problem.oneOf ? { oneOf: problem.oneOf } : {}) };
        break;
      case 'invalid':
        grouped.config[problem.field ?? pointerToField(problem.path)] = { kind: 'invalid', message: problem.message };
        break;
      case 'catalog-entry-missing':
        grouped.other.push(`Its catalog entry "${problem.entry}" is in no catalog any more.`);
        break;
      default:
        grouped.other.push(problem.reason);
    }
  }
  return grouped;
}

export function serverProblems(readiness: ServerReadiness): FieldProblems {
  return readinessProblems(readiness.problems);
}

/** The fields a refused config.set names (its error's `details.problems`). */
export function refusedConfigFields(error: unknown): Record<string, FieldProblem> {
  if (!(error instanceof SwitchyardError)) return {};
  const problems = error.details?.problems;
  return Array.isArray(problems) ? readinessProblems(problems as ReadinessProblem[]).config : {};
}

/** `/a/b` (a JSON pointer) -> `a.b`. */
function pointerToField(pointer: string): string {
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** A field's problem in words. */
export function fieldProblemText(problem: FieldProblem): string {
  if (problem.kind === 'invalid') return problem.message;
  return problem.oneOf && problem.oneOf.length > 1 ? `Required: fill this in, or one of ${problem.oneOf.join(', ')}.` : 'Required: fill this in.';
}
