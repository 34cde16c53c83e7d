// Photograph a paper document or an object with the computer's camera (a document camera or a
// webcam): the still is recorded as a JPEG item like any file.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

function cameraError(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'camera.denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'camera.none';
  return 'camera.failed';
}

export function CameraDialog({ open, onClose, onCapture }: { open: boolean; onClose: () => void; onCapture: (jpeg: Uint8Array) => void }) {
  const { t } = useTranslation('evidence');
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    let started: MediaStream | null = null;
    setError(null);
    setReady(false);
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((s) => {
        started = s;
        if (cancelled) s.getTracks().forEach((track) => track.stop());
        else setStream(s);
      })
      .catch((e: unknown) => !cancelled && setError(cameraError(e)));
    return () => {
      cancelled = true;
      started?.getTracks().forEach((track) => track.stop());
      setStream(null);
    };
  }, [open]);

  useEffect(() => {
    if (video.current && stream) {
      video.current.srcObject = stream;
      void video.current.play().catch(() => undefined);
    }
  }, [stream]);

  const capture = () => {
    const el = video.current;
    if (!el || el.videoWidth === 0) return setError('camera.failed');
    const canvas = document.createElement('canvas');
    canvas.width = el.videoWidth;
    canvas.height = el.videoHeight;
    canvas.getContext('2d')?.drawImage(el, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (!blob) return setError('camera.failed');
        void blob.arrayBuffer().then((buffer) => onCapture(new Uint8Array(buffer)));
      },
      'image/jpeg',
      0.92,
    );
  };

  return (
    <Modal open={open} title={t('camera.title')} onCancel={onClose} footer={null} destroyOnHidden width={720}>
      <Flex vertical gap={12}>
        {error && <Alert type="error" showIcon role="alert" message={t(error)} />}
        <video ref={video} aria-label={t('camera.preview')} muted playsInline onLoadedData={() => setReady(true)} style={{ width: '100%', background: '#000', minHeight: 240 }} />
        <Flex gap={8} justify="end">
          <Button onClick={onClose}>{t('add.cancel')}</Button>
          <Button type="primary" onClick={capture} disabled={!stream || !ready}>
            {t('camera.take')}
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}
