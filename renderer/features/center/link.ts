// The workstation's membership of a center server (issue 17 items 2 and 9), kept in the data
// layer's `meta`: the server's address and the certificate fingerprint the administrator compared
// and pinned, the institution the server confirmed is this workstation's own, this workstation's
// id there, and the institution's offline grace period. Written in one transaction with a
// `settings.update` audit event; absent: local-only use, exactly as before.
import { z } from 'zod';
import type { AuditField } from '../../../shared/audit/actions';
import type { User } from '../../../shared/domain/model';
import { centerAddressSchema, fingerprintSchema, type CenterPin } from '../../../shared/protocol/center-link';
import type { DataStore } from '../../data';
import { actorOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';

export const CENTER_LINK_KEY = 'center.link';
/** Days a joined workstation may sign in offline when the server does not say (issue 17 item 2). */
export const DEFAULT_OFFLINE_GRACE_DAYS = 7;

export const centerLinkSchema = z.strictObject({
  address: centerAddressSchema,
  fingerprint: fingerprintSchema,
  institutionId: z.uuid(),
  institutionName: z.string(),
  creditCode: z.string().length(18),
  offlineGraceDays: z.number().int().nonnegative(),
  /** This workstation's id on the server (shared/server/sync.ts workstationIdSchema). */
  workstationId: z.uuid(),
  joinedAt: z.iso.datetime({ offset: true }),
  /** Who joined (the local administrator's account id). */
  joinedBy: z.string(),
});
export type CenterLink = z.infer<typeof centerLinkSchema>;

export function pinOf(link: CenterLink): CenterPin {
  return { address: link.address, fingerprint: link.fingerprint };
}

/** The membership in force; a value that no longer parses counts as none (the card offers to join again). */
export async function readCenterLink(data: DataStore): Promise<CenterLink | null> {
  try {
    return (await data.meta.get(CENTER_LINK_KEY, centerLinkSchema)) ?? null;
  } catch {
    return null;
  }
}

function requireAdmin(actor: User, what: string): void {
  if (actor.role !== 'admin') throw new StoreError('auth.forbidden', `Only an administrator ${what}.`);
}

/** The audit event of joining or leaving: a settings change of the key `center.link`. */
function membershipEvent(actor: ReturnType<typeof actorOf>, at: Date, before: Partial<Record<AuditField, unknown>>, after: Partial<Record<AuditField, unknown>>) {
  return { actor, at, entity: 'settings', entityId: CENTER_LINK_KEY, action: 'settings.update', before, after } as const;
}

/** Records the membership with its audit event; refused when one is there already (leave first). */
export function saveCenterLink(data: DataStore, actor: User, link: CenterLink, now = new Date()): Promise<StoreResult<CenterLink>> {
  return asResult(async () => {
    requireAdmin(actor, 'joins a center server');
    const value = centerLinkSchema.parse(link);
    const by = actorOf(actor);
    return data.transact(by, async () => {
      const current = await data.meta.get(CENTER_LINK_KEY, z.unknown());
      // A record that no longer reads (damaged, or of an older form) is no membership: joining replaces it.
      if (current !== undefined && centerLinkSchema.safeParse(current).success) throw new StoreError('center.already_joined', 'This workstation has joined a center server already; leave it first.');
      await data.meta.put(CENTER_LINK_KEY, value);
      await data.events.record(membershipEvent(by, now, { centerServer: null }, { centerServer: value.address, fingerprint256: value.fingerprint, name: value.institutionName }));
      return value;
    });
  });
}

/** Ends the membership (the local data stays); with its audit event. */
export function leaveCenter(data: DataStore, actor: User, now = new Date()): Promise<StoreResult<null>> {
  return asResult(async () => {
    requireAdmin(actor, 'leaves a center server');
    const by = actorOf(actor);
    return data.transact(by, async () => {
      const stored = await data.meta.get(CENTER_LINK_KEY, z.unknown());
      if (stored === undefined) return null;
      const current = centerLinkSchema.safeParse(stored);
      await data.meta.delete(CENTER_LINK_KEY);
      await data.events.record(membershipEvent(by, now, current.success ? { centerServer: current.data.address, fingerprint256: current.data.fingerprint } : { centerServer: null }, { centerServer: null }));
      return null;
    });
  });
}
