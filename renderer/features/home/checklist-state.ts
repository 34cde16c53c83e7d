// Reads what the setup checklist (./checklist.ts) is ticked from: accounts, the institution's
// identity, its mediators' certificates, and where it sends its packages.
import { institutionKindOf, INSTITUTION_KIND_PROFILES } from '../../../shared/domain/institution-kinds';
import type { DataStore } from '../../data';
import { currentCertificate, listMediatorIdentities, readIdentity } from '../identity';
import type { ChecklistState } from './checklist';

export async function readChecklistState(data: DataStore): Promise<ChecklistState> {
  const [institution, users, identity, mediatorIdentities] = await Promise.all([
    data.institution.get(),
    data.accounts.all(),
    readIdentity(data),
    listMediatorIdentities(data),
  ]);
  const court = INSTITUTION_KIND_PROFILES[institutionKindOf(institution)].receivesPackages;
  const active = users.filter((u) => u.active);
  const mediators = active.filter((u) => u.role === 'mediator');
  const signing = new Set(mediatorIdentities.filter((m) => currentCertificate(m)?.revoked === null).map((m) => m.userId));
  return {
    workers: active.filter((u) => (court ? u.role === 'clerk' : u.role === 'mediator' || u.role === 'lawyer')).length,
    mediators: mediators.length,
    certifiedMediators: mediators.filter((u) => signing.has(u.id)).length,
    hasIdentity: identity !== null,
    courtIntakeSet: (institution?.court.intakeUrl ?? '') !== '',
  };
}
