// The workstation's link to its center server (issue 17 item 2), as a contract between the page
// and its own host. The page never talks to the server: it asks its host (the relay of `mw serve`
// at CENTER_LINK_PATH, or Electron main over IPC) to probe an address, to forward one API request
// to the server whose certificate fingerprint it pinned, or to wait for the server's nudge. The
// host connects over TLS and compares the certificate's SHA-256 fingerprint with the pinned one
// before it sends a byte of the request, so the page's CSP stays 'self' and a server with another
// certificate is never told a password or a token.
import { z } from 'zod';

/** Loopback-only, the workstation's own page: one operation of the link per POST (JSON). */
export const CENTER_LINK_PATH = '/center-link';
/** Every API path the link forwards starts with this (shared/server/api.ts API_PREFIX). */
export const CENTER_API_PREFIX = '/api/v1/';
/** The largest request body the link forwards (the server reads at most 1 MiB). */
export const CENTER_LINK_MAX_REQUEST_BYTES = 1024 * 1024;
/** The largest answer the link reads from the server (a page of pulled changes). */
export const CENTER_LINK_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** The most bytes of a file one request carries up (PATCH of an upload; base64 in the JSON op, within the request limit). */
export const CENTER_LINK_CHUNK_BYTES = 512 * 1024;
/** The most bytes of a file one request asks for (a Range of GET /files/:sha256; base64 in the answer). */
export const CENTER_LINK_RANGE_BYTES = 4 * 1024 * 1024;
/** The longest a nudge wait lasts before it answers 'quiet'. */
export const CENTER_NUDGE_MAX_WAIT_MS = 60_000;

/** `https://host[:port]`: the server's origin, nothing more (no path, query or credentials). */
export const centerAddressSchema = z
  .string()
  .min(9)
  .max(300)
  .refine((text) => parseCenterAddress(text) !== null, { message: 'an https:// address of the server (host and port only)' });

/** A certificate's SHA-256 fingerprint as Node writes it: 32 upper-case hex pairs joined by colons. */
export const fingerprintSchema = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
export type Fingerprint = z.infer<typeof fingerprintSchema>;

/** What the page pinned when it joined: the server's address and its certificate's fingerprint. */
export const centerPinSchema = z.strictObject({ address: centerAddressSchema, fingerprint: fingerprintSchema });
export type CenterPin = z.infer<typeof centerPinSchema>;

const apiPathSchema = z
  .string()
  .max(2000)
  .refine((path) => path.startsWith(CENTER_API_PREFIX) && !/(^|\/)\.\.?(\/|$|\?)/.test(path) && !path.includes('\\') && !path.includes('#') && !/[\s]/.test(path), {
    message: `a path under ${CENTER_API_PREFIX}`,
  });

export const centerRequestSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: apiPathSchema,
  /** The session's bearer token, when signed in. */
  token: z.string().min(1).max(500).optional(),
  /** A JSON body (not for GET). */
  body: z.unknown().optional(),
  /**
   * Bytes instead of JSON (base64), sent as application/offset+octet-stream with Upload-Offset:
   * the next part of a resumable upload (PATCH /files/uploads/:id, shared/server/files.ts).
   */
  chunk: z
    .strictObject({
      offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      base64: z
        .string()
        .max(Math.ceil(CENTER_LINK_CHUNK_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/),
    })
    .optional(),
  /** Bytes asked for instead of JSON: one range of a stored file (GET /files/:sha256), at most CENTER_LINK_RANGE_BYTES. */
  range: z
    .strictObject({ start: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), end: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) })
    .refine((r) => r.end >= r.start && r.end - r.start < CENTER_LINK_RANGE_BYTES, { message: `a range of at most ${CENTER_LINK_RANGE_BYTES} bytes` })
    .optional(),
});
export type CenterRequest = z.infer<typeof centerRequestSchema>;

export const centerProbeOp = z.strictObject({ op: z.literal('probe'), address: centerAddressSchema });
export const centerRequestOp = z.strictObject({ op: z.literal('request'), pin: centerPinSchema, request: centerRequestSchema });
export const centerWaitOp = z.strictObject({
  op: z.literal('wait'),
  pin: centerPinSchema,
  /** The server's WebSocket path of the nudge, under /api/v1/. */
  path: apiPathSchema,
  token: z.string().min(1).max(500),
  /** The client's cursor: only a nudge naming a later change ends the wait (the server's hello names its latest). */
  after: z.number().int().nonnegative(),
  timeoutMs: z.number().int().min(1000).max(CENTER_NUDGE_MAX_WAIT_MS),
});
export const centerLinkOpSchema = z.discriminatedUnion('op', [centerProbeOp, centerRequestOp, centerWaitOp]);
export type CenterLinkOp = z.infer<typeof centerLinkOpSchema>;

