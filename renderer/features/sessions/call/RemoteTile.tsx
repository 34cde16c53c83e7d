// Another participant's tile, from what the server says about them (name, role, reconnecting) and
// what their peer connection says (stream, media state, quality, failure).
import { useTranslation } from 'react-i18next';
import type { ParticipantView } from '../../../../shared/protocol/signaling';
import type { PeerView } from './call-session';
import { VideoTile } from './VideoTile';

export function RemoteTile({ participant, peer, onRetry }: { participant: ParticipantView; peer: PeerView | undefined; onRetry(): void }) {
  const { t } = useTranslation('sessions');
  return (
    <VideoTile
      name={participant.name}
      roleLabel={t(`role.${participant.role}`)}
      stream={peer?.stream ?? null}
      audioOn={peer?.media?.audio ?? true}
      videoOn={peer?.media?.video ?? true}
      screen={peer?.media?.screen ?? false}
      state={participant.state === 'reconnecting' ? 'reconnecting' : peer?.state ?? 'connecting'}
      failure={peer?.failure ?? null}
      quality={peer?.quality ?? null}
      framesDecoded={peer?.framesDecoded ?? null}
      onRetry={onRetry}
    />
  );
}
