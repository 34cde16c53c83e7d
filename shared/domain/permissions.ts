// Who may see and change what (issue 2 §5). Kept as plain predicates over the few fields they need,
// so the list, the case page and the storage layer all ask the same question the same way.
import type { Case, User } from './model';

type Actor = Pick<User, 'id' | 'role'>;
type CaseOwner = Pick<Case, 'mediatorId'>;

/** Mediators and lawyers work on their own cases and may pick up cases nobody has taken yet. */
function ownsOrUnassigned(user: Actor, c: CaseOwner): boolean {
  return c.mediatorId === null || c.mediatorId === user.id;
}

export function canViewCase(user: Actor, c: CaseOwner): boolean {
  switch (user.role) {
    case 'admin':
    case 'clerk':
    case 'director':
      return true;
    case 'mediator':
    case 'lawyer':
      return ownsOrUnassigned(user, c);
  }
}

/** Clerks receive cases for confirmation and a director oversees them: neither changes a mediator's case. */
export function canEditCase(user: Actor, c: CaseOwner): boolean {
  switch (user.role) {
    case 'admin':
      return true;
    case 'mediator':
    case 'lawyer':
      return ownsOrUnassigned(user, c);
    case 'clerk':
    case 'director':
      return false;
  }
}

export function canManageUsers(user: Pick<User, 'role'>): boolean {
  return user.role === 'admin';
}

export function canRegisterCase(user: Pick<User, 'role'>): boolean {
  return user.role === 'admin' || user.role === 'mediator' || user.role === 'lawyer';
}

/** The institution's figures (counts by status, category and mediator): its administrator and its director. */
export function canSeeInstitutionFigures(user: Pick<User, 'role'>): boolean {
  return user.role === 'admin' || user.role === 'director';
}
