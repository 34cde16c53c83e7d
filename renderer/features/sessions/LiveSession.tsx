// The mediator's session view inside the case: everyone invited and where they are (not yet
// joined, waiting, in the joint room or a caucus room, reconnecting), admitting and moving them
// with one action each, the video of the room the mediator is in, microphone, camera, screen
// share, recording with consent, connection quality, and the minutes beside it.
import { Alert, App, Button, Card, Col, Flex, Row, Select, Space, Tag, Typography } from 'antd';
import { AudioMutedOutlined, AudioOutlined, DesktopOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandSignature } from '../../../shared/agreement/hand-signature';
import type { CenterApplication } from '../../../shared/confirmation/center-record';
import type { User } from '../../../shared/domain/model';
import { caucusRoom, JOINT_ROOM, MAX_TOKEN_TTL_SECONDS, WAITING_ROOM, type ParticipantView, type RoomId } from '../../../shared/protocol/signaling';
import type { LogEntry, MinutesRecord, VideoSession } from '../../../shared/sessions/model';
import { useServices } from '../../app/services';
import { translateCode } from '../../app/translate';
import type { CallEvent, CallOptions } from './call/call-session';
import { openScreen, MediaAccessError } from './call/media';
import { useCall } from './call/useCall';
import { RemoteTile } from './call/RemoteTile';
import { VideoTile } from './call/VideoTile';
import { addApplicationSignature, readApplications } from '../confirmation/store';
import { useLocalMedia } from './join/DeviceCheck';
import { MinutesEditor } from './MinutesEditor';
import { Recorder } from './Recorder';
import type { SignalingTarget } from './signaling-target';
import { appendSessionLog, deleteMinutesEntry, endSession, readMinutes, recordConsent, saveMinutesEntry } from './store';

const ROOMS: RoomId[] = [JOINT_ROOM, caucusRoom(1), caucusRoom(2), caucusRoom(3)];
const ERROR_NAMESPACES = ['sessions', 'evidence', 'cases'] as const;

export interface LiveSessionProps {
  session: VideoSession;
  user: User;
  target: SignalingTarget;
  onEnded(): void;
  onChanged(): void;
}

