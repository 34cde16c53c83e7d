// The signed ruling shown in the app, page by page (pdf.js onto canvases): the Electron shell
// opens no PDF plugin or new window, so the clerk reads it here and downloads it to file it.
import { useEffect, useState } from 'react';
import { Alert, Modal, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { drawPage, openPdf } from '../evidence';

export function RulingViewer({ bytes, title, onClose }: { bytes: Uint8Array | null; title: string; onClose(): void }) {
  const { t } = useTranslation('court');
  // A callback ref: the dialog's body mounts after it opens, not with this component.
  const [holder, setHolder] = useState<HTMLDivElement | null>(null);
  const [state, setState] = useState<'loading' | 'shown' | { error: string }>('loading');

  useEffect(() => {
    if (!bytes || !holder) return;
    let live = true;
    setState('loading');
    void (async () => {
      // pdf.js takes over the buffer it is given: hand it a copy.
      const pdf = await openPdf(bytes.slice());
      try {
        for (let page = 1; page <= pdf.numPages && live; page++) {
          const canvas = document.createElement('canvas');
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', t('ruling.page', { page }));
          canvas.style.width = '100%';
          canvas.style.border = '1px solid #eee';
          await drawPage(pdf, page, canvas, 900);
          holder.append(canvas);
        }
        if (live) setState('shown');
      } finally {
        void pdf.destroy();
      }
    })().catch((error: unknown) => live && setState({ error: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
      holder.replaceChildren();
    };
  }, [bytes, holder, t]);

  return (
    <Modal open={bytes !== null} title={title} width={760} onCancel={onClose} footer={null} closable={{ 'aria-label': t('ruling.close') }} destroyOnHidden>
      {state === 'loading' && <Spin aria-label={t('ruling.loading')} />}
      {typeof state === 'object' && <Alert type="error" showIcon message={state.error} />}
      <div ref={setHolder} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} />
    </Modal>
  );
}
