// The PDF as it will print, rendered by the same code that makes the signed file and shown page by
// page with pdf.js. A character no shipped font can print is named here, before finalisation.
import { Alert, Flex, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { AgreementContent, AgreementRecord } from '../../../shared/agreement/model';
import type { AgreementDocumentInput } from '../../../shared/agreement/pdf/compose';
import type { Party } from '../../../shared/domain/model';
import { drawPage, openPdf } from '../evidence';
import { agreementFonts } from '../../kit/pdf-fonts';

type State = { kind: 'rendering' } | { kind: 'ready'; pdf: PDFDocumentProxy; ms: number; bytes: number } | { kind: 'failed'; message: string };

/** What a preview of an unsigned version prints: `content` as typed, the hand signatures so far. */
export function unsignedPreviewInput(
  agreement: AgreementRecord,
  content: AgreementContent,
  parties: readonly Party[],
  where: { caseNumber: string; institutionName: string; mediator: { id: string; name: string } },
): AgreementDocumentInput {
  return { ...where, parties, content, signatures: agreement.handSignatures.map((h) => h.signature), version: agreement.version, draft: true, language: 'zh-CN' };
}

export async function renderPreview(input: AgreementDocumentInput): Promise<Uint8Array> {
  const [{ renderAgreementPdf }, fonts] = await Promise.all([import('../../../shared/agreement/pdf/render'), agreementFonts()]);
  return (await renderAgreementPdf(input, fonts, { creationDate: new Date() })).bytes;
}

function Page({ pdf, page }: { pdf: PDFDocumentProxy; page: number }) {
  const { t } = useTranslation('agreements');
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    // A render still running when the preview moves on to a newer document is cancelled with it.
    if (canvas.current) drawPage(pdf, page, canvas.current, 560).catch(() => undefined);
  }, [pdf, page]);
  return <canvas ref={canvas} aria-label={t('preview.page', { page, pages: pdf.numPages })} style={{ border: '1px solid #ddd', maxWidth: '100%', background: '#fff' }} />;
}

export function AgreementPreview({ input }: { input: AgreementDocumentInput }) {
  const { t } = useTranslation('agreements');
  const [state, setState] = useState<State>({ kind: 'rendering' });

  // pdf.js keeps a worker-side document per open PDF: each replaced or abandoned one is destroyed.
  useEffect(() => () => {
    if (state.kind === 'ready') void state.pdf.destroy();
  }, [state]);

  useEffect(() => {
    let cancelled = false;
    setState((s) => (s.kind === 'ready' ? s : { kind: 'rendering' }));
    const started = performance.now();
    void (async () => {
      try {
        const bytes = await renderPreview(input);
        const pdf = await openPdf(bytes);
        if (cancelled) {
          void pdf.destroy();
          return;
        }
        setState({ kind: 'ready', pdf, ms: Math.round(performance.now() - started), bytes: bytes.length });
      } catch (error) {
        const glyph = error as { char?: string; codePoint?: string };
        const message = glyph.char ? t('preview.glyphMissing', { char: glyph.char, codePoint: glyph.codePoint }) : t('preview.failed', { message: (error as Error).message });
        if (!cancelled) setState({ kind: 'failed', message });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [input, t]);

  if (state.kind === 'failed') return <Alert type="error" showIcon message={state.message} role="alert" />;
  if (state.kind === 'rendering') return <Spin tip={t('preview.rendering')}><div style={{ minHeight: 200 }} /></Spin>;
  return (
    <section aria-label={t('preview.label')}>
      <Typography.Text type="secondary" role="status">
        {t('preview.summary', { pages: state.pdf.numPages, kb: Math.ceil(state.bytes / 1024) })}
      </Typography.Text>
      <Flex vertical gap={12} align="center" style={{ maxHeight: '80vh', overflow: 'auto', padding: 8, background: '#f3f3f3' }}>
        {Array.from({ length: state.pdf.numPages }, (_, i) => (
          <Page key={`${i}-${state.ms}-${state.bytes}`} pdf={state.pdf} page={i + 1} />
        ))}
      </Flex>
    </section>
  );
}
