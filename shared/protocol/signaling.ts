// The signaling protocol of video sessions (design.md §7; the readable version is
// docs/signaling.md). Every message either side may send has a zod schema here, so the server
// (shared/signaling, hosted by `mw signal`, `mw serve` and Electron main) and the browser client parse the same
// contract. Objects are strict: a field the protocol does not know is a refused message, not a
// silently ignored one (a party adding `room` to its join must not be half-honoured).
import { z } from 'zod';

/** The WebSocket path; anything else is not the signaling server. */
export const SIGNAL_PATH = '/signal';
export const PROTOCOL_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Limits. Defaults of the server; a host may tighten them (tests do), the protocol page names them.

const KiB = 1024;

/** Largest WebSocket message (bytes). An SDP offer with many codecs is ~10 KiB; 64 KiB is ample. */
export const MAX_MESSAGE_BYTES = 64 * KiB;
/**
 * Sustained messages per second per participant (token bucket refill rate). The bucket is the
 * participant's (session + participant id), not the connection's: reconnecting does not refill it.
 */
export const MESSAGES_PER_SECOND = 30;
/** Bucket size: trickle ICE to five peers at once sends a few dozen candidates in a burst. */
export const MESSAGE_BURST = 90;
/**
 * Refused messages (over the rate) after which the connection is closed. They count until the
 * sender pauses for RATE_STRIKE_QUIET_MS: a message the refilled bucket lets through in between
 * does not reset them, or a steady flood just over the rate would never be closed.
 */
export const MAX_RATE_STRIKES = 2 * MESSAGE_BURST;
/** A sender that stays under the rate for this long is forgiven its earlier refusals. */
export const RATE_STRIKE_QUIET_MS = 1000;
/** Seats per session, reconnecting ones included: a mesh of 6 is 15 peer connections. */
export const MAX_PARTICIPANTS_PER_SESSION = 6;
/** Open WebSockets per server, joined or not. */
export const MAX_CONNECTIONS = 1000;
/**
 * Connections from one remote address that have not joined yet. Joining takes one message, so a
 * household or an office behind one NAT needs few at once; a storm from one address cannot
 * fill the server and lock out the session in progress.
 */
export const MAX_UNJOINED_PER_ADDRESS = 16;
/**
 * Joins per participant (its token) per minute, after a burst of JOIN_BURST: a phone switching
 * networks rejoins a few times, a script rejoining to refill anything is refused with 4429.
 * Every rejoin is announced to the others, so unlimited rejoins would be a flood by proxy.
 */
export const JOINS_PER_MINUTE = 20;
export const JOIN_BURST = 10;
/**
 * New connections per remote address per minute, after a burst of CONNECTION_BURST_PER_ADDRESS.
 * Generous: an office behind one NAT address may have several sessions reconnecting together
 * after a server restart. Messages are limited per participant, so those parties each still talk
 * at the full rate.
 */
export const CONNECTIONS_PER_ADDRESS_PER_MINUTE = 120;
export const CONNECTION_BURST_PER_ADDRESS = 60;
/** A receiver that lets this much pile up unread is not keeping up: it is dropped (and may reconnect). */
export const MAX_BUFFERED_BYTES = 4 * 1024 * KiB;
/**
 * Relayed offers, answers and ICE are refused to their *sender* (`peer_busy`) once this much is
 * waiting for the receiver, well below MAX_BUFFERED_BYTES: a sender flooding one receiver can
 * never get that receiver dropped.
 */
export const MAX_RELAY_BUFFERED_BYTES = 1024 * KiB;
/** A connection that has not sent a valid `join` by then is closed. */
export const JOIN_TIMEOUT_MS = 10_000;
/** How long a dropped participant's seat and room are kept for a reconnect. */
export const RECONNECT_GRACE_MS = 30_000;
/** Ping interval; a peer that has not answered the previous ping is dropped. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
/**
 * A join with a token whose connection is still open is refused, and that connection is pinged;
 * if it does not answer within this time it is dropped, so the rightful owner's retry gets in.
 */
export const PROBE_TIMEOUT_MS = 2_000;
export const MAX_CAUCUS_ROOMS = 9;
export const MAX_TOKEN_LENGTH = 2048;
export const MAX_NAME_LENGTH = 64;
/** Tokens live at most a week; a sitting is hours, a token for longer is a mistake. */
export const MAX_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

