// The termination tab's controller: the case's termination record (if made), the referral it
// came from (for a court-entrusted case), making the record, and the answer to the court.
import { useCallback, useEffect, useState } from 'react';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import type { Case, Party, User } from '../../../shared/domain/model';
import type { TerminationDraft, TerminationRecord } from '../../../shared/termination';
import { useServices } from '../../app/services';
import { formFieldErrors } from '../../kit/translate';
import { useRefusal } from '../../kit/refusal';
import { getParties } from '../case-store';
import type { ReferralRecord } from './kinds';
import { answerEntrustingCourt, referralOfCase, terminateMediation, terminationOf, terminationPdf } from './termination';
import { REFERRAL_NAMESPACES, useSignedCommand } from './useSigned';

export type TerminationValues = Partial<Omit<TerminationDraft, 'paths' | 'materials'>> & { paths?: string[]; materials?: string[] };

export function useTermination(record: Case, user: User, onCaseChanged: () => void) {
  const { t } = useTranslation('referrals');
  const { data, platform } = useServices();
  const { message } = App.useApp();
  const refusal = useRefusal();
  const { run, save, prompt } = useSignedCommand(refusal);
  const [form] = Form.useForm<TerminationValues>();
  const [termination, setTermination] = useState<TerminationRecord | null | undefined>(undefined);
  const [referral, setReferral] = useState<ReferralRecord | null>(null);
  const [parties, setParties] = useState<Party[]>([]);

  const load = useCallback(async () => {
    const [made, from, list] = await Promise.all([terminationOf(data, record.id), referralOfCase(data, record), getParties(data, record.id)]);
    setTermination(made);
    setReferral(from);
    setParties(list);
  }, [data, record]);
  useEffect(() => {
    void load();
  }, [load]);

  const terminate = async () => {
    const v = form.getFieldsValue(true) as TerminationValues;
    const today = todayIn(INSTITUTION_TIME_ZONE, new Date());
    const draft: TerminationDraft = {
      reason: v.reason ?? '',
      partyName: v.partyName ?? '',
      explanation: v.explanation ?? '',
      paths: v.paths ?? [],
      toldHow: v.toldHow ?? '',
      materials: v.materials ?? [],
      endedOn: v.endedOn ?? today,
    };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- antd's field paths are typed by the form's shape; these come from it
    form.setFields(form.getFieldsError().map((f) => ({ name: f.name as any, errors: [] })));
    const done = await run('terminate', () => terminateMediation(data, platform, user, record.id, record.version, draft, today), {
      signs: false,
      onRefused: (error) => form.setFields(formFieldErrors(t, error.fieldErrors, [], REFERRAL_NAMESPACES)),
    });
    if (!done) return;
    void message.success(t('termination.done'));
    setTermination(done.record);
    onCaseChanged();
  };

  const downloadPdf = async () => {
    if (!termination) return;
    const bytes = await terminationPdf(platform, termination);
    if (!bytes) {
      refusal.refuse('pdf', t('errors.termination.pdf_missing'));
      return;
    }
    await platform.files.saveFile(`调解终结书-${record.number.replace(/[\\/:*?"<>|\s]+/g, '_')}.pdf`, bytes, 'application/pdf');
  };

  const answerCourt = async () => {
    const done = await run('court', (passphrase) => answerEntrustingCourt(data, platform, user, record.id, passphrase));
    if (!done) return;
    await save(done);
    void message.success(t('court.done'));
    await load();
  };

  return { form, termination, referral, parties, refusal, prompt, terminate, downloadPdf, answerCourt };
}
