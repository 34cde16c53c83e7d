// Who works referrals: everyone who works cases, and the court's clerk who entrusts disputes; a
// director reads the figures, not the files.
import type { User } from '../../../shared/domain/model';

export function mayWorkReferrals(user: Pick<User, 'role'>): boolean {
  return user.role !== 'director';
}
