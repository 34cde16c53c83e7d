// The mediator's session view inside the case: everyone invited and where they are (not yet
// joined, waiting, in the joint room or a caucus room, reconnecting), admitting and moving them
// with one action each, the video of the room the mediator is in, microphone, camera, screen
// share, recording with consent, connection quality, and the minutes beside it. The controller is
// useLiveSession; the parts are the controls, the participants card and the minutes.
import { Alert, Card, Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import { JOINT_ROOM, WAITING_ROOM } from '../../../shared/protocol/signaling';
import type { VideoSession } from '../../../shared/sessions/model';
import { RemoteTile } from './call/RemoteTile';
import { VideoTile } from './call/VideoTile';
import { CallControls } from './CallControls';
import { MinutesEditor } from './MinutesEditor';
import { ParticipantsCard } from './ParticipantsCard';
import type { SignalingTarget } from './signaling-target';
import { useLiveSession } from './useLiveSession';
import { useMinutes } from './useMinutes';

export interface LiveSessionProps {
  session: VideoSession;
  user: User;
  target: SignalingTarget;
  onEnded(): void;
  onChanged(): void;
}

export function LiveSession({ session, user, target, onEnded, onChanged }: LiveSessionProps) {
  const { t } = useTranslation(['sessions', 'cases', 'evidence', 'confirmation']);
  const { media, problem, call, snapshot, application, end } = useLiveSession({ session, user, target, onEnded, onChanged });
  const { minutes, save, remove } = useMinutes(session, user);
  const mediator = session.participants.find((p) => p.role === 'mediator')!;
  const { you, participants, peers, local, phase } = snapshot;
  const myRoom = you?.room ?? JOINT_ROOM;
  const inMyRoom = participants.filter((p) => p.room === myRoom && myRoom !== WAITING_ROOM);

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
          <CallControls call={call} snapshot={snapshot} session={session} user={user} onRecorded={onChanged} onEnd={end} />
        </Flex>
      </Col>
      <Col xs={24} xl={8}>
        <Flex vertical gap={12}>
          <ParticipantsCard session={session} call={call} snapshot={snapshot} application={application} />
          <Card size="small">{minutes && <MinutesEditor minutes={minutes} readOnly={minutes.finalised !== null} onSave={save} onDelete={remove} />}</Card>
        </Flex>
      </Col>
    </Row>
  );
}