export interface SignalingLimits {
  maxMessageBytes: number;
  messagesPerSecond: number;
  messageBurst: number;
  maxRateStrikes: number;
  maxParticipantsPerSession: number;
  maxConnections: number;
  maxUnjoinedPerAddress: number;
  joinsPerMinute: number;
  joinBurst: number;
  connectionsPerAddressPerMinute: number;
  connectionBurstPerAddress: number;
  maxBufferedBytes: number;
  maxRelayBufferedBytes: number;
  rateStrikeQuietMs: number;
  joinTimeoutMs: number;
  reconnectGraceMs: number;
  heartbeatIntervalMs: number;
  probeTimeoutMs: number;
}

export const DEFAULT_LIMITS: Readonly<SignalingLimits> = Object.freeze({
  maxMessageBytes: MAX_MESSAGE_BYTES,
  messagesPerSecond: MESSAGES_PER_SECOND,
  messageBurst: MESSAGE_BURST,
  maxRateStrikes: MAX_RATE_STRIKES,
  maxParticipantsPerSession: MAX_PARTICIPANTS_PER_SESSION,
  maxConnections: MAX_CONNECTIONS,
  maxUnjoinedPerAddress: MAX_UNJOINED_PER_ADDRESS,
  joinsPerMinute: JOINS_PER_MINUTE,
  joinBurst: JOIN_BURST,
  connectionsPerAddressPerMinute: CONNECTIONS_PER_ADDRESS_PER_MINUTE,
  connectionBurstPerAddress: CONNECTION_BURST_PER_ADDRESS,
  maxBufferedBytes: MAX_BUFFERED_BYTES,
  maxRelayBufferedBytes: MAX_RELAY_BUFFERED_BYTES,
  rateStrikeQuietMs: RATE_STRIKE_QUIET_MS,
  joinTimeoutMs: JOIN_TIMEOUT_MS,
  reconnectGraceMs: RECONNECT_GRACE_MS,
  heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
  probeTimeoutMs: PROBE_TIMEOUT_MS,
});

// ---------------------------------------------------------------------------------------------
// Close codes. 1000/1001/1009 are the WebSocket standard ones; 4xxx are ours, modelled on HTTP.

export const CloseCode = {
  /** `leave`, or the server closing the socket of a participant who left. */
  normal: 1000,
  /** The server is shutting down. */
  goingAway: 1001,
  /** A message larger than the limit (sent by `ws` itself, before the message is read). */
  tooLarge: 1009,
  /** The first message was not a valid `join`. */
  protocolError: 4400,
  /** The token is malformed, tampered with, expired, or in use by another open connection. */
  unauthorized: 4401,
  /** No `join` within the join timeout. */
  joinTimeout: 4408,
  /** The session already has its maximum number of participants. */
  sessionFull: 4409,
  /** The mediator ended the session (or the token was issued before it ended). */
  sessionEnded: 4410,
  /** Flooding over the rate limit, or too many unjoined connections from one address. */
  rateLimited: 4429,
  /** The server has its maximum number of connections. */
  serverFull: 4503,
} as const;
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

// ---------------------------------------------------------------------------------------------
// Identities.

export const ROLES = ['mediator', 'applicant', 'respondent', 'agent', 'interpreter', 'observer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** The default display names of `mw session tokens` and of the UI when none is given. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = Object.freeze({
  mediator: '调解员',
  applicant: '申请人',
  respondent: '被申请人',
  agent: '代理人',
  interpreter: '翻译',
  observer: '旁听人',
});

/** Whether a role may `admit`, `move` and `end`. */
export function isMediator(role: Role): boolean {
  return role === 'mediator';
}

export const sessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'a session id is 1–128 letters, digits and . _ : -');
export const participantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'a participant id is 16–64 base64url characters');

// Control characters would break the roster's layout; bidi overrides could make one name read
// as another (a party posing as the mediator).
const UNSAFE_NAME_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
export const displayNameSchema = z
  .string()
  .min(1)
  .max(MAX_NAME_LENGTH)
  .refine((name) => name.trim() === name && name.length > 0, 'a name has no leading or trailing spaces')
  .refine((name) => !UNSAFE_NAME_CHARACTERS.test(name), 'a name has no control or bidi-override characters');

/** The longest institution name a token carries (the institution row allows 100 characters). */
export const MAX_INSTITUTION_NAME_LENGTH = 100;