export function LiveSession({ session, user, target, onEnded, onChanged }: LiveSessionProps) {
  const { t } = useTranslation(['sessions', 'cases', 'evidence', 'confirmation']);
  const { db } = useServices();
  const { message, modal } = App.useApp();
  const media = useLocalMedia();
  const [token, setToken] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<MinutesRecord | null>(null);
  const mediator = session.participants.find((p) => p.role === 'mediator')!;
  const errorText = useCallback((code: string, params?: Record<string, unknown>) => translateCode(t, code, params, ERROR_NAMESPACES), [t]);

  useEffect(() => {
    let cancelled = false;
    target
      .mint({ session: session.id, ttlSeconds: Math.min(12 * 3600, MAX_TOKEN_TTL_SECONDS), participants: [{ role: 'mediator', name: mediator.name, id: mediator.id }] })
      .then((response) => {
        if (!cancelled) setToken(response.tokens[0]?.token ?? null);
      })
      .catch((error: unknown) => {
        if (!cancelled) setProblem((error as Error)?.message ?? String(error));
      });
    void readMinutes(db, session.id).then((m) => {
      if (!cancelled) setMinutes(m);
    });
    return () => {
      cancelled = true;
    };
  }, [db, session.id, mediator.id, mediator.name, target]);

  // The application for judicial confirmation awaiting the parties' hand signatures, if any: a
  // party in the session can sign it on their own screen.
  const [application, setApplication] = useState<CenterApplication | null>(null);
  const loadApplication = useCallback(async () => {
    const latest = (await readApplications(db, session.caseId)).at(-1) ?? null;
    setApplication(latest && latest.application === null && latest.built === null ? latest : null);
  }, [db, session.caseId]);
  useEffect(() => {
    void loadApplication();
  }, [loadApplication]);

  const storeRemoteSignature = useCallback(
    async (from: ParticipantView, signature: HandSignature) => {
      const invited = session.participants.find((p) => p.id === from.id);
      const latest = (await readApplications(db, session.caseId)).at(-1);
      // Only the party this participant was invited as may sign, as themself.
      if (!invited?.partyId || signature.signerId !== invited.partyId || signature.signerRole !== 'party' || !latest) return void message.error(t('sessions:remoteSigning.mismatch', { name: from.name }));
      const stored = await addApplicationSignature(db, user, latest.id, null, signature);
      if (!stored.ok) return void message.error(translateCode(t, stored.error.code, stored.error.params, ['confirmation', 'signatures', 'sessions']));
      void message.success(t('sessions:remoteSigning.signed', { name: from.name }));
      await loadApplication();
    },
    [db, user, session.caseId, session.participants, message, t, loadApplication],
  );

  const onEvent = useCallback(
    (event: CallEvent) => {
      const at = new Date().toISOString();
      if (event.type === 'peer-message' && event.message.type === 'signature') return void storeRemoteSignature(event.from, event.message.signature);
      if (event.type === 'peer-message' && event.message.type === 'signature-declined') return void message.info(t('sessions:remoteSigning.declined', { name: event.from.name }));
      if (event.type === 'log') {
        const entry: LogEntry = { at, event: event.event, participantId: event.participant?.id ?? null, name: event.participant?.name ?? null, room: event.room };
        void appendSessionLog(db, user, session.id, [entry]);
      } else if (event.type === 'peer-failed') {
        void appendSessionLog(db, user, session.id, [{ at, event: 'connection_failed', participantId: event.participant.id, name: event.participant.name, room: event.participant.room }]);
      } else if (event.message.type === 'consent') {
        const { kind, statement, givenAt } = event.message;
        void recordConsent(db, user, session.id, { participantId: event.from.id, name: event.from.name, role: event.from.role, kind, statement, givenAt, receivedAt: at }).then((result) => {
          if (result.ok) onChanged();
        });
      }
    },
    [db, user, session.id, onChanged, storeRemoteSignature, message, t],
  );

  // The call lives as long as the token and camera: a new handler (the list reloading after a
  // consent) must not start a new call, so the call reaches the handler through a ref.
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);
  const options = useMemo<CallOptions | null>(
    () => (token && !media.opening ? { signalUrl: target.signalUrl, token, localStream: media.stream, iceServers: target.iceServers, onEvent: (event) => onEventRef.current(event) } : null),
    [token, media.opening, media.stream, target],
  );
  const { call, snapshot } = useCall(options);
  const { you, participants, peers, local, phase } = snapshot;

  useEffect(() => {
    if (phase === 'ended') {
      void endSession(db, user, session.id).then(() => onEnded());
    }
  }, [phase, db, user, session.id, onEnded]);

  useEffect(() => {
    if (snapshot.notice) void message.warning(t(`sessions:refusal.${snapshot.notice.code}`, { defaultValue: t('sessions:refusal.other') }));
  }, [snapshot.notice, message, t]);

  const seen = new Map(participants.map((p) => [p.id, p]));
  const consented = (id: string) => session.consents.some((c) => c.participantId === id && c.kind === 'online_mediation');
  const myRoom = you?.room ?? JOINT_ROOM;
  const inMyRoom = participants.filter((p) => p.room === myRoom && myRoom !== WAITING_ROOM);

  const shareScreen = async () => {
    if (local.screen) return call?.stopScreenShare();
    try {
      call?.startScreenShare(await openScreen());
    } catch (error) {
      if (error instanceof MediaAccessError && error.problem === 'denied') return;
      void message.error(t('sessions:live.screenFailed'));
    }
  };

  const backToJoint = () => {
    for (const p of participants) if (p.room !== JOINT_ROOM && p.room !== WAITING_ROOM) call?.move(p.id, JOINT_ROOM);
    if (you && you.room !== JOINT_ROOM) call?.move(you.id, JOINT_ROOM);
  };

  const saveEntry = async (entry: { id: string; at: string; text: string }) => {
    const result = await saveMinutesEntry(db, user, session.id, entry);
    if (result.ok) {
      setMinutes(result.value);
      return null;
    }
    return errorText(result.error.code, result.error.params);
  };
  const deleteEntry = async (id: string) => {
    const result = await deleteMinutesEntry(db, user, session.id, id);
    if (result.ok) {
      setMinutes(result.value);
      return null;
    }
    return errorText(result.error.code, result.error.params);
  };

  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Flex vertical gap={12}>
          {problem && <Alert type="error" showIcon role="alert" message={t('sessions:live.mintFailed', { detail: problem })} />}
          {media.problem && <Alert type="warning" showIcon message={t(`sessions:problem.${media.problem}.title`)} description={t(`sessions:problem.${media.problem}.body`)} />}
          {phase === 'connecting' && !problem && <Alert type="info" showIcon role="status" message={t('sessions:live.connecting')} />}
          {phase === 'reconnecting' && <Alert type="warning" showIcon role="status" message={t('sessions:live.reconnecting')} />}
          {phase === 'refused' && snapshot.end?.kind === 'refused' && (
            <Alert type="error" showIcon role="alert" message={t('sessions:live.refused')} description={t(`sessions:refusal.${snapshot.end.code}`, { defaultValue: t('sessions:refusal.other') })} />
          )}
          <Typography.Text role="status" aria-label={t('sessions:live.myRoomStatus')}>
            {t('sessions:live.youAreIn', { room: t(`sessions:room.${myRoom}`) })}
          </Typography.Text>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: 8 }}>
            {inMyRoom.map((p) => (
              <RemoteTile key={p.id} participant={p} peer={peers.get(p.id)} onRetry={() => call?.retryPeer(p.id)} />
            ))}
            <VideoTile name={mediator.name} roleLabel={t('sessions:tile.you', { role: t('sessions:role.mediator') })} stream={local.stream} self audioOn={local.audio} videoOn={local.video} screen={local.screen} />
          </div>
          <Space wrap>
            <Button icon={local.audio ? <AudioOutlined aria-hidden /> : <AudioMutedOutlined aria-hidden />} aria-pressed={!local.audio} onClick={() => call?.setAudio(!local.audio)} disabled={!call}>
              {local.audio ? t('sessions:controls.mute') : t('sessions:controls.unmute')}
            </Button>
            <Button icon={<VideoCameraOutlined aria-hidden />} aria-pressed={!local.video} onClick={() => call?.setVideo(!local.video)} disabled={!call}>
              {local.video ? t('sessions:controls.cameraOff') : t('sessions:controls.cameraOn')}
            </Button>
            <Button icon={<DesktopOutlined aria-hidden />} aria-pressed={local.screen} onClick={() => void shareScreen()} disabled={!call || !local.stream?.getVideoTracks().length} title={local.stream?.getVideoTracks().length ? undefined : t('sessions:live.shareNeedsCamera')}>
              {local.screen ? t('sessions:controls.stopShare') : t('sessions:controls.share')}
            </Button>
            {call && <Recorder call={call} snapshot={snapshot} session={session} user={user} onRecorded={onChanged} />}
            <Button
              danger
              type="primary"
              onClick={() =>
                modal.confirm({
                  title: t('sessions:live.endConfirm'),
                  okText: t('sessions:live.end'),
                  okButtonProps: { danger: true },
                  cancelText: t('sessions:common.cancel'),
                  onOk: () => {
                    // Without the server (network down) the session still ends here.
                    if (!call?.end()) void endSession(db, user, session.id).then(() => onEnded());
                  },
                })
              }
            >
              {t('sessions:live.end')}
            </Button>
          </Space>
        </Flex>
      </Col>
      <Col xs={24} xl={8}>
        <Flex vertical gap={12}>
          <Card size="small" title={t('sessions:live.participants')}>
            <Flex vertical gap={10}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text id="my-room-label">{t('sessions:live.myRoom')}</Typography.Text>
                <Select<RoomId> value={myRoom} aria-labelledby="my-room-label" onChange={(room) => you && call?.move(you.id, room)} options={ROOMS.map((r) => ({ value: r, label: t(`sessions:room.${r}`) }))} style={{ width: 150 }} disabled={!you} />
                <Button onClick={backToJoint} disabled={!you}>
                  {t('sessions:live.allToJoint')}
                </Button>
              </Flex>
              {session.participants
                .filter((p) => p.role !== 'mediator')
                .map((p) => {
                  const view = seen.get(p.id);
                  const peer = peers.get(p.id);
                  return (
                    <section key={p.id} aria-label={t('sessions:live.participantCard', { name: p.name })} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
                      <Flex gap={6} align="center" wrap>
                        <Typography.Text strong>{p.name}</Typography.Text>
                        <span>{t(`sessions:role.${p.role}`)}</span>
                        <Tag role="status" color={!view ? 'default' : view.state === 'reconnecting' ? 'orange' : view.room === WAITING_ROOM ? 'gold' : 'green'}>
                          {!view ? t('sessions:presence.absent') : view.state === 'reconnecting' ? t('sessions:presence.reconnecting') : t(`sessions:room.${view.room}`)}
                        </Tag>
                        {consented(p.id) && <Tag color="blue">{t('sessions:live.consented')}</Tag>}
                        {peer?.quality && peer.quality.quality !== 'unknown' && <Tag>{t(`sessions:quality.${peer.quality.quality}`)}</Tag>}
                      </Flex>
                      {view && view.room === WAITING_ROOM && (
                        <Button type="primary" size="small" style={{ marginTop: 6 }} onClick={() => call?.admit(p.id)}>
                          {t('sessions:live.admit', { name: p.name })}
                        </Button>
                      )}
                      {application && p.partyId && (p.role === 'applicant' || p.role === 'respondent') && (
                        <div style={{ marginTop: 6 }}>
                          {application.handSignatures.some((h) => h.signerId === p.partyId) ? (
                            <Tag color="green">{t('sessions:remoteSigning.done')}</Tag>
                          ) : (
                            <Button
                              size="small"
                              disabled={peer?.state !== 'connected'}
                              onClick={() =>
                                call?.sendTo(p.id, {
                                  type: 'signature-request',
                                  document: t('confirmation:application.title'),
                                  statement: t('confirmation:application.statement'),
                                  signer: { id: p.partyId!, role: 'party', name: p.name },
                                })
                              }
                            >
                              {t('sessions:remoteSigning.request', { name: p.name })}
                            </Button>
                          )}
                        </div>
                      )}
                      {view && view.room !== WAITING_ROOM && (
                        <Select<RoomId>
                          size="small"
                          value={view.room}
                          aria-label={t('sessions:live.roomOf', { name: p.name })}
                          onChange={(room) => call?.move(p.id, room)}
                          options={ROOMS.map((r) => ({ value: r, label: t(`sessions:room.${r}`) }))}
                          style={{ width: 150, marginTop: 6 }}
                        />
                      )}
                    </section>
                  );
                })}
            </Flex>
          </Card>
          <Card size="small">{minutes && <MinutesEditor minutes={minutes} readOnly={minutes.finalised !== null} onSave={saveEntry} onDelete={deleteEntry} />}</Card>
        </Flex>
      </Col>
    </Row>
  );
}
