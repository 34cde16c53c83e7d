// Submitting the built package to the court's intake URL (Settings → 机构信息): the host streams it
// (platform port CourtIntakeAccess), with progress and cancel; the court's answer is recorded on
// the application and shown — valid moves the case to 已申请司法确认, invalid or unusable lists
// what the court's verification named (in the user's language where the court sent details).
// Sending the same package again uploads nothing (the court is asked for it by hash first).
import { Alert, Button, Flex, Progress, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CenterApplication } from '../../../shared/confirmation/center-record';
import { IntakeSubmitError } from '../../../shared/confirmation/intake-client';
import type { HashProgress } from '../../../shared/platform';
import type { User } from '../../../shared/domain/model';
import { useServices } from '../../app/services';
import type { StoreError } from '../../kit/result';
import { useSaidText } from '../../kit/verifier-texts';
import type { IntakeAnswer } from '../../../shared/protocol/intake';
import { recordSubmitted, type Submission } from './store';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';

/** The court's answer as the record keeps it: bounded, whatever the court's server sent. */
function submissionOf(url: string, answer: IntakeAnswer): Submission {
  return {
    url,
    at: new Date().toISOString(),
    verdict: answer.verdict,
    problems: answer.problems.slice(0, 200).map((problem) => problem.slice(0, 2000)),
    ...(answer.details ? { details: answer.details.slice(0, 200) } : {}),
    receivedOn: answer.receivedOn.slice(0, 20),
  };
}

export function LastSubmission({ built }: { built: NonNullable<CenterApplication['built']> }) {
  const { t } = useTranslation('confirmation');
  const said = useSaidText();
  const lang = useLang();
  const submission = built.submission;
  if (!submission) return null;
  const date = submission.receivedOn;
  if (submission.verdict === 'valid') return <Alert type="success" showIcon role="status" message={t('package.submitValid', { date })} description={t('package.lastSubmission', { time: formatDateTime(submission.at, lang), url: submission.url })} />;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={t(submission.verdict === 'invalid' ? 'package.submitInvalid' : 'package.submitUnusable', { date })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {submission.problems.map((problem, index) => (
            // The court's list, in its order; the same words may come twice.
            <li key={index}>{said({ message: problem, detail: submission.details?.[index] })}</li>
          ))}
        </ul>
      }
    />
  );
}

export function SubmitToCourt({ application, user, intakeUrl, onRecorded, onError, describedBy }: { application: CenterApplication; user: User; intakeUrl: string; onRecorded: () => Promise<void>; onError: (error: StoreError | { text: string }) => void; /** The refusal of the last submission, shown beside the button. */ describedBy?: string | undefined }) {
  const { t } = useTranslation('confirmation');
  const { data, platform } = useServices();
  const [sending, setSending] = useState<HashProgress | null>(null);
  const cancel = useRef<AbortController | null>(null);
  const built = application.built!;

  const submit = async () => {
    const controller = new AbortController();
    cancel.current = controller;
    setSending({ bytesDone: 0, bytesTotal: built.size });
    try {
      const answer = await platform.intake.submit({ url: intakeUrl, sha256: built.sha256, onProgress: setSending, signal: controller.signal });
      const recorded = await recordSubmitted(data, user, application.id, new Date(), submissionOf(intakeUrl, answer));
      if (!recorded.ok) onError(recorded.error);
      await onRecorded();
    } catch (error) {
      if (error instanceof IntakeSubmitError) onError({ text: t(`package.submitFailed.${error.code}`, { detail: error.said }) });
      else onError({ text: t('package.submitFailed.other', { detail: (error as Error)?.message ?? String(error) }) });
    } finally {
      setSending(null);
      cancel.current = null;
    }
  };

  if (sending) {
    return (
      <Flex vertical gap={8}>
        <Progress percent={Math.floor((sending.bytesDone / Math.max(1, sending.bytesTotal ?? built.size)) * 100)} aria-label={t('package.sending')} />
        <Typography.Text type="secondary">{t('package.submitTo', { url: intakeUrl })}</Typography.Text>
        <Button onClick={() => cancel.current?.abort()} style={{ alignSelf: 'flex-start' }}>
          {t('package.cancelSubmit')}
        </Button>
      </Flex>
    );
  }
  return (
    <Button type="primary" onClick={() => void submit()} title={t('package.submitTo', { url: intakeUrl })} aria-describedby={describedBy}>
      {t('package.submit')}
    </Button>
  );
}
