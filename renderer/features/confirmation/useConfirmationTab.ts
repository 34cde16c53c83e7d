// The 司法确认 tab's controller: the case's applications, parties and ledger as the store reads
// them, the form as shown (saved one save after another), and each step run one at a time — its
// refusal shown beside the control that was pressed, nested problems listed from data.
import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandSignature } from '../../../shared/agreement/hand-signature';
import type { BuildProgress } from '../../../shared/confirmation/build';
import type { CenterApplication } from '../../../shared/confirmation/center-record';
import type { SupplementRequest } from '../../../shared/confirmation/court/supplement';
import type { Case, Party, User } from '../../../shared/domain/model';
import { canEditCase } from '../../../shared/domain/permissions';
import type { LedgerEntry } from '../../../shared/ledger/entry';
import { useServices } from '../../app/services';
import { useProblemText } from '../../kit/problem-text';
import { focusById, useRefusal, type RefusalItem } from '../../kit/refusal';
import type { StoreError, StoreResult } from '../../kit/result';
import { useCommand } from '../../kit/useCommand';
import { readLedgerRows } from '../evidence';
import { getParties } from '../case-store';
import { needsPassphrase, readIdentity, summarizeIdentity } from '../identity';
import type { Signer } from '../signatures';
import { undertakingOf } from './problems';
import { addApplicationSignature, buildApplicationPackage, readApplications, readiness, saveDetails, signApplication, startApplication, type ApplicationDetails, type Readiness } from './store';

const ERROR_NAMESPACES = ['confirmation', 'agreements', 'identity', 'evidence', 'signatures', 'cases'] as const;

/** The id of an undertaking's checkbox, so a refusal naming it can take the user there. */
export const undertakingId = (u: string) => `undertaking-${u}`;

/** Steps that change the case itself (its status, its ledger); the others touch the application alone. */
const CASE_STEPS = ['build', 'export', 'receipt', 'sign'];

