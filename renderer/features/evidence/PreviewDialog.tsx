// Preview of a stored item inside the app: images and PDFs (page by page), plain text; other
// kinds say that they cannot be shown. The bytes come from the blob store by their hash; an item
// another workstation of the institution added is downloaded from the center server when first
// opened, its SHA-256 checked against the entry on arrival (refused, with why, when it differs).
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Modal, Spin, Typography } from 'antd';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '../../../shared/ledger/entry';
import { useServices } from '../../app/services';
import { useErrorText } from '../../kit/useErrorText';
import { drawPage, openPdf } from './pdf-pages';
import { ERROR_NAMESPACES } from './useLedger';
import { fetchEntryFile } from './verification';

type Loaded =
  | { kind: 'image'; url: string }
  | { kind: 'pdf'; pdf: PDFDocumentProxy }
  | { kind: 'text'; text: string }
  | { kind: 'none' }
  | { kind: 'error' }
  | { kind: 'fetching' }
  | { kind: 'notDownloaded'; reason: string };
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

export function PreviewDialog({ entry, onClose, onFetched }: { entry: LedgerEntry | null; onClose: () => void; onFetched?: () => void }) {
  const { t } = useTranslation('evidence');
  const { data, platform } = useServices();
  const errorText = useErrorText(ERROR_NAMESPACES);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  // The tab's reload after a download, without restarting the preview when the tab renders again.
  const onFetchedRef = useRef(onFetched);
  useEffect(() => {
    onFetchedRef.current = onFetched;
  }, [onFetched]);

  useEffect(() => {
    if (!entry) return;
    let cancelled = false;
    let url: string | null = null;
    setLoaded(null);
    const kind = previewKind(entry);
    void (async (): Promise<Loaded> => {
      if (kind === 'none') return { kind: 'none' };
      let blob = await platform.blobs.open(entry.contentSha256 as string);
      if (!blob) {
        if (!cancelled) setLoaded({ kind: 'fetching' });
        const problem = await fetchEntryFile(data, platform, entry);
        if (problem) return { kind: 'notDownloaded', reason: errorText(problem.code, problem.params) };
        onFetchedRef.current?.();
        blob = await platform.blobs.open(entry.contentSha256 as string);
        if (!blob) return { kind: 'error' };
      }
      if (kind === 'text') {
        const parts = await readAll(blob.chunks(), TEXT_PREVIEW_BYTES);
        return { kind: 'text', text: new TextDecoder().decode(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer()).slice(0, TEXT_PREVIEW_BYTES) };
      }
      const bytes = new Blob((await readAll(blob.chunks())) as Uint8Array<ArrayBuffer>[], { type: entry.mediaType });
      if (kind === 'image') {
        url = URL.createObjectURL(bytes);
        return { kind: 'image', url };
      }
      return { kind: 'pdf', pdf: await openPdf(new Uint8Array(await bytes.arrayBuffer())) };
    })()
      .catch((): Loaded => ({ kind: 'error' }))
      .then((result) => !cancelled && setLoaded(result));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [entry, data, platform, errorText]);

  return (
    <Modal open={entry !== null} title={t('preview.title', { title: entry?.title ?? '' })} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      {loaded === null && <Spin />}
      {loaded?.kind === 'fetching' && (
        <Flex gap={8} align="center" role="status">
          <Spin />
          <Typography.Text>{t('preview.fetching')}</Typography.Text>
        </Flex>
      )}
      {loaded?.kind === 'notDownloaded' && <Alert type="error" showIcon role="alert" message={t('preview.notDownloaded', { reason: loaded.reason })} />}
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
