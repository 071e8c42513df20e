/**
 * One error shape that survives every boundary (IPC, WebSocket, CLI output): a stable code, the message, and a
 * hint saying what the user can do. Electron's ipcRenderer.invoke flattens thrown errors into one string, and
 * contextBridge copies a rejected Error into the page as a bare Error(message), so nothing throws across a
 * boundary: it carries a WireError, and the far side rebuilds the SwitchyardError (shared/bridge.ts).
 */
export type ErrorCode =
  | 'DOCKER_UNREACHABLE'
  | 'IMAGE_NOT_FOUND'
  | 'CONTAINER_FAILED'
  | 'SERVER_NOT_FOUND'
  | 'INVALID_INPUT'
  | 'MISSING_CONFIG'
  | 'UNKNOWN_METHOD'
  | 'UNAUTHORIZED'
  | 'GATEWAY_STOPPED'
  | 'INTERNAL';

/** Structured facts about an error (the missing keys, the bad field...), for a UI or the CLI to word. Plain JSON. */
export type ErrorDetails = Record<string, unknown>;

export interface WireError {
  code: ErrorCode;
  message: string;
  hint?: string;
  details?: ErrorDetails;
}

export class SwitchyardError extends Error {
  override readonly name = 'SwitchyardError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }

  /** Message and hint in one text, for logs and terminal output. */
  describe(): string {
    return this.hint ? `${this.message}\n  ${this.hint}` : this.message;
  }
}

export function toWireError(error: unknown): WireError {
  if (error instanceof SwitchyardError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.hint !== undefined ? { hint: error.hint } : {}),
      ...(error.details !== undefined ? { details: error.details } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

export function fromWireError(wire: WireError): SwitchyardError {
  return new SwitchyardError(wire.code, wire.message, wire.hint, wire.details);
}
