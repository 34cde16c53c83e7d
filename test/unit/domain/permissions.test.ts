import { describe, expect, it } from 'vitest';
import { canEditCase, canManageUsers, canRegisterCase, canSeeInstitutionFigures, canViewCase } from '../../../shared/domain/permissions';
import type { Role } from '../../../shared/domain/model';

const user = (role: Role) => ({ id: 'u1', role });
const own = { mediatorId: 'u1' };
const others = { mediatorId: 'u2' };
const unassigned = { mediatorId: null };

describe('permissions', () => {
  it('lets admins and clerks see everything, mediators and lawyers their own and unassigned cases', () => {
    for (const role of ['admin', 'clerk'] as const) {
      expect([own, others, unassigned].map((c) => canViewCase(user(role), c))).toEqual([true, true, true]);
    }
    for (const role of ['mediator', 'lawyer'] as const) {
      expect([own, others, unassigned].map((c) => canViewCase(user(role), c))).toEqual([true, false, true]);
    }
  });

  it('never lets a clerk change a case', () => {
    expect([own, others, unassigned].map((c) => canEditCase(user('clerk'), c))).toEqual([false, false, false]);
    expect([own, others, unassigned].map((c) => canEditCase(user('admin'), c))).toEqual([true, true, true]);
    expect([own, others, unassigned].map((c) => canEditCase(user('mediator'), c))).toEqual([true, false, true]);
    expect([own, others, unassigned].map((c) => canEditCase(user('lawyer'), c))).toEqual([true, false, true]);
  });

  it('limits user management and registration', () => {
    const roles: Role[] = ['admin', 'mediator', 'lawyer', 'clerk'];
    expect(roles.map((r) => canManageUsers(user(r)))).toEqual([true, false, false, false]);
    expect(roles.map((r) => canRegisterCase(user(r)))).toEqual([true, true, true, false]);
  });

  it('lets a director see every case and the figures, and change or administer nothing', () => {
    expect([own, others, unassigned].map((c) => canViewCase(user('director'), c))).toEqual([true, true, true]);
    expect([own, others, unassigned].map((c) => canEditCase(user('director'), c))).toEqual([false, false, false]);
    expect(canManageUsers(user('director'))).toBe(false);
    expect(canRegisterCase(user('director'))).toBe(false);
    const roles: Role[] = ['admin', 'director', 'mediator', 'lawyer', 'clerk'];
    expect(roles.map((r) => canSeeInstitutionFigures(user(r)))).toEqual([true, true, false, false, false]);
  });
});
