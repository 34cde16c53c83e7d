// Saving a change to a case from a dialog or a control (through kit/useCommand: busy while the
// command runs, a second click meanwhile does nothing), then the saved case, or the case as
// someone else just saved it (their change wins, the user redoes theirs on top), or the refusal
// in the user's language.
import type { Case } from '../../../../shared/domain/model';
import { useErrorText } from '../../../kit/useErrorText';
import { useCommand } from '../../../kit/useCommand';
import { CaseChangedError, type StoreResult } from '../../../kit/result';
import { CASES_NAMESPACES } from '../i18n';

export interface CaseSaveHandlers {
  onSaved(saved: Case): void;
  onChanged(current: Case): void;
  onRefused(text: string): void;
}

export function useCaseSave({ onSaved, onChanged, onRefused }: CaseSaveHandlers) {
  const errorText = useErrorText(CASES_NAMESPACES);
  const command = useCommand(async (run: () => Promise<StoreResult<Case>>, announce: (saved: Case) => void) => {
    const result = await run();
    if (result.ok) {
      announce(result.value);
      onSaved(result.value);
    } else if (result.error instanceof CaseChangedError) {
      onChanged(result.error.current);
    } else {
      onRefused(errorText(result.error.code, result.error.params));
    }
    return result;
  });
  /** Runs the command; `announce` tells the user it worked, before onSaved closes the dialog. */
  const save = async (run: () => Promise<StoreResult<Case>>, announce: (saved: Case) => void): Promise<void> => {
    await command.run(run, announce);
  };
  return { busy: command.busy, save };
}
