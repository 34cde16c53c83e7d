// Between the intake form's party list (agents point at their principal by index) and stored
// party rows (agents point at their principal by id).
import type { NormalizedParty, PartyInput } from '../../../shared/domain/intake';
import type { Party } from '../../../shared/domain/model';
import { caseDerivedFields } from '../../../shared/backup/rows';

export function partiesFromIntake(caseId: string, parties: readonly NormalizedParty[], newId: () => string): Party[] {
  const ids = parties.map(() => newId());
  return parties.map((p, i): Party => {
    const common = { id: ids[i] as string, caseId, side: p.side, phone: p.phone, address: p.address };
    switch (p.kind) {
      case 'natural':
        return { ...common, kind: 'natural', name: p.name, idType: p.idType, idNumber: p.idNumber };
      case 'legal':
        return { ...common, kind: 'legal', name: p.name, creditCode: p.creditCode, legalRepresentative: p.legalRepresentative };
      case 'agent': {
        const principalId = ids[p.principalIndex];
        if (principalId === undefined) throw new RangeError(`Agent ${p.name} names no party as principal.`);
        return { ...common, kind: 'agent', name: p.name, principalId, licenseNo: p.licenseNo, firm: p.firm };
      }
    }
  });
}

/** Stored parties as the intake form would submit them (to re-validate a case being edited). */
export function intakePartiesOf(parties: readonly Party[]): PartyInput[] {
  const index = new Map(parties.map((p, i) => [p.id, i]));
  return parties.map((p): PartyInput => {
    switch (p.kind) {
      case 'natural':
        return { kind: 'natural', name: p.name, idType: p.idType, idNumber: p.idNumber, phone: p.phone, address: p.address, side: p.side };
      case 'legal':
        return { kind: 'legal', name: p.name, creditCode: p.creditCode, legalRepresentative: p.legalRepresentative, phone: p.phone, address: p.address, side: p.side };
      case 'agent':
        return { kind: 'agent', name: p.name, licenseNo: p.licenseNo, firm: p.firm, phone: p.phone, address: p.address, principalIndex: index.get(p.principalId) ?? -1 };
    }
  });
}

export function partySummary(parties: readonly Party[]): string {
  return caseDerivedFields('', parties).partySummary;
}
