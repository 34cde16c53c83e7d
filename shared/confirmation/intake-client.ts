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

/**
 * Why a submission failed: `code` for the user's language, `message` a whole English sentence
 * (logs, CLI), `said` only what the court's server or the network said, to quote inside a
 * translated sentence.
 */
export class IntakeSubmitError extends Error {
  constructor(
    readonly code: IntakeFailureCode,
    message: string,
    readonly said = '',
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
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  readonly body: { cancel(): Promise<void> } | null;
}
export type FetchLike = (
  input: string,
  init: { method?: string; headers: Record<string, string>; body?: unknown; duplex?: 'half'; cache: 'no-store'; redirect: 'manual'; signal?: AbortSignalLike },
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
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const why = cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'network error';
  return new IntakeSubmitError('unreachable', `The court’s intake at ${url} could not be reached (${why}).`, why);
}

/**
 * A redirect is reported rather than followed: following would turn the POST into a GET (301,
 * 302) or need the whole package again (307, 308). The user enters the address it names.
 */
function redirected(response: ResponseLike): IntakeSubmitError | null {
  if (response.status < 300 || response.status > 399) return null;
  const location = response.headers.get('location') ?? '';
  return new IntakeSubmitError('redirected', `The intake address redirects to ${location || 'another address'}; enter that address in the settings instead.`, location);
}

/** The court's stored answer for these bytes, or null when it has not received them. */
async function alreadyReceived(fetchImpl: Fetch, request: SubmitRequest): Promise<IntakeAnswer | null> {
  let response: ResponseLike;
  try {
    response = await fetchImpl(intakeStatusUrl(request.url, request.sha256), { headers: { accept: 'application/json' }, cache: 'no-store', redirect: 'manual', ...(request.signal ? { signal: request.signal } : {}) });
  } catch (error) {
    throw unreachable(error, request.url);
  }
  const moved = redirected(response);
  if (moved) throw moved;
  if (response.status === 200) return answerOf(response, request.sha256);
  // Only an intake's own "not received" (404 with its JSON) leads to the upload: any other
  // answer means the address is not an intake, found out before gigabytes are sent to it.
  const notHere = response.status === 404 && intakeRefusalSchema.safeParse(await response.json().catch(() => null)).success;
  if (notHere) return null;
  await response.body?.cancel().catch(() => undefined);
  if (response.status === 503) throw new IntakeSubmitError('busy', 'The court’s intake is busy; try again in a minute.');
  throw new IntakeSubmitError('bad_answer', `The address did not answer as a court’s intake does (HTTP ${response.status}): check the intake URL.`, `HTTP ${response.status}`);
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
      redirect: 'manual',
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (error) {
    throw unreachable(error, request.url);
  }
  if (response.status === 200) return answerOf(response, request.sha256);
  const moved = redirected(response);
  if (moved) throw moved;
  const why = await refusalText(response);
  if (response.status === 413) throw new IntakeSubmitError('too_large', `The court’s intake refused the package as too large: ${why}`, why);
  if (response.status === 503) throw new IntakeSubmitError('busy', `The court’s intake is busy: ${why}`, why);
  throw new IntakeSubmitError('refused', `The court’s intake refused the package: ${why}`, why);
}
