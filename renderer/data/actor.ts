// Who makes a write: an account, or the system itself (first run, restore). The audit log and the
// change records name it.
export interface Actor {
  readonly id: string;
  readonly displayName: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', displayName: 'system' };
