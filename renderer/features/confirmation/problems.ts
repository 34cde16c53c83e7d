// What the center's confirmation steps refuse with, as Problems (shared/problem.ts) the screen
// renders in the user's language: each gap of the application by its code and the party it
// concerns, each finding about a court's signed document by its code and the names involved. The
// English messages of shared/ stay in the log; nothing English travels in a value.
import type { ApplicationProblem } from '../../../shared/confirmation/application/model';
import type { DocumentProblem } from '../../../shared/confirmation/court/signed-json';
import type { Party } from '../../../shared/domain/model';
import { problem, type Problem } from '../../../shared/problem';

/**
 * The application's gaps, and each party yet to sign by hand. An undertaking not confirmed names
 * it (`undertaking`, for the way to its checkbox) and lists its words as its one item.
 */
export function gapProblems(problems: readonly ApplicationProblem[], parties: readonly Party[], unsigned: readonly Party[]): Problem[] {
  return [
    ...problems.map((p) => {
      const code = p.code.replace(/^application\./, '');
      if (p.path[0] === 'undertakings') return problem('confirmation.gap.undertaking', { undertaking: String(p.path[1]) }, [problem(`confirmation.undertaking.${String(p.path[1])}`)]);
      const name = typeof p.path[1] === 'number' ? (parties[p.path[1]]?.name ?? '') : typeof p.path[1] === 'string' ? (parties.find((party) => party.id === p.path[1])?.name ?? '') : '';
      return problem(`confirmation.gap.${code}`, { name });
    }),
    ...unsigned.map((p) => problem('confirmation.gap.hand_signature', { name: p.name })),
  ];
}

/** The undertaking a gap is about, when it is one. */
export function undertakingOf(gap: Problem): string | null {
  return gap.key === 'confirmation.gap.undertaking' && typeof gap.params.undertaking === 'string' ? gap.params.undertaking : null;
}

/**
 * The findings about a court's signed receipt or 补正 request (codes `receipt.…`, `supplement.…`):
 * `file` names the document, `signer` who signed it, `court` the court it names.
 */
export function documentProblems(problems: readonly DocumentProblem[], names: { file: string; signer: string; court: string }): Problem[] {
  return problems.map((p) => problem(`confirmation.document.${p.code.replace(/^(receipt|supplement)\./, '')}`, names));
}
