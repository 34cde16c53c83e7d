// The mediator's controls in the call: microphone, camera, screen share, recording with consent,
// and ending the session.
import { App, Button, Space } from 'antd';
import { AudioMutedOutlined, AudioOutlined, DesktopOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import type { VideoSession } from '../../../shared/sessions/model';
import type { CallSession, CallSnapshot } from './call/call-session';
import { MediaAccessError, openScreen } from './call/media';
import { Recorder } from './Recorder';

export interface CallControlsProps {
  call: CallSession | null;
  snapshot: CallSnapshot;
  session: VideoSession;
  user: User;
  onRecorded(): void;
  onEnd(): void;
}

export function CallControls({ call, snapshot, session, user, onRecorded, onEnd }: CallControlsProps) {
  const { t } = useTranslation('sessions');
  const { message, modal } = App.useApp();
  const { local } = snapshot;
  const hasCamera = Boolean(local.stream?.getVideoTracks().length);

  const shareScreen = async () => {
    if (local.screen) return call?.stopScreenShare();
    try {
      call?.startScreenShare(await openScreen());
    } catch (error) {
      if (error instanceof MediaAccessError && error.problem === 'denied') return;
      void message.error(t('sessions:live.screenFailed'));
    }
  };

  return (
    <Space wrap>
      <Button icon={local.audio ? <AudioOutlined aria-hidden /> : <AudioMutedOutlined aria-hidden />} aria-pressed={!local.audio} onClick={() => call?.setAudio(!local.audio)} disabled={!call}>
        {local.audio ? t('sessions:controls.mute') : t('sessions:controls.unmute')}
      </Button>
      <Button icon={<VideoCameraOutlined aria-hidden />} aria-pressed={!local.video} onClick={() => call?.setVideo(!local.video)} disabled={!call}>
        {local.video ? t('sessions:controls.cameraOff') : t('sessions:controls.cameraOn')}
      </Button>
      <Button icon={<DesktopOutlined aria-hidden />} aria-pressed={local.screen} onClick={() => void shareScreen()} disabled={!call || !hasCamera} title={hasCamera ? undefined : t('sessions:live.shareNeedsCamera')}>
        {local.screen ? t('sessions:controls.stopShare') : t('sessions:controls.share')}
      </Button>
      {call && <Recorder call={call} snapshot={snapshot} session={session} user={user} onRecorded={onRecorded} />}
      <Button
        danger
        type="primary"
        onClick={() =>
          modal.confirm({
            title: t('sessions:live.endConfirm'),
            okText: t('sessions:live.end'),
            okButtonProps: { danger: true },
            cancelText: t('sessions:common.cancel'),
            onOk: onEnd,
          })
        }
      >
        {t('sessions:live.end')}
      </Button>
    </Space>
  );
}
