// Who works the court's intake: the clerk (法院书记员), and an administrator setting it up.
import type { User } from '../../../shared/domain/model';

export function mayUseCourtIntake(user: Pick<User, 'role'>): boolean {
  return user.role === 'clerk' || user.role === 'admin';
}
