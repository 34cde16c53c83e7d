// Who may do what at the hall: the people of a legal-service institution who work its counter and
// desks take numbers, call them and book appointments; its administrator keeps the duty rota. A
// director reads and changes nothing, as everywhere.
import type { InstitutionKind } from '../domain/institution-kinds';
import type { Role } from '../domain/roles';

/** Institutions with a hall of walk-ins: the public legal-service centres. */
export function hasHall(kind: InstitutionKind): boolean {
  return kind === 'legal_service';
}

const HALL_WORKERS: readonly Role[] = ['admin', 'lawyer', 'mediator'];

/** Takes numbers, calls them, books appointments. */
export function mayWorkHall(role: Role): boolean {
  return HALL_WORKERS.includes(role);
}

/** Sets who is on duty when. */
export function maySetRota(role: Role): boolean {
  return role === 'admin';
}
