// The referrals page's controller: the referrals on this workstation, the registered senders and
// the categories handled, the imports (a referral file, an answer file) and the decisions. Signed
// in to a center server, the rows there are taken in when the page opens and on demand, and an
// answer to a referral received through it goes back on its row (saved here first: a failure to
// reach the server is said and the answer sent again at the next pull).
import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import { useServices } from '../../app/services';
import { useRefusal } from '../../kit/refusal';
import { asResult } from '../../kit/result';
import { handledCategoriesResponseSchema } from '../../../shared/server/api';
import { useSession } from '../auth';
import type { CourtFiling } from '../../../shared/confirmation/court/filing';
import type { ReferralRecord } from './kinds';
import { acceptReferral, declineReferral, declineRefusal, handledCategories, importAnswer, importReferral, listReferrals, registeredSenders, registerSender, saveHandledCategories, storedFile } from './store';
import { useCenterTransport } from './ReceiverPicker';
import { packagesOfEntrustment } from './entrusted-packages';
import { answerOnCenter, pullFromCenter } from './through-center';
import { useRefusalText, useSignedCommand } from './useSigned';

const PULL_EVERY_MS = 30_000;

export function useReferrals() {
  const { t } = useTranslation('referrals');
  const { data, platform } = useServices();
  const { user } = useSession();
  const { message } = App.useApp();
  const refusal = useRefusal();
  const { run, save, prompt } = useSignedCommand(refusal);
  const [records, setRecords] = useState<ReferralRecord[] | null>(null);
  const [registered, setRegistered] = useState<Set<string>>(new Set());
  const [categories, setCategories] = useState<string[]>([]);
  /** The confirmation packages this workstation received as a court, for its entrustments' results. */
  const [filings, setFilings] = useState<CourtFiling[]>([]);

  const center = useCenterTransport();
  const refusalText = useRefusalText();
  const [pulling, setPulling] = useState(false);

  const reload = useCallback(async () => {
    const [list, senders, handled, received] = await Promise.all([listReferrals(data), registeredSenders(data), handledCategories(data), data.courtFilings.all()]);
    setRecords(list);
    setFilings(received);
    setRegistered(new Set(senders.map((s) => s.fingerprint256)));
    setCategories(handled);
  }, [data]);
  useEffect(() => {
    void reload();
  }, [reload]);

  // Pulls and answers one after another: a pull never sends an answer the screen is sending.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const inTurn = useCallback(<T,>(work: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(work, work);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const pull = useCallback(() => inTurn(async () => {
    setPulling(true);
    try {
      const done = await run('pull', () => pullFromCenter(data, platform, user, center.call), { signs: false, background: true });
      if (done?.problems.length) refusal.refuse('pull', t('center.pullProblems', { count: done.problems.length }), done.problems.map((p) => ({ text: refusalText(p).title })));
      if (done && (done.received > 0 || done.answered > 0)) void message.success(t('center.pulled', { received: done.received, answered: done.answered }));
      await reload();
    } finally {
      setPulling(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run and refusal change with every refusal shown; the pull is the same
  }), [data, platform, user, center.call, reload, inTurn]);
  // On opening, and every half minute while open: a row answered or sent meanwhile raises no nudge.
  useEffect(() => {
    if (!center.online) return;
    void pull();
    const timer = setInterval(() => void pull(), PULL_EVERY_MS);
    return () => clearInterval(timer);
  }, [center.online, pull]);

  /** An answer made here to a referral received through the server goes back on its row. */
  const answerBack = async (record: ReferralRecord, at: string): Promise<boolean> => {
    const done = await inTurn(() => run(at, () => answerOnCenter(data, platform, user, center.call, record), { signs: false }));
    if (!done) refusal.refuse(at, t('center.answerNotSent'), []);
    return done !== null;
  };

  const readFile = async (file: File) => new Uint8Array(await file.arrayBuffer());

  const importFile = async (file: File) => {
    const bytes = await readFile(file);
    const done = await run('importReferral', () => importReferral(data, platform, user, bytes), { signs: false });
    if (!done) return;
    void message.success(t(done.registered ? 'import.done' : 'import.doneUnverified', { sender: done.record.referral.sender.name }));
    await reload();
  };

  const importAnswerFile = async (file: File) => {
    const bytes = await readFile(file);
    const done = await run('importAnswer', () => importAnswer(data, platform, user, bytes), { signs: false });
    if (!done) return;
    void message.success(t('answer.imported', { status: t(`status.${done.record.status}`) }));
    await reload();
  };

  const trust = async (record: ReferralRecord) => {
    const done = await run(`trust:${record.id}`, () => registerSender(data, user, record.id), { signs: false });
    if (done) await reload();
  };

  const accept = async (record: ReferralRecord, categoryFields: Record<string, unknown> = {}): Promise<boolean> => {
    const today = todayIn(INSTITUTION_TIME_ZONE, new Date());
    const done = await run(`accept:${record.id}`, (passphrase) => acceptReferral(data, platform, user, record.id, { categoryFields, ...(passphrase ? { passphrase } : {}) }, today));
    if (!done) return false;
    const number = done.record.caseId ? (done.record.answer?.caseNumber ?? '') : '';
    if (done.record.via) {
      if (await answerBack(done.record, `accept:${record.id}`)) void message.success(t('center.accepted', { number }));
    } else {
      await save(done);
      void message.success(t('accept.done', { number }));
    }
    await reload();
    return true;
  };

  const decline = async (record: ReferralRecord, reason: string): Promise<boolean> => {
    const done = await run('decline', (passphrase) => declineReferral(data, platform, user, record.id, { reason, ...(passphrase ? { passphrase } : {}) }), { check: () => declineRefusal(reason) });
    if (!done) return false;
    if (done.record.via) {
      if (await answerBack(done.record, `accept:${record.id}`)) void message.success(t('center.declined'));
    } else {
      await save(done);
      void message.success(t('decline.done'));
    }
    await reload();
    return true;
  };

  /** The administrator's list of the categories the institution takes on: kept here, and told to the server's directory when signed in. */
  const saveCategories = async (list: string[]): Promise<void> => {
    const saved = await run('categories', () => saveHandledCategories(data, user, list), { signs: false });
    if (!saved) return;
    setCategories(saved);
    if (center.online) {
      const told = await run('categories', () => asResult(() => center.call('PUT', '/institution/handled-categories', handledCategoriesResponseSchema, { categories: saved })), { signs: false });
      if (!told) return;
    }
    void message.success(t('categories.saved'));
  };

  const download = async (record: ReferralRecord, which: 'referral' | 'answer') => {
    const file = await storedFile(platform, record, which);
    if (file) await save(file);
  };

  const packagesOf = (record: ReferralRecord): CourtFiling[] => packagesOfEntrustment(record, filings);

  return { user, records, registered, packagesOf, categories, refusal, prompt, importFile, importAnswerFile, trust, accept, decline, download, online: center.online, pulling, pull, saveCategories };
}

export type ReferralsController = ReturnType<typeof useReferrals>;
