// The contract between a workstation and the signaling server it hosts: minting tokens and
// learning where parties join. Browser mode reaches it over HTTP on the server's own origin
// (POST /signal/tokens, GET /signal/host, loopback only), Electron over IPC (signaling.mint,
// signaling.host). Schemas here, so both hosts and the renderer parse the same shapes.
import { z } from 'zod';
import {
  displayNameSchema,
  iceServersSchema,
  MAX_PARTICIPANTS_PER_SESSION,
  MAX_TOKEN_LENGTH,
  MAX_TOKEN_TTL_SECONDS,
  participantIdSchema,
  roleSchema,
  sessionHostSchema,
  sessionIdSchema,
  SIGNAL_PATH,
} from './signaling';

export const MINT_PATH = `${SIGNAL_PATH}/tokens`;
export const HOST_INFO_PATH = `${SIGNAL_PATH}/host`;
/** A mint request is a few hundred bytes; anything much larger is refused unread. */
export const MAX_MINT_REQUEST_BYTES = 16 * 1024;

export const mintParticipantSchema = z.strictObject({
  role: roleSchema,
  name: displayNameSchema,
  /** Give the id of an earlier token to re-issue it (the same seat); a new one otherwise. */
  id: participantIdSchema.optional(),
});

export const mintTokensRequestSchema = z
  .strictObject({
    session: sessionIdSchema,
    ttlSeconds: z.int().min(1).max(MAX_TOKEN_TTL_SECONDS),
    participants: z.array(mintParticipantSchema).min(1).max(MAX_PARTICIPANTS_PER_SESSION),
    /** STUN/TURN servers the host hands to every participant of this session in `joined`. */
    iceServers: iceServersSchema.optional(),
    /** The inviting institution and mediator, signed into every token (the join page names them). */
    host: sessionHostSchema.optional(),
  })
  .refine((r) => {
    const ids = r.participants.flatMap((p) => (p.id === undefined ? [] : [p.id]));
    return new Set(ids).size === ids.length;
  }, 'each participant id appears once');
export type MintTokensRequest = z.infer<typeof mintTokensRequestSchema>;

export const mintedParticipantTokenSchema = z.strictObject({
  role: roleSchema,
  name: displayNameSchema,
  id: participantIdSchema,
  token: z.string().min(1).max(MAX_TOKEN_LENGTH),
  /** ms since 1970. */
  expiresAt: z.int().positive(),
});
export const mintTokensResponseSchema = z.strictObject({ tokens: z.array(mintedParticipantTokenSchema).min(1).max(MAX_PARTICIPANTS_PER_SESSION) });
export type MintTokensResponse = z.infer<typeof mintTokensResponseSchema>;

const httpBaseSchema = z.string().regex(/^https?:\/\/[^/?#\s]+\/$/, 'a base URL is http(s)://host[:port]/');
export const hostInfoSchema = z.strictObject({
  /** The WebSocket URL the workstation itself connects to. */
  signalUrl: z.string().regex(/^wss?:\/\/[^/?#\s]+\/signal$/, 'a signal URL is ws(s)://host[:port]/signal'),
  /** Where parties open the join page (`${base}#/join?token=…`), best first. */
  joinBases: z.array(httpBaseSchema).min(1).max(32),
});
export type HostInfo = z.infer<typeof hostInfoSchema>;

/** The error body of the HTTP endpoints. */
export const hostErrorSchema = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) });

/** The port the Electron main process hosts the signaling server on, unless configured. */
export const DEFAULT_LAN_PORT = 5181;

/**
 * The Electron host's own settings: `signaling-host.json` in the user-data folder (the main
 * process starts the server before any window could read the app's settings). Environment
 * variables MW_SIGNAL_PORT and MW_SIGNAL_HOST override it.
 */
export const signalingHostConfigSchema = z.strictObject({
  port: z.int().min(0).max(65535).default(DEFAULT_LAN_PORT),
  /** 0.0.0.0: parties on the LAN reach the join page; 127.0.0.1 keeps it to this machine. */
  host: z.string().min(1).max(255).default('0.0.0.0'),
});
export type SignalingHostConfig = z.infer<typeof signalingHostConfigSchema>;
