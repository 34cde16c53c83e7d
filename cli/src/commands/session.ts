// `mw session tokens --secret-file F --session S --roles R1,R2,… [--names N1,N2,…] [--ttl SECONDS]
// [--json]`: participant tokens for a video session, signed with the signaling server's secret,
// for scripts, tests and a standalone server's operator (docs/signaling.md).
import { MAX_PARTICIPANTS_PER_SESSION, MAX_TOKEN_TTL_SECONDS, ROLE_LABELS, ROLES, displayNameSchema, roleSchema, sessionIdSchema, type Role } from '../../../shared/protocol/signaling';
import { mintSessionToken, type MintedToken } from '../../../shared/protocol/session-token';
import { json, parse, UsageError, type Io } from '../io';
import { nodeHmacSha256, nodeRandomBytes } from '../../../node/crypto';
import { readSecretFile } from '../signal/secret-file';

const DEFAULT_TTL_SECONDS = 3600;

function parseSession(text: string | undefined): string {
  if (text === undefined) throw new UsageError('name the session: --session S (for example --session 2026-TRF-0042).');
  if (!sessionIdSchema.safeParse(text).success) throw new UsageError(`--session must be 1–128 letters, digits and . _ : - (starting with a letter or digit), not "${text}".`);
  return text;
}

function parseRoles(text: string | undefined): Role[] {
  if (text === undefined) throw new UsageError(`list the roles: --roles mediator,applicant,respondent (any of ${ROLES.join(', ')}).`);
  const roles = text.split(',').map((r) => r.trim());
  for (const role of roles) {
    if (!roleSchema.safeParse(role).success) throw new UsageError(`"${role}" is not a role; the roles are ${ROLES.join(', ')}.`);
  }
  if (roles.length > MAX_PARTICIPANTS_PER_SESSION) throw new UsageError(`a session holds at most ${MAX_PARTICIPANTS_PER_SESSION} participants; --roles names ${roles.length}.`);
  return roles as Role[];
}

function parseNames(text: string | undefined, roles: readonly Role[]): string[] {
  if (text === undefined) {
    // 代理人, 代理人 2, …: names that tell two agents apart on the mediator's screen.
    const seen = new Map<Role, number>();
    return roles.map((role) => {
      const n = (seen.get(role) ?? 0) + 1;
      seen.set(role, n);
      return n === 1 ? ROLE_LABELS[role] : `${ROLE_LABELS[role]} ${n}`;
    });
  }
  const names = text.split(',').map((n) => n.trim());
  if (names.length !== roles.length) throw new UsageError(`--names lists ${names.length} names for ${roles.length} roles; give one name per role, in the same order.`);
  for (const name of names) {
    const parsed = displayNameSchema.safeParse(name);
    if (!parsed.success) throw new UsageError(`the name "${name}" cannot be used: ${parsed.error.issues[0]?.message ?? 'invalid'} (1–64 characters).`);
  }
  return names;
}

function parseTtl(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TTL_SECONDS;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_TOKEN_TTL_SECONDS) {
    throw new UsageError(`--ttl must be a whole number of seconds from 1 to ${MAX_TOKEN_TTL_SECONDS} (7 days), not "${text}".`);
  }
  return Number(text);
}

async function runTokens(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    'secret-file': { type: 'string' },
    session: { type: 'string' },
    roles: { type: 'string' },
    names: { type: 'string' },
    ttl: { type: 'string' },
    json: { type: 'boolean' },
  });
  const session = parseSession(values.session);
  const roles = parseRoles(values.roles);
  const names = parseNames(values.names, roles);
  const ttlSeconds = parseTtl(values.ttl);
  const { secret, warning } = readSecretFile(values['secret-file']);
  if (warning) io.err(warning);

  const now = Date.now();
  const minted: MintedToken[] = roles.map((role, i) =>
    mintSessionToken(secret, { session, role, name: names[i] as string, ttlSeconds, now }, { hmac: nodeHmacSha256, random: nodeRandomBytes }),
  );
  const expiresAt = new Date(now + ttlSeconds * 1000).toISOString();
  const tokens = minted.map(({ token, payload }) => ({ role: payload.role, name: payload.name, id: payload.id, token, expiresAt: new Date(payload.exp).toISOString() }));
  if (values.json) {
    io.out(json({ session, expiresAt, tokens }));
    return 0;
  }
  const width = Math.max(...tokens.map((t) => t.role.length));
  io.out(`Session ${session}: ${tokens.length} tokens, valid until ${expiresAt}. Give each participant only their own.\n`);
  for (const t of tokens) io.out(`${t.role.padEnd(width)}  ${t.name}\n  ${t.token}\n`);
  return 0;
}

export async function runSession(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'tokens') return runTokens(rest, io);
  throw new UsageError(`unknown session command "${sub ?? ''}"; try: mw session tokens --secret-file F --session S --roles mediator,applicant,respondent [--json]`);
}
