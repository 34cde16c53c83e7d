// The 法律咨询意见书 of a consultation: optionally signed by the lawyer by hand (the signatures
// feature's dialog), made as a PDF in the agreement's typesetting and fonts, saved through the
// platform, and noted in the audit log with its hash.
import { useState } from 'react';
import { Alert, Button, Card, Flex, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandSignature } from '../../../../shared/agreement/hand-signature';
import type { Consultation } from '../../../../shared/consultation/model';
import { bytesToHex, sha256Bytes } from '../../../../shared/ledger/hash';
import { useServices } from '../../../app/services';
import { agreementFonts } from '../../../kit/pdf-fonts';
import { useSession } from '../../auth';
import { SignatureDialog } from '../../signatures';
import { recordOpinionIssued } from '../store';

type Lang = 'zh-CN' | 'en-US';

export function OpinionCard({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation('consultations');
  const { data, platform } = useServices();
  const { user, institution } = useSession();
  const [language, setLanguage] = useState<Lang>('zh-CN');
  const [signature, setSignature] = useState<HandSignature | null>(null);
  const [signing, setSigning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const anonymised = consultation.person === null;
  const mayDraw = user.id === consultation.lawyerId;

  const make = async () => {
    setBusy(true);
    setResult(null);
    try {
      const [{ renderOpinionPdf }, fonts] = await Promise.all([import('../../../../shared/consultation/opinion'), agreementFonts()]);
      const pdf = await renderOpinionPdf({ consultation, institutionName: institution.name, signature, language }, fonts, new Date());
      await platform.files.saveFile(`${t('opinion.title')}-${consultation.number}${language === 'en-US' ? '-English' : ''}.pdf`, pdf.bytes, 'application/pdf');
      const noted = await recordOpinionIssued(data, user, consultation, { sha256: bytesToHex(sha256Bytes(pdf.bytes)), pages: pdf.pages });
      if (!noted.ok) throw noted.error;
      setResult({ type: 'success', text: t('opinion.made', { pages: pdf.pages }) });
    } catch (error) {
      const glyph = error as { char?: string; codePoint?: string };
      setResult({ type: 'error', text: glyph.char ? t('opinion.glyph', { char: glyph.char, codePoint: glyph.codePoint }) : t('opinion.failed', { detail: (error as Error).message }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('opinion.title')}</Typography.Title>}>
      {anonymised ? (
        <Typography.Text type="secondary">{t('opinion.anonymised')}</Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('opinion.intro')}</Typography.Text>
          <Radio.Group aria-label={t('opinion.language')} value={language} onChange={(e) => setLanguage(e.target.value as Lang)}>
            <Radio value="zh-CN">{t('opinion.zh')}</Radio>
            <Radio value="en-US">{t('opinion.en')}</Radio>
          </Radio.Group>
          <Space wrap>
            {mayDraw && !signature && <Button onClick={() => setSigning(true)}>{t('opinion.sign')}</Button>}
            {signature && (
              <>
                <Typography.Text type="success">{t('opinion.signed')}</Typography.Text>
                <Button onClick={() => setSignature(null)}>{t('opinion.removeSignature')}</Button>
              </>
            )}
            <Button type="primary" loading={busy} onClick={() => void make()} aria-describedby={result ? 'opinion-result' : undefined}>
              {busy ? t('opinion.making') : t('opinion.download')}
            </Button>
          </Space>
          {result && <Alert id="opinion-result" type={result.type} showIcon role={result.type === 'error' ? 'alert' : 'status'} message={result.text} />}
        </Flex>
      )}
      {signing && (
        <SignatureDialog
          open
          signer={{ id: user.id, role: 'mediator', name: user.displayName }}
          statement={t('opinion.signStatement')}
          onConfirm={(s) => {
            setSignature(s);
            setSigning(false);
          }}
          onCancel={() => setSigning(false)}
        />
      )}
    </Card>
  );
}
