// The parties of a case with each natural person's full ID number, for a legal document that
// prints it (docs/identity-numbers.md: the signed agreement, the application). The case keeps the
// numbers masked for everyone else; each one taken out here is audited by revealIdNumber
// (party.reveal_id: who, when, whose number).
import type { Party, User } from '../../../shared/domain/model';
import type { DataStore } from '../../data';
import { revealIdNumber } from './commands';

export async function withFullIdNumbers(data: DataStore, actor: User, caseId: string, parties: readonly Party[]): Promise<Party[]> {
  const out: Party[] = [];
  for (const party of parties) {
    if (party.kind !== 'natural') {
      out.push(party);
      continue;
    }
    const revealed = await revealIdNumber(data, actor, caseId, party.id);
    out.push(revealed.ok ? { ...party, idNumber: revealed.value } : party);
  }
  return out;
}