export function useConfirmationTab(record: Case, user: User, onCaseChanged: () => void) {
  const { t } = useTranslation(['confirmation', 'domain', 'app']);
  const { data, platform } = useServices();
  const { message } = App.useApp();
  const [applications, setApplications] = useState<CenterApplication[] | null>(null);
  const [parties, setParties] = useState<Party[]>([]);
  const [entries, setEntries] = useState<LedgerEntry[]>([]);
  const [ready, setReady] = useState<Readiness | null>(null);
  const [passphraseNeeded, setPassphraseNeeded] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const refusal = useRefusal();
  const problems = useProblemText(ERROR_NAMESPACES);
  /** A refusal shown beside control `at` ('tab' when no control was pressed: the top of the tab). */
  const refuse = useCallback((at: string, text: string, items: readonly RefusalItem[] = []) => refusal.refuse(at, text, items), [refusal]);
  const [busy, setBusy] = useState<string | null>(null);
  const [signing, setSigning] = useState<Signer | null>(null);
  const [progress, setProgress] = useState<BuildProgress | null>(null);
  const cancel = useRef<AbortController | null>(null);
  const [pending, setPending] = useState<{ id: string; details: ApplicationDetails } | null>(null);
  const saves = useRef<Promise<void>>(Promise.resolve());
  const [supplement, setSupplement] = useState<SupplementRequest | null>(null);
  const canEdit = canEditCase(user, record) && user.role !== 'clerk';
  const current = applications?.at(-1) ?? null;

  /** A refusal with each problem it lists; an undertaking not confirmed is a way to its checkbox (issue 15 item 5). */
  const fail = useCallback(
    (failure: StoreError, at = 'tab') => {
      const { title, items } = problems.lines(failure.problem);
      const listed = failure.problem.items ?? [];
      refuse(
        at,
        title,
        items.map((text, i) => {
          const gap = listed[i];
          const undertaking = gap ? undertakingOf(gap) : null;
          if (!gap || !undertaking) return { text };
          return { text, go: () => focusById(undertakingId(undertaking)), goName: gap.items?.[0] ? problems.text(gap.items[0]) : undertaking };
        }),
      );
    },
    [problems, refuse],
  );

  const reload = useCallback(async () => {
    const [list, people, rows, identity] = await Promise.all([readApplications(data, record.id), getParties(data, record.id), readLedgerRows(data, record.id), readIdentity(data)]);
    setApplications(list);
    setParties(people);
    setEntries(rows.map((r) => r.entry));
    setPassphraseNeeded(identity ? needsPassphrase(identity, (await summarizeIdentity(identity)).keyId) : false);
    const latest = list.at(-1);
    setReady(latest && !latest.built ? await readiness(data, user, latest.id) : null);
  }, [data, record.id, user]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // One step at a time; a second press while it runs does nothing.
  const command = useCommand((action: () => Promise<StoreResult<unknown>>) => action());
  const run = async <T>(name: string, action: () => Promise<StoreResult<T>>, done?: (value: T) => void) => {
    setBusy(name);
    refusal.clear();
    const result = await command.run(action);
    setBusy(null);
    if (!result) return;
    if (!result.ok) {
      // A field's save is refused at the top of the tab, a step beside its button.
      fail(result.error, name === 'save' ? 'tab' : name);
      // What the screen showed was not saved: show what is.
      setPending(null);
      await reload().catch(() => undefined);
      return;
    }
    done?.(result.value as T);
    await reload();
    if (CASE_STEPS.includes(name)) onCaseChanged();
  };

  // What the screen shows changes at once; the saved record follows (and wins if the save fails).
  const details: ApplicationDetails | null = !current
    ? null
    : pending?.id === current.id
      ? pending.details
      : { jurisdiction: current.jurisdiction, serviceAddresses: current.serviceAddresses, undertakings: current.undertakings, materials: current.materials, concernsProperty: current.concernsProperty };
  const save = (patch: Partial<ApplicationDetails>) => {
    if (!current || !details) return;
    const next = { ...details, ...patch };
    setPending({ id: current.id, details: next });
    // One save after another, each the whole form as shown: quick clicks never race.
    saves.current = saves.current.then(() => run('save', () => saveDetails(data, user, current.id, null, next))).catch(() => undefined);
  };

  const start = () => run('start', () => startApplication(data, user, record.id));
  const signPdf = () => {
    if (!current) return;
    void saves.current.then(() => run('sign', () => signApplication(data, platform, user, current.id, null, passphraseNeeded ? passphrase : undefined)));
  };
  const handSignature = (signature: HandSignature) => {
    if (!current) return;
    void saves.current.then(() => run('hand', () => addApplicationSignature(data, user, current.id, null, signature), () => setSigning(null)));
  };
  const build = async () => {
    if (!current) return;
    await saves.current;
    const controller = new AbortController();
    cancel.current = controller;
    setProgress({ path: '', bytesDone: 0, bytesTotal: 1 });
    await run('build', () => buildApplicationPackage(data, platform, user, current.id, null, { onProgress: setProgress, signal: controller.signal, ...(passphraseNeeded ? { passphrase } : {}) }), () => void message.success(t('confirmation:package.built')));
    cancel.current = null;
    setProgress(null);
  };

  return {
    /** Where the case came from: a court-entrusted dispute's confirmation goes back to that court. */
    origin: record.origin,
    applications,
    current,
    parties,
    entries,
    ready,
    details,
    locked: !current || current.application !== null || !canEdit,
    canEdit,
    passphraseNeeded,
    passphrase,
    setPassphrase,
    refusal,
    refuse,
    fail,
    busy,
    setBusy,
    signing,
    setSigning,
    progress,
    cancelBuild: () => cancel.current?.abort(),
    supplement,
    setSupplement,
    reload,
    run,
    save,
    start,
    signPdf,
    handSignature,
    build,
  };
}

export type ConfirmationTabController = ReturnType<typeof useConfirmationTab>;
