// Before joining: the party sees themselves and a microphone level, so they know the camera and
// microphone work; when the browser refuses, they are told why in plain words and how to fix it.
import { Alert, Button, Flex, Progress, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MediaAccessError, openCamera, stopStream, type MediaProblem } from '../call/media';

export function useMicrophoneLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0 || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const data = new Uint8Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getByteTimeDomainData(data);
      let peak = 0;
      for (const value of data) peak = Math.max(peak, Math.abs(value - 128));
      setLevel(Math.min(100, Math.round((peak / 128) * 200)));
    }, 150);
    return () => {
      clearInterval(timer);
      void context.close();
    };
  }, [stream]);
  return level;
}

export interface DeviceCheckResult {
  stream: MediaStream | null;
  problem: MediaProblem | null;
}

/** Opens the camera once (and again on "try again"); the stream belongs to the caller from then on. */
export function useLocalMedia(): DeviceCheckResult & { opening: boolean; retry(): void } {
  const [result, setResult] = useState<DeviceCheckResult>({ stream: null, problem: null });
  const [attempt, setAttempt] = useState(0);
  const [opening, setOpening] = useState(true);
  const current = useRef<MediaStream | null>(null);
  useEffect(() => {
    let cancelled = false;
    setOpening(true);
    openCamera()
      .then((stream) => {
        if (cancelled) return stopStream(stream);
        current.current = stream;
        setResult({ stream, problem: null });
      })
      .catch((error: unknown) => {
        if (!cancelled) setResult({ stream: null, problem: error instanceof MediaAccessError ? error.problem : 'other' });
      })
      .finally(() => {
        if (!cancelled) setOpening(false);
      });
    return () => {
      cancelled = true;
    };
  }, [attempt]);
  useEffect(() => () => stopStream(current.current), []);
  return { ...result, opening, retry: () => setAttempt((n) => n + 1) };
}

export function DeviceCheck({ stream, problem, opening, onRetry }: DeviceCheckResult & { opening: boolean; onRetry(): void }) {
  const { t } = useTranslation('sessions');
  const preview = useRef<HTMLVideoElement>(null);
  const level = useMicrophoneLevel(stream);
  const hasVideo = Boolean(stream?.getVideoTracks().length);
  const hasAudio = Boolean(stream?.getAudioTracks().length);

  useEffect(() => {
    if (preview.current && preview.current.srcObject !== stream) preview.current.srcObject = stream;
  }, [stream]);

  return (
    <Flex vertical gap={12}>
      <div style={{ background: '#111', borderRadius: 8, overflow: 'hidden', aspectRatio: '4 / 3', maxHeight: 360, display: 'grid', placeItems: 'center' }}>
        {hasVideo ? (
          <video ref={preview} aria-label={t('join.preview')} autoPlay playsInline muted style={{ width: '100%', height: '100%', objectFit: 'cover', transform: 'scaleX(-1)' }} />
        ) : (
          <Typography.Text style={{ color: '#ddd', fontSize: 18 }}>{opening ? t('join.opening') : t('join.noCamera')}</Typography.Text>
        )}
      </div>
      {hasAudio && (
        <div>
          <Typography.Text id="mic-level-label">{t('join.micLevel')}</Typography.Text>
          <Progress percent={level} showInfo={false} aria-labelledby="mic-level-label" />
        </div>
      )}
      {problem && (
        <Alert
          type={problem === 'no_device' ? 'warning' : 'error'}
          showIcon
          role="alert"
          message={t(`problem.${problem}.title`)}
          description={
            <>
              <p style={{ margin: 0, fontSize: 16 }}>{t(`problem.${problem}.body`)}</p>
              <Button size="large" onClick={onRetry} style={{ marginTop: 8 }}>
                {t('join.retryDevices')}
              </Button>
            </>
          }
        />
      )}
      {!problem && stream && !hasVideo && <Alert type="warning" showIcon message={t('join.audioOnly')} />}
    </Flex>
  );
}
