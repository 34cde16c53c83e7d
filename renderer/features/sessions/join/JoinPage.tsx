// The party's page (issue 5): opened from the invitation link on a phone or computer, nothing to
// install. One step at a time — see yourself, agree to mediation by video, press the one big
// button — then the waiting room until the mediator admits you, then the room. A reload or a
// network change joins again by itself; refusals say what happened and what to do.
import { Alert, Button, Checkbox, Flex, Modal, Result, Space, Typography } from 'antd';
import { AudioMutedOutlined, AudioOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JOINT_ROOM, SIGNAL_PATH, type TokenPayload } from '../../../../shared/protocol/signaling';
import { peekTokenPayload } from '../../../../shared/sessions/invitation';
import type { PeerMessage } from '../../../../shared/sessions/peer-messages';
import { LanguageSwitch } from '../../../app/LanguageSwitch';
import type { CallOptions } from '../call/call-session';
import { useCall } from '../call/useCall';
import { RemoteTile } from '../call/RemoteTile';
import { VideoTile } from '../call/VideoTile';
import { SignatureDialog } from '../../signatures';
import { DeviceCheck, useLocalMedia } from './DeviceCheck';
import { roomNotice } from './room-notice';

const BIG = { height: 56, fontSize: 20, minWidth: 160 } as const;


function rejoinKey(payload: TokenPayload): string {
  return `mw-join.${payload.session}.${payload.id}`;
}

function remembered(payload: TokenPayload): boolean {
  try {
    return globalThis.sessionStorage?.getItem(rejoinKey(payload)) === 'joined';
  } catch {
    return false;
  }
}

function remember(payload: TokenPayload, joined: boolean): void {
  try {
    if (joined) globalThis.sessionStorage?.setItem(rejoinKey(payload), 'joined');
    else globalThis.sessionStorage?.removeItem(rejoinKey(payload));
  } catch {
    // Without storage a reload simply shows the join button again.
  }
}

