// The court's intake endpoint (issue 6 items 3 and 4) as a contract: what a workstation sends and
// what the endpoint answers. `mw intake`, `mw serve --intake-dir` and the workstation's submit
// (through its host: the relay of `mw serve`, or Electron main) all parse these shapes.
//
//   POST {url}                  the package zip as the body; header x-package-sha256 names the
//                               bytes, so a copy damaged on the way is refused, not stored
//   GET  {url}/{sha256}         the stored answer for a package already received (404 if not):
//                               submitting again never uploads again — idempotent by package hash
import { z } from 'zod';
import { checkDetailSchema } from '../confirmation/check-detail';
import { packageSignerSchema } from '../confirmation/trust';

export const INTAKE_PATH = '/intake';
/** Loopback-only, the workstation's own page: packages received here, for the clerk to import. */
export const INTAKE_INBOX_PATH = '/intake-inbox';
/** Loopback-only, the workstation's own page: submit a package to a court's intake URL. */
export const INTAKE_RELAY_PATH = '/intake-relay';
export const PACKAGE_SHA256_HEADER = 'x-package-sha256';
export const INTAKE_URL_HEADER = 'x-intake-url';

export const packageSha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

export const intakeAnswerSchema = z.strictObject({
  packageSha256: packageSha256Schema,
  /** valid: every check passed; invalid: a check failed (named in problems); unusable: not a usable package zip. */
  verdict: z.enum(['valid', 'invalid', 'unusable']),
  problems: z.array(z.string()),
  /** The same problems as data (shared/confirmation/check-detail.ts), for the sender's language; absent from older endpoints. */
  details: z.array(checkDetailSchema).max(200).optional(),
  /** The court's date of receipt (YYYY-MM-DD, the institution's time zone). */
  receivedOn: z.string(),
  packageId: z.string().nullable(),
});
export type IntakeAnswer = z.infer<typeof intakeAnswerSchema>;

/** A refusal by the endpoint or the relay: `{ error }` in the endpoint's words. */
export const intakeRefusalSchema = z.object({ error: z.string().max(2000) });

export const inboxItemSchema = z.strictObject({
  answer: intakeAnswerSchema,
  size: z.number().int().nonnegative(),
  /** When the endpoint stored it (ISO instant). */
  receivedAt: z.string(),
  /** Who signed it, when its manifest signature proves it; null for a package that does not. */
  signer: packageSignerSchema.nullable(),
  /** Signed by an institution the court registered (the intake's trust list, or the clerk's own). */
  registered: z.boolean(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

/**
 * The inbox in two lists, so that packages of unknown signers can never crowd out those of the
 * institutions the court registered: each read a page at a time, newest first.
 */
export const inboxGroupSchema = z.enum(['registered', 'unknown']);
export type InboxGroup = z.infer<typeof inboxGroupSchema>;
export const INBOX_PAGE_MAX = 100;
/** POSTed by the workstation's own page to /intake-inbox: one page of one list. */
export const inboxQuerySchema = z.strictObject({
  group: inboxGroupSchema,
  offset: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(INBOX_PAGE_MAX),
  /** The clerk's registered certificates (SHA-256 of each DER), counted as registered beside the intake's own trust list. */
  registered: z.array(packageSha256Schema).max(4000),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;
export const inboxPageSchema = z.strictObject({
  items: z.array(inboxItemSchema).max(INBOX_PAGE_MAX),
  /** How many the list holds in all. */
  total: z.number().int().nonnegative(),
});
export type InboxPage = z.infer<typeof inboxPageSchema>;
/** GET /intake-inbox: this workstation receives packages, and how many certificates its intake trusts (0: no trust list). */
export const inboxInfoSchema = z.strictObject({ receiving: z.literal(true), trusted: z.number().int().nonnegative() });

/**
 * What the intake keeps beside a stored package or answer (never sent): the answer, the trust
 * setting it was reached under (trust.ts trustKey) — an answer under another setting is reached
 * again, not reused — and the signer, which does not depend on the setting.
 */
export const intakeRecordSchema = z.strictObject({
  answer: intakeAnswerSchema,
  trust: z.string().max(100),
  signer: packageSignerSchema.nullable(),
});
export type IntakeRecord = z.infer<typeof intakeRecordSchema>;

/**
 * A court intake URL as a workstation may be configured with: http or https, no credentials, no
 * fragment. Returns the normalised URL or why it cannot be used.
 */
export function parseIntakeUrl(text: string): { ok: true; url: string; plainHttp: boolean } | { ok: false; reason: 'invalid' | 'scheme' | 'credentials' } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  url.hash = '';
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return { ok: true, url: url.toString(), plainHttp: url.protocol === 'http:' && !loopback };
}

/** Where the answer for a received package is asked for. */
export function intakeStatusUrl(intakeUrl: string, sha256: string): string {
  const url = new URL(intakeUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${sha256}`;
  url.search = '';
  return url.toString();
}

export const intakeFailureCodes = ['unavailable', 'unreachable', 'refused', 'busy', 'redirected', 'too_large', 'mismatch', 'bad_answer', 'cancelled'] as const;
export type IntakeFailureCode = (typeof intakeFailureCodes)[number];

/** What a host answers a workstation's submission with (Electron's IPC; the relay's JSON). */
export const intakeSubmitResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), answer: intakeAnswerSchema }),
  z.strictObject({ ok: z.literal(false), code: z.enum(intakeFailureCodes), message: z.string().max(2000), said: z.string().max(2000).optional() }),
]);
export type IntakeSubmitResult = z.infer<typeof intakeSubmitResultSchema>;

/** One submission's id, chosen by the renderer so that it can ask for progress or cancel. */
export const intakeRequestIdSchema = z.string().regex(/^[0-9a-f-]{8,64}$/);
