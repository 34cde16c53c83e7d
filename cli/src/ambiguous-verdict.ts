// What `mw` prints when a reader refuses its input as ambiguous (shared/integrity/ambiguity.ts)
// before the verifier could write a report — a ledger export's JSON with a key twice, a zip with two
// names for one file: NOT VALID with the ambiguity, exit 1 (a failed verification, not unusable
// input), and with --json the same detail the reports carry.
import { englishText } from '../../shared/confirmation/check-detail';
import type { AmbiguousError } from '../../shared/integrity/ambiguity';
import { json, type Io } from './io';

export function ambiguousVerdict(command: string, args: readonly string[], error: AmbiguousError, io: Io): number {
  const message = `The input is ${englishText(error.detail)}.`;
  if (args.includes('--json')) io.out(json({ ok: false, problems: [{ code: 'ambiguous', message, detail: error.detail }] }));
  else io.err(`mw ${command}: NOT VALID — ${message}\n`);
  return 1;
}