/** What a probe found: the certificate for the user to compare with what the server's operator says. */
export const centerProbeResultSchema = z.strictObject({
  address: centerAddressSchema,
  fingerprint: fingerprintSchema,
  subject: z.string().max(1000),
  issuer: z.string().max(1000),
  validFrom: z.string().max(100),
  validTo: z.string().max(100),
});
export type CenterProbeResult = z.infer<typeof centerProbeResultSchema>;

/** The server's answer as it came: its HTTP status and its JSON body (null when it sent none). */
export const centerResponseSchema = z.strictObject({
  status: z.number().int().min(100).max(599),
  body: z.unknown(),
  /** For a request with `range` answered 200 or 206: the bytes (base64), with the file's whole size from Content-Range. */
  octets: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
});
export type CenterResponse = z.infer<typeof centerResponseSchema>;

export const centerWaitResultSchema = z.strictObject({
  nudged: z.boolean(),
  /** The change the nudge named (shared/server/sync.ts NudgeMessage). */
  seq: z.number().int().nonnegative().optional(),
  /** Set when the server refused the WebSocket (no such route, 401) or closed it as the session ended (401): an HTTP status. */
  refusedStatus: z.number().int().min(100).max(599).optional(),
});
export type CenterWaitResult = z.infer<typeof centerWaitResultSchema>;

/** Why the link could not do what was asked; never an answer of the server (those are CenterResponse). */
export const CENTER_LINK_FAILURES = [
  /** The page's request does not fit this contract. */
  'invalid_request',
  /** No host relay here (a plain static server), or the host refused this page. */
  'unavailable',
  /** The address does not resolve, refuses the connection, or is not TLS. */
  'unreachable',
  /** The server presented a certificate other than the pinned one: nothing was sent. */
  'fingerprint_mismatch',
  /** The server did not answer in time. */
  'timeout',
  /** The answer was not JSON, or too large. */
  'bad_answer',
] as const;
export type CenterLinkFailureCode = (typeof CENTER_LINK_FAILURES)[number];
export const centerLinkFailureSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(CENTER_LINK_FAILURES),
    message: z.string().max(2000),
    /** For fingerprint_mismatch: the fingerprint the server presented instead. */
    seen: fingerprintSchema.optional(),
  }),
});
export type CenterLinkFailure = z.infer<typeof centerLinkFailureSchema>['error'];

/** A failure of the link, carried as an error to the page's code. */
export class CenterLinkError extends Error {
  constructor(
    readonly code: CenterLinkFailureCode,
    message: string,
    readonly seen?: Fingerprint,
  ) {
    super(message);
    this.name = 'CenterLinkError';
  }

  toFailure(): CenterLinkFailure {
    return { code: this.code, message: this.message, ...(this.seen ? { seen: this.seen } : {}) };
  }
}

/** The origin of an https address with host and optional port only; null for anything else. */
export function parseCenterAddress(text: string): { origin: string; hostname: string; port: number } | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== '/' && url.pathname !== '') return null;
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (hostname === '') return null;
  return { origin: url.origin, hostname, port: url.port === '' ? 443 : Number(url.port) };
}

/** A fingerprint as the user may type or paste it (lower case, spaces, no colons) in Node's form; null when it is not 32 bytes of hex. */
export function normalizeFingerprint(text: string): Fingerprint | null {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

/** What the host answers to one operation, over HTTP (always 200 once the page is known) and IPC alike. */
export const centerLinkAnswerSchema = z.union([
  z.strictObject({ probe: centerProbeResultSchema }),
  z.strictObject({ response: centerResponseSchema }),
  z.strictObject({ wait: centerWaitResultSchema }),
  centerLinkFailureSchema,
]);
export type CenterLinkAnswer = z.infer<typeof centerLinkAnswerSchema>;

/** The platform port's link (shared/platform.ts CenterServerLink) over a host's one operation. */
export function centerLinkClient(send: (op: CenterLinkOp) => Promise<CenterLinkAnswer>) {
  async function run(op: CenterLinkOp): Promise<CenterLinkAnswer> {
    const answer = await send(op);
    if ('error' in answer) throw new CenterLinkError(answer.error.code, answer.error.message, answer.error.seen);
    return answer;
  }
  const unexpected = (): never => {
    throw new CenterLinkError('unavailable', 'The workstation’s host answered something else than was asked.');
  };
  return {
    async probe(address: string): Promise<CenterProbeResult> {
      const answer = await run({ op: 'probe', address });
      return 'probe' in answer ? answer.probe : unexpected();
    },
    async request(pin: CenterPin, request: CenterRequest): Promise<CenterResponse> {
      const answer = await run({ op: 'request', pin, request });
      return 'response' in answer ? answer.response : unexpected();
    },
    async waitForNudge(pin: CenterPin, wait: { path: string; token: string; after: number; timeoutMs: number }): Promise<CenterWaitResult> {
      const answer = await run({ op: 'wait', pin, ...wait });
      return 'wait' in answer ? answer.wait : unexpected();
    },
  };
}
