// Results of the stores' commands: a value, or a failure whose `code` the UI translates (with
// `params` for the message), whose `fieldErrors` it shows beside the fields and whose `items` it
// lists. The failure is one Problem (shared/problem.ts) — `error.problem` — rendered by
// kit/problem-text.ts; the English `message` is for logs only.
import type { Case } from '../../shared/domain/model';
import type { Problem, ProblemParams } from '../../shared/problem';

export type StoreErrorCode =
  | 'case.changed'
  | 'case.not_found'
  | 'party.not_found'
  | 'auth.forbidden'
  | 'intake.invalid'
  | 'case.patch_invalid'
  | 'case.mediator_invalid'
  | 'institution.missing'
  | (string & {});

export interface FieldErrorLike {
  readonly path?: string | readonly (string | number)[];
  readonly code: string;
  readonly params?: Record<string, unknown>;
}

/** The values of a problem: strings and numbers (anything else is not a value a text shows). */
function problemParams(params: Record<string, unknown>): ProblemParams {
  const out: ProblemParams = {};
  for (const [name, value] of Object.entries(params)) if (typeof value === 'string' || typeof value === 'number') out[name] = value;
  return out;
}

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly params: Record<string, unknown>;
  readonly fieldErrors: readonly FieldErrorLike[];
  /** The problems the refusal lists (each gap, each failed check), as data the screen renders. */
  readonly items: readonly Problem[];

  constructor(code: StoreErrorCode, message: string, params: Record<string, unknown> = {}, fieldErrors: readonly FieldErrorLike[] = [], items: readonly Problem[] = []) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    this.params = params;
    this.fieldErrors = fieldErrors;
    this.items = items;
  }

  /**
   * The refusal as one Problem: its code as the key, its values, the problems it lists. A refusal
   * is shown, never stored, so its list is not cut to MAX_LISTED.
   */
  get problem(): Problem {
    const out: Problem = { key: this.code, params: problemParams(this.params) };
    if (this.items.length > 0) out.items = [...this.items];
    return out;
  }
}

/**
 * Someone else saved the case since this window read it. Nothing was written; `current` is the
 * stored case so the UI can show what changed and let the user redo their edit on top of it.
 */
export class CaseChangedError extends StoreError {
  readonly current: Case;
  readonly expectedVersion: number;

  constructor(current: Case, expectedVersion: number) {
    super(
      'case.changed',
      `Case ${current.number} was changed elsewhere (version ${current.version}, this window had ${expectedVersion}).`,
      { number: current.number, version: current.version, expectedVersion },
    );
    this.name = 'CaseChangedError';
    this.current = current;
    this.expectedVersion = expectedVersion;
  }
}

export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: StoreError };

export const ok = <T>(value: T): StoreResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: StoreError): StoreResult<T> => ({ ok: false, error });

/** Runs a command, turning thrown StoreErrors (which also abort the Dexie transaction) into results. */
export async function asResult<T>(run: () => Promise<T>): Promise<StoreResult<T>> {
  try {
    return ok(await run());
  } catch (error) {
    if (error instanceof StoreError) return fail(error);
    throw error;
  }
}