export function signalUrlOfPage(location: Pick<Location, 'protocol' | 'host'> = globalThis.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SIGNAL_PATH}`;
}

export function tokenFromHash(hash: string): string | null {
  const query = hash.split('?')[1] ?? '';
  return new URLSearchParams(query).get('token');
}

export function JoinPage({ token }: { token: string | null }) {
  const { t } = useTranslation('sessions');
  const payload = useMemo(() => (token ? peekTokenPayload(token) : null), [token]);
  const [openedAt] = useState(() => Date.now());
  return (
    <main style={{ maxWidth: 960, margin: '0 auto', padding: 16, fontSize: 16 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }}>
          {t('join.title')}
        </Typography.Title>
        <LanguageSwitch />
      </Flex>
      {payload?.host && (
        <Typography.Paragraph data-testid="join-host" style={{ fontSize: 18 }}>
          {t('join.host', { institution: payload.host.institution, mediator: payload.host.mediator })}
        </Typography.Paragraph>
      )}
      {!token || !payload ? (
        <Result status="warning" title={t('join.badLink.title')} subTitle={t('join.badLink.body')} />
      ) : payload.exp < openedAt ? (
        <Result status="warning" title={t('join.expired.title')} subTitle={t('join.expired.body')} />
      ) : (
        <JoinFlow token={token} payload={payload} />
      )}
    </main>
  );
}

function JoinFlow({ token, payload }: { token: string; payload: TokenPayload }) {
  const { t } = useTranslation(['sessions', 'domain']);
  const media = useLocalMedia();
  const [consented, setConsented] = useState(() => remembered(payload));
  // The consent statement as the party agreed to it: fixed when they join, so switching the
  // language afterwards neither changes what was agreed nor restarts the call.
  const [agreed, setAgreed] = useState<{ statement: string; at: string } | null>(() => (remembered(payload) ? { statement: t('sessions:consent.statement'), at: new Date().toISOString() } : null));
  const joining = agreed !== null;
  const roleLabel = t(`sessions:role.${payload.role}`);
  const statement = t('sessions:consent.statement');

  // After a reload the participant had already joined: back in as soon as the camera is open.
  const ready = joining && !media.opening;
  const options = useMemo<CallOptions | null>(() => {
    if (!ready) return null;
    const greetings: PeerMessage[] = agreed ? [{ type: 'consent', kind: 'online_mediation', statement: agreed.statement, givenAt: agreed.at }] : [];
    return { signalUrl: signalUrlOfPage(), token, localStream: media.stream, greetings };
  }, [ready, token, media.stream, agreed]);

  if (!ready) {
    return (
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ fontSize: 18, margin: 0 }}>{t('sessions:join.greeting', { name: payload.name, role: roleLabel })}</Typography.Paragraph>
        <DeviceCheck stream={media.stream} problem={media.problem} opening={media.opening} onRetry={media.retry} />
        <Checkbox checked={consented} onChange={(e) => setConsented(e.target.checked)} style={{ fontSize: 18 }}>
          {statement}
        </Checkbox>
        <Button type="primary" size="large" style={BIG} disabled={!consented || media.opening} onClick={() => setAgreed({ statement, at: new Date().toISOString() })}>
          {t('sessions:join.join')}
        </Button>
        {!consented && <Typography.Text type="secondary">{t('sessions:join.consentFirst')}</Typography.Text>}
      </Flex>
    );
  }
  return <InCall options={options!} payload={payload} roleLabel={roleLabel} onLeft={() => remember(payload, false)} onJoined={() => remember(payload, true)} />;
}

function InCall({ options, payload, roleLabel, onJoined, onLeft }: { options: CallOptions; payload: TokenPayload; roleLabel: string; onJoined(): void; onLeft(): void }) {
  const { t } = useTranslation('sessions');
  const { call, snapshot } = useCall(options);
  const { phase, you, participants, peers, local } = snapshot;

  useEffect(() => {
    if (phase === 'waiting' || phase === 'in_room') onJoined();
    if (phase === 'left' || phase === 'ended' || phase === 'refused') onLeft();
  }, [phase, onJoined, onLeft]);

  if (phase === 'ended') return <Result status="success" title={t('join.ended.title')} subTitle={t('join.ended.body')} />;
  if (phase === 'left') return <Result status="info" title={t('join.left.title')} subTitle={t('join.left.body')} />;
  if (phase === 'refused') {
    const code = snapshot.end?.kind === 'refused' ? snapshot.end.code : 'internal';
    return <Result status="error" title={t('join.refused.title')} subTitle={t(`refusal.${code}`, { defaultValue: t('refusal.other') })} />;
  }

  const others = participants.filter((p) => p.room === you?.room);
  return (
    <Flex vertical gap={12}>
      {phase === 'reconnecting' && <Alert type="warning" showIcon role="status" message={t('join.reconnecting')} />}
      {phase === 'connecting' && <Alert type="info" showIcon role="status" message={t('join.connecting')} />}
      {phase === 'waiting' && <Alert type="info" showIcon role="status" message={t('join.waiting.title')} description={t('join.waiting.body')} style={{ fontSize: 18 }} />}
      {phase === 'in_room' && (
        <Alert
          type={you?.room === JOINT_ROOM ? 'success' : 'info'}
          showIcon
          role="status"
          message={t(`join.${roomNotice(you?.room === JOINT_ROOM, others.length)}`)}
        />
      )}
      {snapshot.recordingActive && <Alert type="warning" showIcon message={t('recording.activeNotice')} />}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: 8 }}>
        {phase === 'in_room' &&
          others.map((p) => (
            <RemoteTile key={p.id} participant={p} peer={peers.get(p.id)} onRetry={() => call?.retryPeer(p.id)} />
          ))}
        <VideoTile name={payload.name} roleLabel={t('tile.you', { role: roleLabel })} stream={local.stream} self audioOn={local.audio} videoOn={local.video} height={phase === 'in_room' ? 240 : 320} />
      </div>
      <Space size="large" wrap style={{ justifyContent: 'center', width: '100%' }}>
        <Button size="large" style={BIG} icon={local.audio ? <AudioOutlined aria-hidden /> : <AudioMutedOutlined aria-hidden />} aria-pressed={!local.audio} onClick={() => call?.setAudio(!local.audio)} disabled={!local.stream?.getAudioTracks().length}>
          {local.audio ? t('controls.mute') : t('controls.unmute')}
        </Button>
        <Button size="large" style={BIG} icon={<VideoCameraOutlined aria-hidden />} aria-pressed={!local.video} onClick={() => call?.setVideo(!local.video)} disabled={!local.stream?.getVideoTracks().length}>
          {local.video ? t('controls.cameraOff') : t('controls.cameraOn')}
        </Button>
        <Button size="large" danger style={BIG} onClick={() => call?.leave()}>
          {t('controls.leave')}
        </Button>
      </Space>
      {snapshot.signatureRequest && (
        <SignatureDialog
          open
          signer={snapshot.signatureRequest.signer}
          statement={`${snapshot.signatureRequest.document}：${snapshot.signatureRequest.statement}`}
          onConfirm={(signature) => call?.answerSignatureRequest(signature)}
          onCancel={() => call?.answerSignatureRequest(null)}
        />
      )}
      <Modal
        open={snapshot.recordingRequest !== null}
        title={t('recording.requestTitle')}
        okText={t('recording.agree')}
        cancelText={t('recording.decline')}
        closable={false}
        maskClosable={false}
        onOk={() => call?.answerRecordingRequest({ type: 'consent', kind: 'recording', statement: snapshot.recordingRequest?.statement ?? '', givenAt: new Date().toISOString() })}
        onCancel={() => call?.answerRecordingRequest(null)}
      >
        <Typography.Paragraph style={{ fontSize: 18 }}>{snapshot.recordingRequest?.statement}</Typography.Paragraph>
      </Modal>
    </Flex>
  );
}
