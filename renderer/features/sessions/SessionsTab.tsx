// The case's 视频调解 tab (issue 5): the sessions scheduled for the case, their invitations, the
// live session view, and after a session its minutes to finalise into the ledger.
import { Alert, App, Button, Card, Descriptions, Empty, Flex, List, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case, Party, User } from '../../../shared/domain/model';
import { canEditCase } from '../../../shared/domain/permissions';
import type { MinutesRecord, VideoSession } from '../../../shared/sessions/model';
import { useServices } from '../../app/services';
import { translateCode } from '../../app/translate';
import { useSession } from '../auth/session';
import { getParties } from '../cases/store';
import { InviteDialog } from './InviteDialog';
import { LiveSession } from './LiveSession';
import { MinutesEditor } from './MinutesEditor';
import { ScheduleDialog } from './ScheduleDialog';
import { sessionTimes, type SessionTimes } from './session-times';
import { formatDateTime, formatTime } from '../../kit/time';
import { useLang } from '../cases/common/useLang';
import { resolveSignaling, type SignalingResolution } from './signaling-target';
import { cancelSession, deleteMinutesEntry, finaliseMinutes, readMinutes, readSessions, saveMinutesEntry, scheduleSession, startSession, type ScheduleInput } from './store';

const ERROR_NAMESPACES = ['sessions', 'evidence', 'cases'] as const;

function sameResolution(a: SignalingResolution, b: SignalingResolution): boolean {
  if (!a.ok || !b.ok) return JSON.stringify(a) === JSON.stringify(b);
  const key = (r: typeof a) => JSON.stringify([r.target.source, r.target.signalUrl, r.target.joinBases, r.target.iceServers]);
  return key(a) === key(b);
}
const STATUS_COLORS = { scheduled: 'blue', live: 'green', ended: 'default', cancelled: 'default' } as const;

export function SessionsTab({ record, user }: { record: Case; user: User }) {
  const { t } = useTranslation(['sessions', 'cases', 'evidence']);
  const language = useLang();

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
  const { db, platform } = useServices();
  const { settings } = useSession();
  const { message, modal } = App.useApp();
  const [sessions, setSessions] = useState<VideoSession[] | null>(null);
  const [parties, setParties] = useState<Party[]>([]);
  const [signaling, setSignaling] = useState<SignalingResolution | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const [busy, setBusy] = useState(false);
  const [inviting, setInviting] = useState<VideoSession | null>(null);
  const [liveId, setLiveId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canHold = canEditCase(user, record) && (user.role === 'mediator' || user.role === 'lawyer');
  const errorText = useCallback((code: string, params?: Record<string, unknown>) => translateCode(t, code, params, ERROR_NAMESPACES), [t]);

  const reload = useCallback(async () => {
    const [list, people] = await Promise.all([readSessions(db, record.id), getParties(db, record.id)]);
    setSessions(list);
    setParties(people);
  }, [db, record.id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    let cancelled = false;
    void resolveSignaling(platform, settings).then((resolution) => {
      // The same server as before keeps the same target, so a settings save elsewhere does not restart a call.
      if (!cancelled) setSignaling((previous) => (previous && sameResolution(previous, resolution) ? previous : resolution));
    });
    return () => {
      cancelled = true;
    };
  }, [platform, settings]);

  const schedule = async (input: ScheduleInput) => {
    setBusy(true);
    const result = await scheduleSession(db, user, record.id, input);
    setBusy(false);
    if (!result.ok) return setError(errorText(result.error.code, result.error.params));
    setError(null);
    setScheduling(false);
    void message.success(t('sessions:schedule.done', { number: result.value.number }));
    await reload();
  };

  const start = async (session: VideoSession) => {
    const result = await startSession(db, user, session.id);
    if (!result.ok) return setError(errorText(result.error.code, result.error.params));
    setError(null);
    setLiveId(session.id);
    await reload();
  };

  const cancel = async (session: VideoSession) => {
    const result = await cancelSession(db, user, session.id, session.rev);
    if (!result.ok) return setError(errorText(result.error.code, result.error.params));
    await reload();
  };

  if (!sessions) return <Spin aria-label={t('sessions:loading')} />;
  const target = signaling?.ok ? signaling.target : null;
  const live = liveId ? sessions.find((s) => s.id === liveId) : undefined;

  if (live && target) {
    return (
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center">
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {t('sessions:live.title', { number: live.number })}
          </Typography.Title>
          <Button onClick={() => setLiveId(null)}>{t('sessions:live.backToList')}</Button>
        </Flex>
        <LiveSession
          session={live}
          user={user}
          target={target}
          onChanged={() => void reload()}
          onEnded={() => {
            setLiveId(null);
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
      {error && <Alert type="error" showIcon role="alert" message={error} closable onClose={() => setError(null)} />}
      {canHold && (
        <Space>
          <Button type="primary" onClick={() => setScheduling(true)}>
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
                      {(session.status === 'scheduled' || session.status === 'live') && (
                        <Button disabled={!target} onClick={() => setInviting(session)}>
                          {t('sessions:card.invite')}
                        </Button>
                      )}
                      {(session.status === 'scheduled' || session.status === 'live') && (
                        <Button type="primary" disabled={!target} onClick={() => void start(session)}>
                          {session.status === 'live' ? t('sessions:card.rejoin') : t('sessions:card.start')}
                        </Button>
                      )}
                      {session.status === 'scheduled' && (
                        <Button danger onClick={() => modal.confirm({ title: t('sessions:card.cancelConfirm'), okText: t('sessions:card.cancel'), okButtonProps: { danger: true }, cancelText: t('sessions:common.cancel'), onOk: () => cancel(session) })}>
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
                {session.status === 'ended' && <SessionMinutes session={session} caseNumber={record.number} user={user} canEdit={canHold} />}
              </Card>
            </List.Item>
          )}
        />
      )}
      {scheduling && <ScheduleDialog open parties={parties} busy={busy} onSubmit={(input) => void schedule(input)} onCancel={() => setScheduling(false)} />}
      {inviting && target && <InviteDialog open session={inviting} target={target} onClose={() => setInviting(null)} />}
    </Flex>
  );
}

/** After the sitting: the minutes, still editable, then finalised into the case's ledger. */
function SessionMinutes({ session, caseNumber, user, canEdit }: { session: VideoSession; caseNumber: string; user: User; canEdit: boolean }) {
  const { t } = useTranslation(['sessions', 'cases', 'evidence']);
  const language = useLang();
  const { db, platform } = useServices();
  const { message, modal } = App.useApp();
  const [minutes, setMinutes] = useState<MinutesRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorText = useCallback((code: string, params?: Record<string, unknown>) => translateCode(t, code, params, ERROR_NAMESPACES), [t]);

  useEffect(() => {
    void readMinutes(db, session.id).then(setMinutes);
  }, [db, session.id]);

  if (!minutes) return null;
  const done = minutes.finalised;
  const handle = async <T,>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; params: Record<string, unknown> } }>, apply: (v: T) => void) => {
    const result = await promise;
    if (result.ok) {
      apply(result.value);
      return null;
    }
    return errorText(result.error.code, result.error.params);
  };

  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }}>
      <MinutesEditor
        minutes={minutes}
        readOnly={!canEdit || done !== null}
        onSave={(entry) => handle(saveMinutesEntry(db, user, session.id, entry), setMinutes)}
        onDelete={(id) => handle(deleteMinutesEntry(db, user, session.id, id), setMinutes)}
      />
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
                  const problem = await handle(finaliseMinutes(db, platform, user, session.id, caseNumber), setMinutes);
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
