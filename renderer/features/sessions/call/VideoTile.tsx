// One person's picture in a session, with what the others need to know at a glance: the name and
// role, microphone or camera off, connection quality, reconnecting — and, when no connection can
// be made, what happened and what to try instead of a black square.
import { Alert, Button, Flex, Tag, Typography } from 'antd';
import { AudioMutedOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityReading } from '../../../../shared/sessions/quality';
import type { PeerFailure } from './call-session';

export interface VideoTileProps {
  name: string;
  roleLabel: string;
  stream: MediaStream | null;
  /** Our own picture: muted (no echo) and mirrored, as people expect to see themselves. */
  self?: boolean;
  audioOn?: boolean;
  videoOn?: boolean;
  screen?: boolean;
  state?: 'connecting' | 'connected' | 'failed' | 'reconnecting';
  failure?: PeerFailure | null;
  quality?: QualityReading | null;
  framesDecoded?: number | null;
  onRetry?: () => void;
  height?: number;
}

const QUALITY_COLORS = { good: 'green', fair: 'gold', poor: 'red', stalled: 'red', unknown: 'default' } as const;

export function VideoTile(props: VideoTileProps) {
  const { t } = useTranslation('sessions');
  const { name, roleLabel, stream, self = false, audioOn = true, videoOn = true, screen = false, state = 'connected', failure = null, quality = null, framesDecoded = null, onRetry, height = 240 } = props;
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    if (element.srcObject !== stream) element.srcObject = stream;
    if (stream) void element.play().catch(() => {
      // Autoplay with sound may be refused until the user interacts; the picture still plays muted.
    });
  }, [stream]);

  const label = t('tile.label', { name, role: roleLabel });
  return (
    <figure
      role="group"
      aria-label={label}
      data-frames-decoded={framesDecoded ?? undefined}
      data-peer-state={state}
      style={{ margin: 0, position: 'relative', background: '#111', borderRadius: 8, overflow: 'hidden', height, minWidth: 200 }}
    >
      <video
        ref={video}
        aria-label={t('tile.video', { name })}
        autoPlay
        playsInline
        muted={self}
        style={{ width: '100%', height: '100%', objectFit: screen ? 'contain' : 'cover', transform: self && !screen ? 'scaleX(-1)' : undefined, display: stream && (videoOn || screen) ? 'block' : 'none' }}
      />
      {(!stream || (!videoOn && !screen)) && state !== 'failed' && (
        <Flex align="center" justify="center" style={{ position: 'absolute', inset: 0, color: '#ddd' }} vertical gap={4}>
          <VideoCameraOutlined aria-hidden style={{ fontSize: 32 }} />
          <span>{state === 'connecting' ? t('tile.connecting') : state === 'reconnecting' ? t('tile.reconnecting') : t('tile.cameraOff')}</span>
        </Flex>
      )}
      {state === 'failed' && (
        <div style={{ position: 'absolute', inset: 8, overflow: 'auto' }}>
          <Alert
            type="error"
            showIcon
            role="alert"
            message={t(failure === 'ice' ? 'failure.ice.title' : 'failure.setup.title', { name })}
            description={
              <>
                <p style={{ margin: 0 }}>{t(failure === 'ice' ? 'failure.ice.body' : 'failure.setup.body')}</p>
                {onRetry && (
                  <Button size="small" onClick={onRetry} style={{ marginTop: 8 }}>
                    {t('failure.retry')}
                  </Button>
                )}
              </>
            }
          />
        </div>
      )}
      <figcaption style={{ position: 'absolute', left: 0, right: 0, bottom: 0, padding: '4px 8px', background: 'rgba(0,0,0,0.55)', color: '#fff' }}>
        <Flex gap={6} align="center" wrap>
          <Typography.Text style={{ color: '#fff' }} strong>
            {name}
          </Typography.Text>
          <span>{roleLabel}</span>
          {!audioOn && (
            <Tag icon={<AudioMutedOutlined aria-hidden />} color="red">
              {t('tile.muted')}
            </Tag>
          )}
          {screen && <Tag color="blue">{t('tile.screen')}</Tag>}
          {state === 'reconnecting' && <Tag color="orange">{t('tile.reconnecting')}</Tag>}
          {!self && quality && quality.quality !== 'unknown' && (
            <Tag color={QUALITY_COLORS[quality.quality]} title={t('quality.detail', { fps: quality.framesPerSecond ?? '—', loss: quality.lossPercent ?? '—', rtt: quality.roundTripMs ?? '—' })}>
              {t(`quality.${quality.quality}`)}
            </Tag>
          )}
        </Flex>
      </figcaption>
    </figure>
  );
}
