// Who sees which figures (issue 19): an institution's administrator and director see all of its
// cases; a mediator or lawyer sees the figures of the cases assigned to them; a clerk none.
import type { User } from '../../domain/model';

export type DashboardScope = { kind: 'institution' } | { kind: 'own'; mediatorId: string };

export function dashboardScope(user: Pick<User, 'id' | 'role'>): DashboardScope | null {
  switch (user.role) {
    case 'admin':
    case 'director':
      return { kind: 'institution' };
    case 'mediator':
    case 'lawyer':
      return { kind: 'own', mediatorId: user.id };
    default:
      return null;
  }
}
