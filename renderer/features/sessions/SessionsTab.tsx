// The case's 视频调解 tab (issue 5): the sessions scheduled for the case, their invitations, the
// live session view, and after a session its minutes to finalise into the ledger. The controller is
// useSessions; each session is a SessionCard.
import { Alert, App, Button, Empty, Flex, List, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case, User } from '../../../shared/domain/model';
import { InviteDialog } from './InviteDialog';
import { LiveSession } from './LiveSession';
import { ScheduleDialog } from './ScheduleDialog';
import { SessionCard } from './SessionCard';
import { useSessions } from './useSessions';

export function SessionsTab({ record, user }: { record: Case; user: User }) {
  const { t } = useTranslation(['sessions', 'cases', 'evidence']);
  const { message } = App.useApp();
  const view = useSessions(record, user);
  const { sessions, signaling, target, canHold, error, reload } = view;

  if (!sessions) return <Spin aria-label={t('sessions:loading')} />;
  const live = view.liveId ? sessions.find((s) => s.id === view.liveId) : undefined;

  if (live && target) {
    return (
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center">
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {t('sessions:live.title', { number: live.number })}
          </Typography.Title>
          <Button onClick={() => view.setLiveId(null)}>{t('sessions:live.backToList')}</Button>
        </Flex>
        <LiveSession
          session={live}
          user={user}
          target={target}
          onChanged={() => void reload()}
          onEnded={() => {
            view.setLiveId(null);
            void reload();
            void message.info(t('sessions:live.endedNotice'));
          }}
        />
      </Flex>
    );
  }

  return (
    <Flex vertical gap={12}>
      {signaling && !signaling.ok && <Alert type="warning" showIcon message={t(`sessions:unavailable.${signaling.reason}`)} description={signaling.detail} />}
      {error && <Alert type="error" showIcon role="alert" message={error} closable onClose={view.clearError} />}
      {canHold && (
        <Space>
          <Button type="primary" onClick={() => view.setScheduling(true)}>
            {t('sessions:schedule.open')}
          </Button>
        </Space>
      )}
      {sessions.length === 0 ? (
        <Empty description={t('sessions:none')} />
      ) : (
        <List
          dataSource={[...sessions].reverse()}
          renderItem={(session) => (
            <List.Item>
              <SessionCard session={session} caseNumber={record.number} user={user} canHold={canHold} reachable={target !== null} onInvite={view.setInviting} onStart={view.start} onCancel={view.cancel} />
            </List.Item>
          )}
        />
      )}
      {view.scheduling && <ScheduleDialog open parties={view.parties} busy={view.scheduleBusy} onSubmit={view.schedule} onCancel={() => view.setScheduling(false)} />}
      {view.inviting && target && <InviteDialog open session={view.inviting} target={target} onClose={() => view.setInviting(null)} />}
    </Flex>
  );
}