/**
 * Who invites: the institution and the session's mediator, signed into a party's token so the join
 * page can name them before anything is verified, and a link altered to name someone else is
 * refused by the server (the MAC covers them).
 */
export const sessionHostSchema = z.strictObject({
  institution: z
    .string()
    .min(1)
    .max(MAX_INSTITUTION_NAME_LENGTH)
    .refine((name) => name.trim() === name && !UNSAFE_NAME_CHARACTERS.test(name), 'an institution name has no outer spaces, control or bidi-override characters'),
  mediator: displayNameSchema,
});
export type SessionHost = z.infer<typeof sessionHostSchema>;

const WAITING = 'waiting';
const JOINT = 'joint';
export const WAITING_ROOM: typeof WAITING = WAITING;
export const JOINT_ROOM: typeof JOINT = JOINT;

// templateLiteral gives the type `caucus-${number}`; it does not apply the number's checks,
// so the spelling is pinned by the regex (no "caucus-01", "caucus--1", "caucus-1e1").
const CAUCUS_PATTERN = new RegExp(`^caucus-[1-${MAX_CAUCUS_ROOMS}]$`);
export const caucusRoomSchema = z
  .templateLiteral(['caucus-', z.int()])
  .refine((room) => CAUCUS_PATTERN.test(room), `a caucus room is caucus-1 … caucus-${MAX_CAUCUS_ROOMS}`);
export const roomIdSchema = z.union([z.literal(WAITING), z.literal(JOINT), caucusRoomSchema]);
export type RoomId = z.infer<typeof roomIdSchema>;
export type CaucusRoom = z.infer<typeof caucusRoomSchema>;

export function caucusRoom(n: number): CaucusRoom {
  return caucusRoomSchema.parse(`caucus-${n}`);
}

/**
 * What a signed token says (session-token.ts signs it). Times are milliseconds since the Unix
 * epoch. `id` is the participant's identity for the whole sitting: a reconnect with the same
 * token takes back the same seat.
 */
export const tokenPayloadSchema = z
  .strictObject({
    v: z.literal(1),
    session: sessionIdSchema,
    role: roleSchema,
    name: displayNameSchema,
    id: participantIdSchema,
    iat: z.int().nonnegative(),
    exp: z.int().positive(),
    /** Absent in tokens minted before it existed, and from servers that are not asked for it. */
    host: sessionHostSchema.optional(),
  })
  .refine((p) => p.exp > p.iat && p.exp - p.iat <= MAX_TOKEN_TTL_SECONDS * 1000, 'exp is after iat, by at most the maximum lifetime');
export type TokenPayload = z.infer<typeof tokenPayloadSchema>;

// ---------------------------------------------------------------------------------------------
// WebRTC payloads, bounded but otherwise opaque to the server.

