// One session in the case's list: its number and status, when it is or was held and for how long,
// who takes part, the consents given, the mediator's actions (invite, start or rejoin, cancel), and
// after the sitting its minutes.
import { App, Button, Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import type { VideoSession } from '../../../shared/sessions/model';
import { formatDateTime, formatTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { SessionMinutes } from './SessionMinutes';
import { sessionTimes, type SessionTimes } from './session-times';

const STATUS_COLORS = { scheduled: 'blue', live: 'green', ended: 'default', cancelled: 'default' } as const;

export interface SessionCardProps {
  session: VideoSession;
  caseNumber: string;
  user: User;
  canHold: boolean;
  /** Whether a signaling server is there to hold the session on. */
  reachable: boolean;
  onInvite: (session: VideoSession) => void;
  onStart: (session: VideoSession) => void;
  onCancel: (session: VideoSession) => Promise<unknown>;
}

export function SessionCard({ session, caseNumber, user, canHold, reachable, onInvite, onStart, onCancel }: SessionCardProps) {
  const { t } = useTranslation(['sessions', 'cases', 'evidence']);
  const language = useLang();
  const { modal } = App.useApp();

  // Descriptions reads its items' props directly, so these are elements, not a component.
  const sessionTimeItems = (times: SessionTimes) => [
    <Descriptions.Item key="when" label={times.kind === 'ran' ? t('sessions:card.ran') : t('sessions:card.when')}>
      {times.kind === 'planned'
        ? formatDateTime(times.start, language)
        : times.end
          ? t('sessions:card.ranFromTo', { start: formatDateTime(times.start, language), end: formatTime(times.end, language) })
          : t('sessions:card.ranSince', { start: formatDateTime(times.start, language) })}
    </Descriptions.Item>,
    ...(times.minutes === null
      ? []
      : [
          <Descriptions.Item key="duration" label={times.kind === 'ran' ? t('sessions:card.ranDuration') : t('sessions:card.duration')}>
            {t('sessions:card.minutes', { count: times.minutes })}
          </Descriptions.Item>,
        ]),
  ];
  const open = session.status === 'scheduled' || session.status === 'live';

  return (
    <Card
      style={{ width: '100%' }}
      size="small"
      title={
        <Space>
          {t('sessions:card.title', { number: session.number })}
          <Tag color={STATUS_COLORS[session.status]}>{t(`sessions:status.${session.status}`)}</Tag>
        </Space>
      }
      role="region"
      aria-label={t('sessions:card.title', { number: session.number })}
      extra={
        canHold && (
          <Space wrap>
            {open && (
              <Button disabled={!reachable} onClick={() => onInvite(session)}>
                {t('sessions:card.invite')}
              </Button>
            )}
            {open && (
              <Button type="primary" disabled={!reachable} onClick={() => onStart(session)}>
                {session.status === 'live' ? t('sessions:card.rejoin') : t('sessions:card.start')}
              </Button>
            )}
            {session.status === 'scheduled' && (
              <Button danger onClick={() => modal.confirm({ title: t('sessions:card.cancelConfirm'), okText: t('sessions:card.cancel'), okButtonProps: { danger: true }, cancelText: t('sessions:common.cancel'), onOk: () => onCancel(session) })}>
                {t('sessions:card.cancel')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        {sessionTimeItems(sessionTimes(session))}
        <Descriptions.Item label={t('sessions:card.participants')} span={2}>
          {session.participants.map((p) => `${p.name}（${t(`sessions:role.${p.role}`)}）`).join('、')}
        </Descriptions.Item>
        {session.consents.length > 0 && (
          <Descriptions.Item label={t('sessions:card.consents')} span={2}>
            {session.consents.map((c) => t(`sessions:consentKind.${c.kind}`, { name: c.name })).join('；')}
          </Descriptions.Item>
        )}
      </Descriptions>
      {session.status === 'ended' && <SessionMinutes session={session} caseNumber={caseNumber} user={user} canEdit={canHold} />}
    </Card>
  );
}
