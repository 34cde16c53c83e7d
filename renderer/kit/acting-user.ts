// The account that acts, as every command needs it: re-read from storage on each write, so an
// account deactivated a moment ago cannot go on changing records from a screen already open, and
// turned into the actor the audit log and the change records name, or the person a record names.
import type { User } from '../../shared/domain/model';
import type { Actor, DataStore } from '../data';
import { StoreError } from './result';

export function actorOf(user: Pick<User, 'id' | 'displayName'>): Actor {
  return { id: user.id, displayName: user.displayName };
}

/** A person as records name them: an agreement's or a session's author, a filing's clerk, a package's maker. */
export function personOf(user: Pick<User, 'id' | 'displayName'>): { id: string; name: string } {
  return { id: user.id, name: user.displayName };
}

export async function activeActor(data: DataStore, actor: Pick<User, 'id'>): Promise<User> {
  const current = await data.accounts.get(actor.id);
  if (!current || !current.active) throw new StoreError('auth.inactive', 'This account has been deactivated; ask an administrator.');
  return current;
}
