// Who works the desk: lawyers record consultations; the director reads the register; the
// administrator reads it and sets how long it is kept. The register is the institution's: every
// one of them sees all of its consultations, never another institution's.
import type { User } from '../../../shared/domain/model';
import { kindProfileOf } from '../../../shared/domain/institution-kinds';
import type { Institution } from '../../../shared/domain/model';

type Role = Pick<User, 'role'>;

export function mayUseDesk(user: Role, institution?: Pick<Institution, 'kind'> | null): boolean {
  if (institution !== undefined && !kindProfileOf(institution).mediatesCases) return false;
  return user.role === 'lawyer' || user.role === 'admin' || user.role === 'director';
}

export function mayRecordConsultation(user: Role): boolean {
  return user.role === 'lawyer';
}

export function maySetRetention(user: Role): boolean {
  return user.role === 'admin';
}
