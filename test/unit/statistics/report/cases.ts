// Generated cases for the report tests: the seed's realistic rows, with the report's own fields
// (agreement form, escalations prevented) filled on some, by a fixed pseudo-random choice.
import { ESCALATION_KINDS, type Case } from '../../../../shared/domain/model';
import { fromCaseRow } from '../../../../shared/backup/rows';
import { mulberry32 } from '../../../../shared/seed/prng';
import { seededData } from '../../db/seeded';

export function reportCases(count: number, seed = 19): Case[] {
  const rng = mulberry32(seed);
  return seededData(count, seed).cases.map((row) => {
    const c = fromCaseRow(row);
    if (c.agreementEffectiveOn && rng.next() < 0.3) c.agreementForm = 'oral';
    if (rng.next() < 0.08) {
      const kind = ESCALATION_KINDS[Math.floor(rng.next() * ESCALATION_KINDS.length)] ?? 'criminal';
      c.escalationPrevented = { [kind]: 1 + Math.floor(rng.next() * 30) };
    }
    return c;
  });
}