export const sdpSchema = z.string().min(1).max(MAX_MESSAGE_BYTES);
/** RTCIceCandidateInit; an empty `candidate` is the end-of-candidates marker. */
export const iceCandidateSchema = z.strictObject({
  candidate: z.string().max(1024),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.int().min(0).max(255).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
export type IceCandidate = z.infer<typeof iceCandidateSchema>;

/** RTCIceServer, handed to every participant in `joined` (STUN/TURN, e.g. coturn). */
export const iceServerSchema = z.strictObject({
  urls: z.union([z.string().regex(/^(stun|stuns|turn|turns):/), z.array(z.string().regex(/^(stun|stuns|turn|turns):/)).min(1).max(8)]),
  username: z.string().max(512).optional(),
  credential: z.string().max(512).optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;
export const iceServersSchema = z.array(iceServerSchema).max(8);

// ---------------------------------------------------------------------------------------------
// Client → server.

export const joinMessageSchema = z.strictObject({ type: z.literal('join'), token: z.string().min(1).max(MAX_TOKEN_LENGTH) });
export const clientMessageSchema = z.discriminatedUnion('type', [
  joinMessageSchema,
  z.strictObject({ type: z.literal('offer'), to: participantIdSchema, sdp: sdpSchema }),
  z.strictObject({ type: z.literal('answer'), to: participantIdSchema, sdp: sdpSchema }),
  z.strictObject({ type: z.literal('ice'), to: participantIdSchema, candidate: iceCandidateSchema }),
  /** Mediator only: put a participant (the mediator included) into a room. */
  z.strictObject({ type: z.literal('move'), participant: participantIdSchema, room: roomIdSchema }),
  /** Mediator only: from the waiting room into the joint room. */
  z.strictObject({ type: z.literal('admit'), participant: participantIdSchema }),
  /** Leaving for good: the seat is freed at once (a dropped connection keeps it for a while). */
  z.strictObject({ type: z.literal('leave') }),
  /** Mediator only: ends the session for everyone. */
  z.strictObject({ type: z.literal('end') }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientMessageType = ClientMessage['type'];
export const CLIENT_MESSAGE_TYPES: readonly ClientMessageType[] = ['join', 'offer', 'answer', 'ice', 'move', 'admit', 'leave', 'end'];
export type RelayMessage = Extract<ClientMessage, { type: 'offer' | 'answer' | 'ice' }>;

// ---------------------------------------------------------------------------------------------
// Server → client.

export const participantStateSchema = z.enum(['connected', 'reconnecting']);
export const participantViewSchema = z.strictObject({
  id: participantIdSchema,
  role: roleSchema,
  name: displayNameSchema,
  room: roomIdSchema,
  state: participantStateSchema,
});
export type ParticipantView = z.infer<typeof participantViewSchema>;

export const ERROR_CODES = [
  'invalid_json',
  'invalid_message',
  'binary_not_supported',
  'join_first',
  'already_joined',
  'token_malformed',
  'token_bad_signature',
  'token_expired',
  'token_in_use',
  'token_conflict',
  'forbidden',
  'unknown_participant',
  'not_in_your_room',
  'not_waiting',
  'already_in_room',
  'rate_limited',
  'peer_busy',
  'too_many_connections',
  'session_full',
  'session_ended',
  'server_full',
  'join_timeout',
  'internal',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const peerLeftReasonSchema = z.enum(['left', 'moved', 'timeout']);
export type PeerLeftReason = z.infer<typeof peerLeftReasonSchema>;

export const serverMessageSchema = z.discriminatedUnion('type', [
  /**
   * The answer to a valid join. `participants` are those this participant may see: everyone for
   * a mediator, the others in the same room for anyone else (nobody while waiting).
   */
  z.strictObject({
    type: z.literal('joined'),
    protocol: z.literal(PROTOCOL_VERSION),
    session: sessionIdSchema,
    you: participantViewSchema,
    participants: z.array(participantViewSchema),
    iceServers: iceServersSchema,
    /** True when this join took back a seat kept during the reconnect grace period. */
    resumed: z.boolean(),
  }),
  /** Someone became visible: entered your room, or (for a mediator) joined the session. */
  z.strictObject({ type: z.literal('peer-joined'), participant: participantViewSchema }),
  /** Someone is no longer visible: left, timed out of the grace period, or moved elsewhere. */
  z.strictObject({ type: z.literal('peer-left'), participant: participantIdSchema, reason: peerLeftReasonSchema }),
  /** Mediators only (they see every room): a participant changed rooms. */
  z.strictObject({ type: z.literal('peer-moved'), participant: participantIdSchema, room: roomIdSchema }),
  /** A visible participant's connection dropped; their seat is kept for the grace period. */
  z.strictObject({ type: z.literal('reconnecting'), participant: participantIdSchema }),
  /** …and they are back. Peer connections with them must be made anew. */
  z.strictObject({ type: z.literal('rejoined'), participant: participantIdSchema }),
  /** You were moved (or admitted); `participants` is your new view, as in `joined`. */
  z.strictObject({ type: z.literal('moved'), room: roomIdSchema, participants: z.array(participantViewSchema) }),
  z.strictObject({ type: z.literal('offer'), from: participantIdSchema, sdp: sdpSchema }),
  z.strictObject({ type: z.literal('answer'), from: participantIdSchema, sdp: sdpSchema }),
  z.strictObject({ type: z.literal('ice'), from: participantIdSchema, candidate: iceCandidateSchema }),
  /** Followed by close code 4410. */
  z.strictObject({ type: z.literal('ended'), by: participantIdSchema }),
  /**
   * A refusal, to the sender only. `refused` names the type of the refused message when it had
   * one. Whether the socket is then closed is decided by the code (docs/signaling.md).
   */
  z.strictObject({
    type: z.literal('error'),
    code: errorCodeSchema,
    message: z.string().max(500),
    refused: z.string().max(64).optional(),
  }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type ServerMessageType = ServerMessage['type'];
