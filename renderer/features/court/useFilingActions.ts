// The controller of a filing's actions: which step's dialog is open, the steps run as commands
// (kit/useCommand: busy while running, the refusal kept for the dialog, a filing changed elsewhere
// reloaded), the steps that sign asking for the court key's passphrase first, and the signed files
// (ruling, receipt, 补正 request) viewed or saved.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { courtClock, courtToday } from '../../../shared/confirmation/court/court-clock';
import { SUPPLEMENT_ITEM_OF_CHECK, type CourtFiling, type SupplementRecord } from '../../../shared/confirmation/court/filing';
import { useServices } from '../../app/services';
import { fail, ok, StoreError, type StoreResult } from '../../kit/result';
import { useCommand } from '../../kit/useCommand';
import { useSession } from '../auth';
import { usePassphrasePrompt } from '../identity';
import { acceptFiling, extendFiling, proposeDocketNumber, refuseFiling } from './actions';
import type { RuleValues } from './ActionDialogs';
import { exportReceipt, previewRuling, requestSupplement, ruleOnFiling, rulingPdf, supplementFiles, type SignedFiles } from './documents';
import { readCourtSettings } from './settings-store';
import { safeName, useCourtErrorText, zipOf } from './ui';

export type DialogName = 'accept' | 'refuse' | 'supplement' | 'extend' | 'rule';

type Files = SignedFiles['files'];

/** What a step that succeeded leaves: the filing as it is now, what to say, and files to save. */
interface StepDone {
  filing: CourtFiling;
  said: string | null;
  save?: { name: string; files: Files };
}

/** A step's outcome; null when the clerk cancelled the passphrase prompt (nothing was done). */
type StepRun = () => Promise<StoreResult<StepDone | null>>;

/** An unexpected failure said as one (its English kept for the log). */
function unexpected(error: unknown): StoreResult<never> {
  if (error instanceof StoreError) return fail(error);
  return fail(new StoreError('court.unexpected', error instanceof Error ? error.message : String(error), { name: error instanceof Error ? error.name : 'Error' }));
}

function fileBase(filing: CourtFiling): string {
  return safeName(filing.docketNumber ?? filing.package?.packageId ?? filing.packageSha256.slice(0, 12));
}

export interface FilingActionsController {
  today: string;
  clock: ReturnType<typeof courtClock>;
  suggested: { item: NonNullable<(typeof SUPPLEMENT_ITEM_OF_CHECK)[string]>; detail: string }[];
  proposed: string | null;
  judge: string;
  busy: boolean;
  /** Why the page-level action (a download, the receipt) failed. */
  pageError: string | null;
  viewing: Uint8Array | null;
  closeViewer: () => void;
  show: (name: DialogName) => Promise<void>;
  /** What every step dialog shares: whether it is open, the step running, its refusal, closing. */
  dialog: (name: DialogName) => { open: boolean; busy: boolean; error: string | null; onCancel: () => void };
  accept: (docketText: string) => void;
  refuse: (reason: string) => void;
  supplement: (values: { missing: { item: SupplementRecord['missing'][number]['item']; detail: string }[]; dueOn: string }) => void;
  extend: () => void;
  preview: (values: RuleValues) => Promise<string | null>;
  rule: (values: RuleValues & { shownText: string }) => void;
  viewRuling: () => Promise<void>;
  downloadRuling: () => Promise<void>;
  receipt: () => void;
  downloadSupplement: (record: SupplementRecord) => void;
  /** The passphrase dialog, to be rendered by the screen. */
  prompt: ReactNode;
}

