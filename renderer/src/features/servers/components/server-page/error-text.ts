import { SwitchyardError } from '../../../../../../shared/errors.js';

/** An engine error as one text for a person: its message, then its hint when it has one. */
export function errorText(error: unknown): string {
  if (error instanceof SwitchyardError) return error.hint ? `${error.message} ${error.hint}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The engine's error code, when the error came from the engine. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof SwitchyardError ? error.code : undefined;
}
