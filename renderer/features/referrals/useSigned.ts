// One way for the referral screens to run a command that signs: what can be refused without the
// key checked first (no passphrase asked for a form that will be refused), then the institution
// key's passphrase asked when needed, the command run, a refusal turned into its words (with the problems it
// lists) beside the control, and a signed file handed to the platform to save.
import { useCallback } from 'react';
import { useServices } from '../../app/services';
import type { StoreError, StoreResult } from '../../kit/result';
import { useProblemText } from '../../kit/problem-text';
import type { RefusalHandle } from '../../kit/refusal';
import { useErrorText } from '../../kit/useErrorText';
import { usePassphrasePrompt } from '../identity';

export const REFERRAL_NAMESPACES = ['referrals', 'identity', 'cases', 'center'] as const;

/** A refusal's words: its own sentence, and each problem it lists as a line. */
export function useRefusalText(): (error: StoreError) => { title: string; items: { text: string }[] } {
  const errorText = useErrorText(REFERRAL_NAMESPACES);
  const problems = useProblemText([...REFERRAL_NAMESPACES]);
  return useCallback((error: StoreError) => ({ title: errorText(error.code, error.params), items: error.items.map((p) => ({ text: problems.text(p) })) }), [errorText, problems]);
}

export function useSignedCommand(refusal: RefusalHandle) {
  const { platform } = useServices();
  const { ask, prompt } = usePassphrasePrompt();
  const refusalText = useRefusalText();

  /** Runs `command` at control `at`; the value on success, null when refused or cancelled. */
  const run = useCallback(
    async <T,>(
      at: string,
      command: (passphrase: string | undefined) => Promise<StoreResult<T>>,
      options: { signs?: boolean; onRefused?: (error: StoreError) => void; check?: () => StoreError | null; background?: boolean } = {},
    ): Promise<T | null> => {
      // A step the screen takes by itself (a periodic pull) leaves a refusal the person is reading
      // at another control where it is; it clears only its own.
      if (!options.background || refusal.isAt(at)) refusal.clear();
      const refuse = (error: StoreError) => {
        const { title, items } = refusalText(error);
        refusal.refuse(at, title, items);
        options.onRefused?.(error);
        return null;
      };
      const early = options.check?.() ?? null;
      if (early) return refuse(early);
      let passphrase: string | undefined;
      if (options.signs !== false) {
        const answer = await ask();
        if (answer === null) return null;
        passphrase = answer.passphrase;
      }
      const result = await command(passphrase);
      return result.ok ? result.value : refuse(result.error);
    },
    [ask, refusal, refusalText],
  );

  const save = useCallback(async (file: { name: string; bytes: Uint8Array }) => {
    await platform.files.saveFile(file.name, file.bytes, 'application/zip');
  }, [platform]);

  return { run, save, prompt };
}
