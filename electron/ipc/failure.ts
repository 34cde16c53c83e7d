// A failure the renderer is meant to see: its code lets the UI pick a translated message, its
// message says in English what happened and what to do (for logs and for developers).
import type { IpcError, IpcErrorCode } from '../../shared/protocol/ipc';

export class IpcFailure extends Error {
  readonly code: IpcErrorCode;

  constructor(code: IpcErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IpcFailure';
    this.code = code;
  }
}

/** Turns anything thrown by a handler into the wire error; unexpected errors keep no details. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcFailure) return { code: error.code, message: error.message };
  return {
    code: 'internal',
    message: 'The workstation hit an unexpected error. Try again; if it keeps happening, restart the app.',
  };
}
