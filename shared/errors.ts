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

export interface WireError {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export class SwitchyardError extends Error {
  override readonly name = 'SwitchyardError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
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
    return error.hint === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, hint: error.hint };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

export function fromWireError(wire: WireError): SwitchyardError {
  return new SwitchyardError(wire.code, wire.message, wire.hint);
}
