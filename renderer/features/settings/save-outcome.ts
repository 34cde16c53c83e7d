// What every settings card does with the answer of a save: reload and confirm, or — when someone
// else saved first — reload and say so, or put the field errors beside their fields.
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { formFieldErrors, translateCode } from '../../kit/translate';
import type { StoreResult } from '../../kit/result';

export interface SaveOutcomeOptions {
  readonly t: TFunction;
  readonly form: FormInstance;
  /** The store's error code for "changed elsewhere" (`settings.changed`, `institution.changed`). */
  readonly conflictCode: string;
  readonly reload: () => Promise<void>;
  readonly onSaved: () => void | Promise<void>;
  readonly setError: (message: string | null) => void;
}

export async function settleSave<T>(result: StoreResult<T>, options: SaveOutcomeOptions): Promise<void> {
  const { t, form, reload, setError } = options;
  if (result.ok) {
    await reload();
    await options.onSaved();
    return;
  }
  if (result.error.code === options.conflictCode) {
    await reload(); // the form remounts with the latest values (its key is the version)
    setError(t('settings:conflict'));
    return;
  }
  const fields = formFieldErrors(t, result.error.fieldErrors, [], ['settings']);
  if (fields.length) form.setFields(fields);
  setError(t('settings:failed', { reason: translateCode(t, result.error.code, result.error.params) }));
}
