// The agreement tab's controller: what it shows (read through the store), the version chosen, and
// each step — draft, save, finalise, hand signature, reopen, sign, save/print the PDF, the English
// translation — run one at a time, its refusal shown beside the control that was pressed.
import { App } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementContent, AgreementRecord } from '../../../shared/agreement/model';
import type { HandSignature } from '../../../shared/agreement/hand-signature';
import type { Case, User } from '../../../shared/domain/model';
import { canEditCase } from '../../../shared/domain/permissions';
import { useServices } from '../../app/services';
import { agreementFonts } from '../../kit/pdf-fonts';
import { useProblemText } from '../../kit/problem-text';
import { useRefusal, type RefusalItem } from '../../kit/refusal';
import { ok, StoreError, type StoreResult } from '../../kit/result';
import { translateCode, type FieldErrorLike } from '../../kit/translate';
import { useCommand } from '../../kit/useCommand';
import { renderPreview } from './AgreementPreview';
import { formPath } from './form-model';
import { printPdf } from './print';
import { problemField } from './problem-fields';
import type { SigningStep } from './signing-steps';
import { addHandSignature, createDraft, finaliseAgreement, readAgreementView, reopenAgreement, saveDraft, type AgreementView } from './store';

const ERROR_NAMESPACES = ['agreements', 'signatures', 'identity', 'evidence', 'cases'] as const;

export type FieldErrors = { name: (string | number)[]; errors: string[] }[];

/** A refusal shown at the top of the tab (not tied to a control), with its list. */
export interface TabError {
  text: string;
  list: string[];
}

