// Everyone invited and where they are (not yet joined, waiting, in the joint room or a caucus room,
// reconnecting), with one action each to admit or move them, the mediator's own room, and a
// party's hand signature asked for on their own screen when an application awaits it.
import { Button, Card, Flex, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CenterApplication } from '../../../shared/confirmation/center-record';
import { caucusRoom, JOINT_ROOM, WAITING_ROOM, type ParticipantView, type RoomId } from '../../../shared/protocol/signaling';
import type { InvitedParticipant, VideoSession } from '../../../shared/sessions/model';
import type { CallSession, CallSnapshot, PeerView } from './call/call-session';

const ROOMS: RoomId[] = [JOINT_ROOM, caucusRoom(1), caucusRoom(2), caucusRoom(3)];

export interface ParticipantsCardProps {
  session: VideoSession;
  call: CallSession | null;
  snapshot: CallSnapshot;
  application: CenterApplication | null;
}

export function ParticipantsCard({ session, call, snapshot, application }: ParticipantsCardProps) {
  const { t } = useTranslation(['sessions']);
  const { you, participants, peers } = snapshot;
  const seen = new Map(participants.map((p) => [p.id, p]));
  const myRoom = you?.room ?? JOINT_ROOM;
  const roomOptions = ROOMS.map((r) => ({ value: r, label: t(`sessions:room.${r}`) }));

  const backToJoint = () => {
    for (const p of participants) if (p.room !== JOINT_ROOM && p.room !== WAITING_ROOM) call?.move(p.id, JOINT_ROOM);
    if (you && you.room !== JOINT_ROOM) call?.move(you.id, JOINT_ROOM);
  };

  return (
    <Card size="small" title={t('sessions:live.participants')}>
      <Flex vertical gap={10}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text id="my-room-label">{t('sessions:live.myRoom')}</Typography.Text>
          <Select<RoomId> value={myRoom} aria-labelledby="my-room-label" onChange={(room) => you && call?.move(you.id, room)} options={roomOptions} style={{ width: 150 }} disabled={!you} />
          <Button onClick={backToJoint} disabled={!you}>
            {t('sessions:live.allToJoint')}
          </Button>
        </Flex>
        {session.participants
          .filter((p) => p.role !== 'mediator')
          .map((p) => (
            <ParticipantRow key={p.id} invited={p} view={seen.get(p.id)} peer={peers.get(p.id)} session={session} call={call} application={application} />
          ))}
      </Flex>
    </Card>
  );
}

function ParticipantRow({ invited: p, view, peer, session, call, application }: { invited: InvitedParticipant; view: ParticipantView | undefined; peer: PeerView | undefined; session: VideoSession; call: CallSession | null; application: CenterApplication | null }) {
  const { t } = useTranslation(['sessions', 'confirmation']);
  const consented = session.consents.some((c) => c.participantId === p.id && c.kind === 'online_mediation');
  return (
    <section aria-label={t('sessions:live.participantCard', { name: p.name })} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
      <Flex gap={6} align="center" wrap>
        <Typography.Text strong>{p.name}</Typography.Text>
        <span>{t(`sessions:role.${p.role}`)}</span>
        <Tag role="status" color={!view ? 'default' : view.state === 'reconnecting' ? 'orange' : view.room === WAITING_ROOM ? 'gold' : 'green'}>
          {!view ? t('sessions:presence.absent') : view.state === 'reconnecting' ? t('sessions:presence.reconnecting') : t(`sessions:room.${view.room}`)}
        </Tag>
        {consented && <Tag color="blue">{t('sessions:live.consented')}</Tag>}
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
}
