// After the sitting: the minutes, still editable, then finalised into the case's ledger.
import { Alert, App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import type { VideoSession } from '../../../shared/sessions/model';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { MinutesEditor } from './MinutesEditor';
import { useMinutes } from './useMinutes';

export function SessionMinutes({ session, caseNumber, user, canEdit }: { session: VideoSession; caseNumber: string; user: User; canEdit: boolean }) {
  const { t } = useTranslation(['sessions', 'cases', 'evidence']);
  const language = useLang();
  const { message, modal } = App.useApp();
  const { minutes, save, remove, finalise } = useMinutes(session, user);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!minutes) return null;
  const done = minutes.finalised;

  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }}>
      <MinutesEditor minutes={minutes} readOnly={!canEdit || done !== null} onSave={save} onDelete={remove} />
      {done ? (
        <Alert type="success" showIcon role="status" message={t('sessions:minutes.finalised', { seq: done.ledgerSeq + 1, time: formatDateTime(done.at, language) })} description={<Typography.Text code>{done.sha256}</Typography.Text>} />
      ) : (
        canEdit && (
          <Button
            type="primary"
            loading={busy}
            style={{ alignSelf: 'flex-start' }}
            onClick={() =>
              modal.confirm({
                title: t('sessions:minutes.finaliseConfirm'),
                okText: t('sessions:minutes.finalise'),
                cancelText: t('sessions:common.cancel'),
                onOk: async () => {
                  setBusy(true);
                  const problem = await finalise(caseNumber);
                  setBusy(false);
                  setError(problem);
                  if (!problem) void message.success(t('sessions:minutes.finalisedToast'));
                },
              })
            }
          >
            {t('sessions:minutes.finalise')}
          </Button>
        )
      )}
      {error && <Alert type="error" showIcon role="alert" message={error} />}
    </Flex>
  );
}
