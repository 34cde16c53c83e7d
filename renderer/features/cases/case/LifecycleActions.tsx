// The lifecycle moves open to the case now: only nextStatuses() of its status are offered, each
// behind a confirmation dialog that asks for what the move needs (a reason). checkTransition is
// asked before saving, so a refusal names its reason in the dialog; the store checks again inside
// its transaction. A legal status is never offered as a move: beside the moves are the acts a
// person may record by hand for the status (an oral agreement, a paper filing, a paper ruling),
// and a line saying which act in the app makes it.
import { useId, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkTransition, nextStatuses, REASON_REQUIRED } from '../../../../shared/domain/lifecycle';
import type { Case, CaseStatus, User } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';
import { transitionCase } from '../../case-store';
import { useErrorText } from '../../../kit/useErrorText';
import { CASES_NAMESPACES } from '../i18n';
import { stripControlChars } from '../../../kit/text-input';
import { useCaseSave } from './useCaseSave';
import { ActDialog, type RecordedAct } from '../../acts';

/** The act a person may record by hand in each status, toward the next legal status. */
const RECORDABLE: Partial<Record<CaseStatus, RecordedAct>> = {
  in_mediation: 'oral_agreement',
  agreement_reached: 'paper_filing',
  confirmation_applied: 'paper_ruling',
};

export interface LifecycleActionsProps {
  record: Case;
  user: User;
  today: string;
  onSaved(saved: Case): void;
  onChanged(current: Case): void;
}

export function LifecycleActions({ record, user, today, onSaved, onChanged }: LifecycleActionsProps) {
  const { t } = useTranslation(['cases', 'domain', 'acts']);
  const [target, setTarget] = useState<CaseStatus | null>(null);
  const [acting, setActing] = useState<RecordedAct | null>(null);
  const options = nextStatuses(record.status);
  const recordable = RECORDABLE[record.status];
  if (options.length === 0 && !recordable) return <Typography.Text type="secondary">{t('cases:lifecycle.noneLeft')}</Typography.Text>;
  return (
    <>
      <Flex gap={8} wrap role="group" aria-label={t('cases:lifecycle.label')}>
        {options.map((to) => (
          <Button key={to} danger={REASON_REQUIRED.includes(to)} type={to === primaryMove(record.status) ? 'primary' : 'default'} onClick={() => setTarget(to)}>
            {t(`cases:lifecycle.action.${to}`)}
          </Button>
        ))}
        {recordable && <Button onClick={() => setActing(recordable)}>{t(`acts:actions.${recordable}`)}</Button>}
      </Flex>
      {recordable && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t(`acts:hint.${record.status as 'in_mediation' | 'agreement_reached' | 'confirmation_applied'}`)}
        </Typography.Text>
      )}
      {acting && (
        <ActDialog
          act={acting}
          record={record}
          user={user}
          today={today}
          onClose={() => setActing(null)}
          onSaved={(saved) => {
            setActing(null);
            onSaved(saved);
          }}
          onChanged={(current) => {
            setActing(null);
            onChanged(current);
          }}
        />
      )}
      {target && (
        <TransitionDialog
          key={target}
          record={record}
          user={user}
          to={target}
          today={today}
          onClose={() => setTarget(null)}
          onSaved={(saved) => {
            setTarget(null);
            onSaved(saved);
          }}
          onChanged={(current) => {
            setTarget(null);
            onChanged(current);
          }}
        />
      )}
    </>
  );
}

/** The usual next step, shown as the primary button. */
function primaryMove(status: CaseStatus): CaseStatus | undefined {
  const forward: Partial<Record<CaseStatus, CaseStatus>> = {
    registered: 'accepted',
    accepted: 'in_mediation',
  };
  return forward[status];
}

interface DialogValues {
  reason?: string;
}

function TransitionDialog({
  record,
  user,
  to,
  today,
  onClose,
  onSaved,
  onChanged,
}: {
  record: Case;
  user: User;
  to: CaseStatus;
  today: string;
  onClose(): void;
  onSaved(saved: Case): void;
  onChanged(current: Case): void;
}) {
  const { t } = useTranslation(['cases', 'domain']);
  const { data } = useServices();
  const { message } = App.useApp();
  const errorText = useErrorText(CASES_NAMESPACES);
  const [form] = Form.useForm<DialogValues>();
  const [refusal, setRefusal] = useState<string | null>(null);
  // The refusal is tied to the OK button, so a screen reader reads why with it.
  const refusalId = useId();
  const { busy, save } = useCaseSave({ onSaved, onChanged, onRefused: setRefusal });
  const needsReason = REASON_REQUIRED.includes(to);
  const title = t('cases:lifecycle.confirmTitle', { action: t(`cases:lifecycle.action.${to}`) });

  const submit = async () => {
    const values = form.getFieldsValue();
    const reason = values.reason?.trim() || undefined;
    const check = checkTransition(record.status, to, { today, ...(reason ? { reason } : {}) });
    if (!check.ok) {
      setRefusal(errorText(check.code, check.params));
      return;
    }
    await save(
      () => transitionCase(data, user, record.id, record.version, to, { today, ...(reason ? { reason } : {}) }),
      () => void message.success(t('cases:lifecycle.done', { status: t(`domain:status.${to}`) })),
    );
  };

  return (
    <Modal
      open
      title={title}
      okText={t(`cases:lifecycle.action.${to}`)}
      cancelText={t('cases:common.cancel')}
      okButtonProps={{ danger: needsReason, loading: busy, 'aria-describedby': refusal ? refusalId : undefined }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('cases:lifecycle.confirmBody', { number: record.number, from: t(`domain:status.${record.status}`), to: t(`domain:status.${to}`) })}
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          {needsReason && (
            <Form.Item name="reason" label={t('cases:lifecycle.reason')} required normalize={(v: string) => stripControlChars(v)}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} autoFocus />
            </Form.Item>
          )}
        </Form>
        {refusal && (
          <div id={refusalId}>
            <Alert type="error" showIcon role="alert" message={t('cases:lifecycle.refused')} description={refusal} />
          </div>
        )}
      </Flex>
    </Modal>
  );
}