export function useFilingActions(filing: CourtFiling, onChanged: (filing: CourtFiling) => void, onReload: () => Promise<void>): FilingActionsController {
  const { t } = useTranslation('court');
  const { data, platform } = useServices();
  const { user } = useSession();
  const { message } = App.useApp();
  const errorText = useCourtErrorText();
  const { ask, prompt } = usePassphrasePrompt();
  const [open, setOpen] = useState<DialogName | null>(null);
  const [proposed, setProposed] = useState<string | null>(null);
  const [judge, setJudge] = useState('');
  const [viewing, setViewing] = useState<Uint8Array | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [missingPdf, setMissingPdf] = useState(false);

  const today = courtToday(new Date());
  const clock = courtClock(filing.clock, today);
  const suggested = useMemo(
    () =>
      filing.checks
        .filter((c) => !c.ok && SUPPLEMENT_ITEM_OF_CHECK[c.id])
        .map((c) => ({ item: SUPPLEMENT_ITEM_OF_CHECK[c.id] as NonNullable<(typeof SUPPLEMENT_ITEM_OF_CHECK)[string]>, detail: t(`checks.${c.id.replace(/\./g, '_')}`) })),
    [filing.checks, t],
  );

  useEffect(() => {
    void readCourtSettings(data).then((s) => setJudge(s.judge));
  }, [data]);

  const save = async (name: string, bytes: Uint8Array, type: string) => {
    await platform.files.saveFile(name, bytes, type);
  };

  /** Runs a step; a filing changed elsewhere is reloaded, so the clerk sees it before trying again. */
  const runStep = async (run: StepRun): Promise<StoreResult<StepDone | null>> => {
    const result = await run().catch(unexpected);
    if (!result.ok && result.error.code === 'court.filing_changed') await onReload();
    return result;
  };
  const finish = async (done: StepDone | null) => {
    if (!done) return; // the passphrase prompt was cancelled
    onChanged(done.filing);
    setOpen(null);
    if (done.said) void message.success(done.said);
    if (done.save) await save(done.save.name, zipOf(done.save.files), 'application/zip');
  };
  const step = useCommand(runStep, { onDone: finish });
  // The receipt and the downloads, refused above the actions rather than in a dialog.
  const pageStep = useCommand(runStep, { onDone: finish });

  /** The passphrase when the court key needs one; null when the clerk cancelled. */
  const withKey = async <T>(run: (passphrase: { passphrase?: string }) => Promise<StoreResult<T>>): Promise<StoreResult<T | null>> => {
    const answer = await ask();
    if (answer === null) return ok(null);
    return run(answer.passphrase !== undefined ? { passphrase: answer.passphrase } : {});
  };
  const done = (said: (f: CourtFiling) => string | null) => (result: StoreResult<CourtFiling>): StoreResult<StepDone> => (result.ok ? ok({ filing: result.value, said: said(result.value) }) : result);

  const show = async (name: DialogName) => {
    step.clear();
    setPreviewError(null);
    if (name === 'accept') setProposed(await proposeDocketNumber(data));
    setOpen(name);
  };

  const pdfOrSay = async (): Promise<Uint8Array | null> => {
    pageStep.clear();
    const pdf = await rulingPdf(platform, filing);
    setMissingPdf(pdf === null);
    return pdf;
  };

  const receipt = () => {
    setMissingPdf(false);
    const issued = filing.receipt !== null;
    void pageStep.run(async () => {
      const result = issued ? await exportReceipt(data, platform, user, filing.id, filing.rev, {}) : await withKey((key) => exportReceipt(data, platform, user, filing.id, filing.rev, key));
      if (!result.ok || result.value === null) return result.ok ? ok(null) : result;
      const name = `回执-${safeName(filing.docketNumber ?? filing.packageSha256.slice(0, 12))}.zip`;
      return ok({ filing: result.value.filing, said: t('actions.receiptDone', { name }), save: { name, files: result.value.files } });
    });
  };

  const stepError = step.error ? errorText(step.error) : null;
  const pageError = missingPdf ? errorText({ code: 'court.blob_missing', params: { what: 'ruling' } }) : pageStep.error ? errorText(pageStep.error) : null;
  return {
    today,
    clock,
    suggested,
    proposed,
    judge,
    busy: step.busy || pageStep.busy,
    pageError,
    viewing,
    closeViewer: () => setViewing(null),
    show,
    dialog: (name) => ({ open: open === name, busy: step.busy || pageStep.busy, error: previewError ?? stepError, onCancel: () => setOpen(null) }),
    accept: (docketText) => void step.run(async () => done((f) => t('actions.accepted', { number: f.docketNumber ?? '' }))(await acceptFiling(data, user, filing.id, filing.rev, docketText))),
    refuse: (reason) => void step.run(async () => done(() => t('actions.refusedDone'))(await refuseFiling(data, user, filing.id, filing.rev, reason))),
    supplement: (values) =>
      void step.run(async () => {
        const result = await withKey((key) => requestSupplement(data, platform, user, filing.id, filing.rev, { ...values, ...key }));
        if (!result.ok || result.value === null) return result.ok ? ok(null) : result;
        const { filing: next, files } = result.value;
        return ok({ filing: next, said: t('actions.supplementDone'), save: { name: `补正通知-${fileBase(next)}.zip`, files } });
      }),
    extend: () => void step.run(async () => done((f) => t('actions.extended', { date: courtClock(f.clock, today).decideBy ?? '' }))(await extendFiling(data, user, filing.id, filing.rev))),
    preview: async (values) => {
      step.clear();
      setPreviewError(null);
      const previewed = await previewRuling(data, user, filing.id, filing.rev, values);
      if (previewed.ok) return previewed.value.text;
      setPreviewError(errorText(previewed.error));
      if (previewed.error.code === 'court.filing_changed') await onReload();
      return null;
    },
    rule: (values) =>
      void step.run(async () => {
        setPreviewError(null);
        const result = await withKey((key) => ruleOnFiling(data, platform, user, filing.id, filing.rev, { ...values, ...key }));
        if (!result.ok || result.value === null) return result.ok ? ok(null) : result;
        return ok({ filing: result.value, said: t('actions.ruled') });
      }),
    viewRuling: async () => {
      const pdf = await pdfOrSay();
      if (pdf) setViewing(pdf);
    },
    downloadRuling: async () => {
      const pdf = await pdfOrSay();
      if (pdf) await save(`民事裁定书-${safeName(filing.docketNumber ?? filing.packageSha256.slice(0, 12))}.pdf`, pdf, 'application/pdf');
    },
    receipt,
    downloadSupplement: (record) => {
      setMissingPdf(false);
      void pageStep.run(async () => {
        const files = await supplementFiles(platform, record);
        if (!files.ok) return files;
        await save(`补正通知-${fileBase(filing)}-${record.requestedAt.slice(0, 10)}.zip`, zipOf(files.value), 'application/zip');
        return ok(null);
      });
    },
    prompt,
  };
}
