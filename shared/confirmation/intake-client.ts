// Submitting a package to a court's intake URL (issue 6 item 3), for whichever host sends it:
// the relay of `mw serve` (browser mode) and Electron main. The court is asked first whether it
// already holds these bytes, so a second submission (a retry after a dropped connection, a click
// twice) uploads nothing and gets the court's stored answer. The body is whatever the host streams
// from its blob store; nothing here holds a package in memory.
import {
  intakeAnswerSchema,
  intakeRefusalSchema,
  intakeStatusUrl,
  PACKAGE_SHA256_HEADER,
  type IntakeAnswer,
  type IntakeFailureCode,
} from '../protocol/intake';

/** Why a submission failed, in words the court's server chose where it gave any. */
export class IntakeSubmitError extends Error {
  constructor(
    readonly code: IntakeFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'IntakeSubmitError';
  }
}

export interface SubmitRequest {
  url: string;
  sha256: string;
  /** The package's bytes (a stream the host makes), opened only when the court does not have them yet. */
  body: () => unknown;
  signal?: AbortSignalLike;
}

/** The part of the standard fetch used here (shared/ is built without DOM or Node types). */
interface AbortSignalLike {
  readonly aborted: boolean;
}
interface ResponseLike {
  readonly status: number;
  json(): Promise<unknown>;
  readonly body: { cancel(): Promise<void> } | null;
}
export type FetchLike = (
  input: string,
  init: { method?: string; headers: Record<string, string>; body?: unknown; duplex?: 'half'; cache: 'no-store'; signal?: AbortSignalLike },
) => Promise<ResponseLike>;
type Fetch = FetchLike;

async function refusalText(response: ResponseLike): Promise<string> {
  const parsed = intakeRefusalSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data.error : `HTTP ${response.status}`;
}

async function answerOf(response: ResponseLike, sha256: string): Promise<IntakeAnswer> {
  const parsed = intakeAnswerSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new IntakeSubmitError('bad_answer', 'The court’s server answered, but not as an intake endpoint does: check the intake URL.');
  if (parsed.data.packageSha256 !== sha256) {
    throw new IntakeSubmitError('mismatch', `The court received different bytes (SHA-256 ${parsed.data.packageSha256}) than were sent: submit again.`);
  }
  return parsed.data;
}

function unreachable(error: unknown, url: string): IntakeSubmitError {
  if ((error as Error)?.name === 'AbortError') return new IntakeSubmitError('cancelled', 'The submission was cancelled.');
  return new IntakeSubmitError('unreachable', `The court’s intake at ${url} could not be reached (${(error as Error)?.message ?? 'network error'}).`);
}

/** The court's stored answer for these bytes, or null when it has not received them. */
async function alreadyReceived(fetchImpl: Fetch, request: SubmitRequest): Promise<IntakeAnswer | null> {
  let response: ResponseLike;
  try {
    response = await fetchImpl(intakeStatusUrl(request.url, request.sha256), { headers: { accept: 'application/json' }, cache: 'no-store', ...(request.signal ? { signal: request.signal } : {}) });
  } catch (error) {
    throw unreachable(error, request.url);
  }
  if (response.status === 200) return answerOf(response, request.sha256);
  await response.body?.cancel().catch(() => undefined);
  // 404 (not here yet), or an older endpoint without the status path (405): upload.
  return null;
}

export async function submitToIntake(fetchImpl: Fetch, request: SubmitRequest): Promise<IntakeAnswer> {
  const stored = await alreadyReceived(fetchImpl, request);
  if (stored) return stored;
  let response: ResponseLike;
  try {
    response = await fetchImpl(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/zip', [PACKAGE_SHA256_HEADER]: request.sha256, accept: 'application/json' },
      body: request.body(),
      duplex: 'half',
      cache: 'no-store',
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (error) {
    throw unreachable(error, request.url);
  }
  if (response.status === 200) return answerOf(response, request.sha256);
  const why = await refusalText(response);
  if (response.status === 413) throw new IntakeSubmitError('too_large', `The court’s intake refused the package as too large: ${why}`);
  throw new IntakeSubmitError('refused', `The court’s intake refused the package: ${why}`);
}
