// Court intake in browser mode (shared/platform.ts CourtIntakeAccess): the page hands a stored
// package to its own server (`mw serve`), whose relay streams it to the court; the page's CSP
// stays 'self'. XMLHttpRequest rather than fetch, for the upload's progress. A court's own
// workstation (mw serve --intake-dir) lists what its endpoint received.
import { IntakeSubmitError } from '../../shared/confirmation/intake-client';
import { z } from 'zod';
import type { AbortSignalLike, CourtInbox, CourtIntakeAccess, HashProgress } from '../../shared/platform';
import {
  INTAKE_INBOX_PATH,
  INTAKE_RELAY_PATH,
  INTAKE_URL_HEADER,
  inboxInfoSchema,
  inboxPageSchema,
  intakeAnswerSchema,
  intakeFailureCodes,
  PACKAGE_SHA256_HEADER,
  type IntakeAnswer,
  type IntakeFailureCode,
} from '../../shared/protocol/intake';

/** The relay's refusal (shared/signaling/endpoints.ts), with what the court said where it said something. */
const relayRefusalSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), said: z.string().optional() }) });

/** The relay's refusal as an IntakeSubmitError; the host's own refusals (not this page, no relay) are 'unavailable'. */
function failureOf(status: number, text: string): IntakeSubmitError {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // A plain static server answers 404 with text: it has no relay.
  }
  const parsed = relayRefusalSchema.safeParse(body);
  if (!parsed.success) return new IntakeSubmitError('unavailable', `This workstation's server cannot send packages (HTTP ${status}); start the app with npm start, or export the package and deliver it.`, `HTTP ${status}`);
  const { code, message, said } = parsed.data.error;
  const known = (intakeFailureCodes as readonly string[]).includes(code);
  return new IntakeSubmitError(known ? (code as IntakeFailureCode) : 'unavailable', message, said ?? (known ? '' : message));
}

function relayUpload(origin: string, request: { url: string; sha256: string; body: Blob; onProgress?: (p: HashProgress) => void; signal?: AbortSignalLike }): Promise<IntakeAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', new URL(INTAKE_RELAY_PATH, origin).toString());
    xhr.setRequestHeader('content-type', 'application/zip');
    xhr.setRequestHeader(INTAKE_URL_HEADER, request.url);
    xhr.setRequestHeader(PACKAGE_SHA256_HEADER, request.sha256);
    xhr.upload.onprogress = (event) => request.onProgress?.({ bytesDone: event.loaded, bytesTotal: event.lengthComputable ? event.total : request.body.size });
    xhr.onload = () => {
      if (xhr.status !== 200) return reject(failureOf(xhr.status, xhr.responseText));
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // reported below
      }
      const answer = intakeAnswerSchema.safeParse(body);
      if (answer.success) resolve(answer.data);
      else reject(new IntakeSubmitError('bad_answer', 'The court’s answer could not be read.'));
    };
    xhr.onerror = () => reject(new IntakeSubmitError('unavailable', 'This workstation’s own server did not answer; is npm start still running?'));
    xhr.onabort = () => reject(new IntakeSubmitError('cancelled', 'The submission was cancelled.'));
    if (request.signal?.aborted) return reject(new IntakeSubmitError('cancelled', 'The submission was cancelled.'));
    request.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(request.body);
  });
}

function inboxAt(origin: string, fetchImpl: typeof fetch): CourtInbox {
  return {
    async list(query) {
      const response = await fetchImpl(new URL(INTAKE_INBOX_PATH, origin), { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(query), cache: 'no-store' });
      if (!response.ok) throw new Error(`The inbox could not be read (HTTP ${response.status}).`);
      return inboxPageSchema.parse(await response.json());
    },
    async open(sha256) {
      const response = await fetchImpl(new URL(`${INTAKE_INBOX_PATH}/${sha256}.zip`, origin), { cache: 'no-store' });
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`The package could not be read from the inbox (HTTP ${response.status}).`);
      return new File([await response.blob()], `${sha256}.zip`, { type: 'application/zip' });
    },
  };
}

export function browserCourtIntake(options: {
  /** The stored package's bytes as a Blob (IndexedDB keeps large ones on disk). */
  storedBlob: (sha256: string) => Promise<Blob | null>;
  origin?: string;
  fetchImpl?: typeof fetch;
}): CourtIntakeAccess {
  const origin = options.origin ?? globalThis.location?.origin ?? 'http://127.0.0.1';
  const fetchImpl = options.fetchImpl ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  return {
    async submit(request) {
      const body = await options.storedBlob(request.sha256);
      if (!body) throw new IntakeSubmitError('unavailable', 'The package is no longer stored on this workstation; build it again.');
      return relayUpload(origin, { ...request, body });
    },
    async inbox() {
      let response: Response;
      try {
        response = await fetchImpl(new URL(INTAKE_INBOX_PATH, origin), { method: 'GET', headers: { accept: 'application/json' }, cache: 'no-store' });
      } catch {
        return null;
      }
      // 404: this server receives no packages (or is a plain static server).
      if (!response.ok) return null;
      const info = inboxInfoSchema.safeParse(await response.json().catch(() => null));
      return info.success ? inboxAt(origin, fetchImpl) : null;
    },
  };
}
