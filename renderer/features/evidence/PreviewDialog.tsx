// Preview of a stored item inside the app: images and PDFs (page by page), plain text; other
// kinds say that they cannot be shown. The bytes come from the blob store by their hash.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Modal, Spin, Typography } from 'antd';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '../../../shared/ledger/entry';
import { useServices } from '../../app/services';
import { drawPage, openPdf } from './pdf-pages';

type Loaded = { kind: 'image'; url: string } | { kind: 'pdf'; pdf: PDFDocumentProxy } | { kind: 'text'; text: string } | { kind: 'none' } | { kind: 'error' };
const TEXT_PREVIEW_BYTES = 200_000;

export function previewKind(entry: LedgerEntry): 'image' | 'pdf' | 'text' | 'none' {
  if (entry.contentSha256 === null) return 'none';
  if (/^image\/(png|jpeg|gif|webp|bmp)$/.test(entry.mediaType)) return 'image';
  if (entry.mediaType === 'application/pdf') return 'pdf';
  if (entry.mediaType.startsWith('text/')) return 'text';
  return 'none';
}

async function readAll(chunks: AsyncIterable<Uint8Array>, limit = Infinity): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  return parts;
}

function PdfView({ pdf }: { pdf: PDFDocumentProxy }) {
  const { t } = useTranslation('evidence');
  const canvas = useRef<HTMLCanvasElement>(null);
  const [page, setPage] = useState(1);
  useEffect(() => {
    if (canvas.current) void drawPage(pdf, page, canvas.current, 640);
  }, [pdf, page]);
  return (
    <Flex vertical gap={8} align="center">
      <canvas ref={canvas} aria-label={t('preview.pdfPage', { page, pages: pdf.numPages })} style={{ border: '1px solid #ddd', maxWidth: '100%' }} />
      <Flex gap={8} align="center">
        <Button onClick={() => setPage((p) => p - 1)} disabled={page <= 1}>
          {t('preview.previous')}
        </Button>
        <Typography.Text role="status">{t('preview.pageOf', { page, pages: pdf.numPages })}</Typography.Text>
        <Button onClick={() => setPage((p) => p + 1)} disabled={page >= pdf.numPages}>
          {t('preview.next')}
        </Button>
      </Flex>
    </Flex>
  );
}

export function PreviewDialog({ entry, onClose }: { entry: LedgerEntry | null; onClose: () => void }) {
  const { t } = useTranslation('evidence');
  const { platform } = useServices();
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    if (!entry) return;
    let cancelled = false;
    let url: string | null = null;
    setLoaded(null);
    const kind = previewKind(entry);
    void (async (): Promise<Loaded> => {
      if (kind === 'none') return { kind: 'none' };
      const blob = await platform.blobs.open(entry.contentSha256 as string);
      if (!blob) return { kind: 'error' };
      if (kind === 'text') {
        const parts = await readAll(blob.chunks(), TEXT_PREVIEW_BYTES);
        return { kind: 'text', text: new TextDecoder().decode(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer()).slice(0, TEXT_PREVIEW_BYTES) };
      }
      const data = new Blob((await readAll(blob.chunks())) as Uint8Array<ArrayBuffer>[], { type: entry.mediaType });
      if (kind === 'image') {
        url = URL.createObjectURL(data);
        return { kind: 'image', url };
      }
      return { kind: 'pdf', pdf: await openPdf(new Uint8Array(await data.arrayBuffer())) };
    })()
      .catch((): Loaded => ({ kind: 'error' }))
      .then((result) => !cancelled && setLoaded(result));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [entry, platform]);

  return (
    <Modal open={entry !== null} title={t('preview.title', { title: entry?.title ?? '' })} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      {loaded === null && <Spin />}
      {loaded?.kind === 'image' && <img src={loaded.url} alt={entry?.title} style={{ maxWidth: '100%' }} />}
      {loaded?.kind === 'pdf' && <PdfView pdf={loaded.pdf} />}
      {loaded?.kind === 'text' && (
        <pre aria-label={t('preview.text')} style={{ whiteSpace: 'pre-wrap', maxHeight: 480, overflow: 'auto' }}>
          {loaded.text}
        </pre>
      )}
      {loaded?.kind === 'none' && <Alert type="info" showIcon message={t('preview.none')} />}
      {loaded?.kind === 'error' && <Alert type="error" showIcon role="alert" message={t('preview.failed')} />}
    </Modal>
  );
}