export function useAgreementTab(record: Case, user: User, onCaseChanged: () => void) {
  const { t } = useTranslation(['agreements', 'domain', 'app']);
  const { data, platform } = useServices();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<AgreementView | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [step, setStep] = useState<SigningStep | null>(null);
  const [error, setError] = useState<TabError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>([]);
  const refusal = useRefusal();
  const problems = useProblemText(ERROR_NAMESPACES);
  // The editor's way to a field (scroll and focus), set while an editor is shown.
  const goToField = useRef<((name: (string | number)[]) => void) | null>(null);

  const errorText = useCallback((code: string, params?: Record<string, unknown>) => translateCode(t, code, params, ERROR_NAMESPACES), [t]);
  const translateErrors = useCallback(
    (errors: readonly FieldErrorLike[]): FieldErrors => {
      const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
      for (const fieldError of errors) {
        const name = formPath(typeof fieldError.path === 'string' ? [fieldError.path] : (fieldError.path ?? []));
        if (name.length === 0 || name[0] === 'parties') continue;
        const key = JSON.stringify(name);
        const entry = byField.get(key) ?? { name, errors: [] };
        entry.errors.push(errorText(fieldError.code, fieldError.params));
        byField.set(key, entry);
      }
      return [...byField.values()];
    },
    [errorText],
  );

  const load = useCallback(async () => setLoaded(await readAgreementView(data, { id: record.id, mediatorId: record.mediatorId }, user.id)), [data, record.id, record.mediatorId, user.id]);
  useEffect(() => {
    void load();
  }, [load]);

  const latest = loaded?.agreements.at(-1) ?? null;
  const shown = loaded?.agreements.find((a) => a.version === selected) ?? latest;
  const mediator = useMemo(() => loaded?.mediator ?? { id: '', name: '' }, [loaded?.mediator]);

  /**
   * Each problem with the field it is about, and a way there when the field is on the editor. Only
   * the editor's steps (save, finalise: `content` given) list field problems; elsewhere a field
   * problem only repeats the refusal's own title (a wrong passphrase).
   */
  const refusalItems = (failure: StoreError, content: AgreementContent | null): RefusalItem[] => [
    ...(content ? failure.fieldErrors : []).map((p) => {
      const path = typeof p.path === 'string' ? [p.path] : [...(p.path ?? [])];
      const field = content ? problemField(path, content, t) : null;
      const name = field?.name ?? null;
      return {
        text: errorText(p.code, p.params),
        ...(field ? { field: field.label } : {}),
        ...(name ? { go: () => goToField.current?.(name) } : {}),
      };
    }),
    ...problems.lines(failure.problem).items.map((text) => ({ text })),
  ];

  /** A refusal of the step at control `at`, shown beside it; without `at`, at the top of the tab. */
  const failed = (failure: StoreError, at?: string, content: AgreementContent | null = null) => {
    setFieldErrors(translateErrors(content ? failure.fieldErrors : []));
    const title = problems.lines(failure.problem).title;
    if (at) {
      setError(null);
      refusal.refuse(at, title, refusalItems(failure, content));
      return;
    }
    setError({ text: title, list: refusalItems(failure, null).map((item) => item.text) });
  };

  // One step at a time: busy while it runs; its refusal goes where the user acted.
  const command = useCommand((work: () => Promise<StoreResult<void>>) => work());
  const run = async (at: string | undefined, work: () => Promise<StoreResult<void>>, content: AgreementContent | null = null) => {
    setError(null);
    refusal.clear();
    try {
      const result = await command.run(work);
      if (result && !result.ok) failed(result.error, at, content);
    } catch (unexpected) {
      // Not a refusal the stores explain: say what happened; nothing was recorded half-way.
      setError({ text: t('tab.unexpected', { message: (unexpected as Error).message }), list: [] });
    } finally {
      setStep(null);
    }
  };
  /** A store result without its value, for `run`. */
  const done = async <T>(result: StoreResult<T>, then?: (value: T) => void | Promise<void>): Promise<StoreResult<void>> => {
    if (!result.ok) return result;
    await then?.(result.value);
    return ok(undefined);
  };

  const startDraft = (at: 'draft' | 'newVersion' = 'draft') =>
    run(at, async () =>
      done(await createDraft(data, user, record.id), async (draft) => {
        setSelected(draft.version);
        await load();
      }),
    );

  const onSave = (content: AgreementContent, then: 'save' | 'finalise') =>
    run(
      then,
      async () => {
        if (!shown) return ok(undefined);
        const saved = await saveDraft(data, user, shown.id, shown.rev, content);
        if (!saved.ok) return saved;
        setFieldErrors([]);
        if (then === 'save') {
          await load();
          void message.success(t('editor.saved'));
          return ok(undefined);
        }
        const [{ fontCoverage }, fonts] = await Promise.all([import('../../../shared/agreement/pdf/fonts'), agreementFonts()]);
        const final = await finaliseAgreement(data, user, saved.value.id, saved.value.rev, fontCoverage(fonts).any);
        await load();
        return done(final, () => void message.success(t('editor.finalised')));
      },
      content,
    );

  const onHandSignature = async (signature: HandSignature): Promise<boolean> => {
    if (!shown) return false;
    const result = await addHandSignature(data, platform, user, shown.id, shown.rev, signature);
    if (!result.ok) {
      failed(result.error, 'handSignature');
      return false;
    }
    setError(null);
    await load();
    return true;
  };

  const onReopen = () => run('reopen', async () => (shown ? done(await reopenAgreement(data, user, shown.id, shown.rev), load) : ok(undefined)));

  const onSign = (passphrases: { mediatorPassphrase?: string; institutionPassphrase?: string }) =>
    run('sign', async () => {
      if (!shown) return ok(undefined);
      const { signAgreement } = await import('./signing');
      const result = await signAgreement(data, platform, user, shown.id, shown.rev, { ...passphrases, onStep: setStep });
      await load();
      // A checkpoint that failed after the agreement was recorded still moved the case.
      if (result.ok || result.error.code === 'agreement.checkpoint_failed') onCaseChanged();
      return done(result, () => void message.success(t('signed.done')));
    });

  const pdfOf = async (agreement: AgreementRecord): Promise<Uint8Array | null> => (agreement.signed ? platform.blobs.get(agreement.signed.pdfSha256) : null);
  const fileName = (agreement: AgreementRecord, suffix = '') => `人民调解协议书-${record.number}-第${agreement.version}版${suffix}.pdf`.replace(/[\\/:*?"<>|]/g, '_');
  const pdfMissing = (): StoreResult<void> => ({ ok: false, error: new StoreError('agreement.pdf_missing', 'The signed PDF is not on this workstation.') });

  const savePdf = (agreement: AgreementRecord) =>
    run(undefined, async () => {
      const bytes = await pdfOf(agreement);
      if (!bytes) return pdfMissing();
      const savedFile = await platform.files.saveFile(fileName(agreement), bytes, 'application/pdf');
      if (savedFile) void message.success(t('signed.savedAs', { name: savedFile.name }));
      return ok(undefined);
    });

  const printAgreement = (agreement: AgreementRecord) =>
    run(undefined, async () => {
      const bytes = await pdfOf(agreement);
      if (!bytes) return pdfMissing();
      await printPdf(bytes);
      return ok(undefined);
    });

  const translation = (agreement: AgreementRecord) =>
    run(undefined, async () => {
      const bytes = await renderPreview({
        caseNumber: record.number,
        parties: agreement.parties ?? loaded?.parties ?? [],
        content: agreement.content,
        institutionName: loaded?.institutionName ?? '',
        mediator,
        signatures: agreement.handSignatures.map((h) => h.signature),
        version: agreement.version,
        draft: agreement.status !== 'signed' && agreement.status !== 'superseded',
        language: 'en-US',
      });
      await platform.files.saveFile(fileName(agreement, '-English'), bytes, 'application/pdf');
      return ok(undefined);
    });

  /** The editor's own check refused the form: each field's problem, with the way to it. */
  const onInvalid = (errors: FieldErrors, then: 'save' | 'finalise') => {
    setFieldErrors(errors);
    setError(null);
    refusal.refuse(
      then,
      t('editor.fixFields'),
      errors.flatMap((e) => {
        const field = shown ? problemField(e.name, shown.content, t) : null;
        return e.errors.map((text) => ({ text, ...(field ? { field: field.label } : {}), go: () => goToField.current?.(e.name) }));
      }),
    );
  };

  const canEdit = canEditCase(user, record);
  return {
    loaded,
    latest,
    shown,
    mediator,
    setSelected,
    busy: command.busy,
    step,
    error,
    clearError: () => setError(null),
    fieldErrors,
    translateErrors,
    refusal,
    goToField,
    canEdit,
    isCaseMediator: user.role === 'mediator' && record.mediatorId === user.id,
    editing: shown !== null && shown.status === 'draft' && shown === latest && canEdit,
    signing: shown !== null && shown.status === 'final' && canEdit,
    startDraft,
    onSave,
    onInvalid,
    onHandSignature,
    onReopen,
    onSign,
    savePdf,
    printAgreement,
    translation,
  };
}

export type AgreementTabController = ReturnType<typeof useAgreementTab>;
