// The referrals page's controller: the referrals on this workstation, the registered senders and
// the categories handled, the imports (a referral file, an answer file) and the decisions.
import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import { useServices } from '../../app/services';
import { useRefusal } from '../../kit/refusal';
import { useSession } from '../auth';
import type { ReferralRecord } from './kinds';
import { acceptReferral, declineReferral, declineRefusal, handledCategories, importAnswer, importReferral, listReferrals, registeredSenders, registerSender, storedFile } from './store';
import { useSignedCommand } from './useSigned';

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

  const reload = useCallback(async () => {
    const [list, senders, handled] = await Promise.all([listReferrals(data), registeredSenders(data), handledCategories(data)]);
    setRecords(list);
    setRegistered(new Set(senders.map((s) => s.fingerprint256)));
    setCategories(handled);
  }, [data]);
  useEffect(() => {
    void reload();
  }, [reload]);

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
    await save(done);
    void message.success(t('accept.done', { number: done.record.caseId ? (done.record.answer?.caseNumber ?? '') : '' }));
    await reload();
    return true;
  };

  const decline = async (record: ReferralRecord, reason: string): Promise<boolean> => {
    const done = await run('decline', (passphrase) => declineReferral(data, platform, user, record.id, { reason, ...(passphrase ? { passphrase } : {}) }), { check: () => declineRefusal(reason) });
    if (!done) return false;
    await save(done);
    void message.success(t('decline.done'));
    await reload();
    return true;
  };

  const download = async (record: ReferralRecord, which: 'referral' | 'answer') => {
    const file = await storedFile(platform, record, which);
    if (file) await save(file);
  };

  return { user, records, registered, categories, refusal, prompt, importFile, importAnswerFile, trust, accept, decline, download };
}

export type ReferralsController = ReturnType<typeof useReferrals>;
