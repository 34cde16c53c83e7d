// One referral unfolded: who sent it and whether its signer is registered here (else its
// fingerprint to compare by phone, and the registration once it matches), a category this
// institution does not take on, the parties, claims, facts and consent as sent, and what can be
// done now — accept (the case registered from it) or decline with a reason; for a sent one, the
// answer as imported.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Descriptions, Flex, Form, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { RefusalNotice } from '../../kit/refusal';
import type { ReferralRecord } from './kinds';
import { handles } from './store';
import { categoryLabel, groupedFingerprint } from './ui';
import { EntrustedPackages } from './EntrustedPackages';
import type { ReferralsController } from './useReferrals';

export function ReferralDetail({ record, c }: { record: ReferralRecord; c: ReferralsController }) {
  const { t } = useTranslation(['referrals', 'domain']);
  const lang = useLang();
  const r = record.referral;
  const [declining, setDeclining] = useState(false);
  const incoming = record.direction === 'incoming';
  const signer = incoming ? record.signer : record.answerSigner;
  const registered = signer ? c.registered.has(signer.fingerprint256) : false;
  return (
    <Flex vertical gap={12} role="region" aria-label={t('detail.label', { sender: r.sender.name })}>
      {signer &&
        (registered ? (
          <Alert type="success" showIcon message={t('verify.registered', { name: signer.name })} description={t('verify.fingerprint', { fingerprint: groupedFingerprint(signer.fingerprint256) })} />
        ) : (
          <Alert
            type="warning"
            showIcon
            message={t('verify.unverifiedTitle', { name: signer.name })}
            description={
              <Flex vertical gap={8}>
                <span>{t('verify.compare', { fingerprint: groupedFingerprint(signer.fingerprint256) })}</span>
                <div>
                  <Button size="small" onClick={() => void c.trust(record)} aria-describedby={c.refusal.describedBy(`trust:${record.id}`)}>
                    {t('verify.register')}
                  </Button>
                </div>
                <RefusalNotice handle={c.refusal} at={`trust:${record.id}`} />
              </Flex>
            }
          />
        ))}
      {incoming && !handles(c.categories, r.category) && <Alert type="warning" showIcon message={t('warning.category', { category: categoryLabel(r.category, lang) })} />}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('detail.sender')}>{r.sender.name}</Descriptions.Item>
        <Descriptions.Item label={t('detail.receiver')}>{r.receiver.name}</Descriptions.Item>
        <Descriptions.Item label={t('detail.kind')}>{t(`kind.${r.kind}`)}</Descriptions.Item>
        {r.deadline && <Descriptions.Item label={t('detail.deadline')}>{formatDate(r.deadline, lang)}</Descriptions.Item>}
        {r.courtReference && <Descriptions.Item label={t('detail.courtReference')}>{r.courtReference}</Descriptions.Item>}
        <Descriptions.Item label={t('detail.category')}>{categoryLabel(r.category, lang)}</Descriptions.Item>
        {r.parties.map((p, i) => (
          <Descriptions.Item key={i} label={t(`domain:side.${p.side}`)}>
            {[p.name, p.phone].filter(Boolean).join('，')}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('detail.claims')}>{r.claims}</Descriptions.Item>
        {r.facts && <Descriptions.Item label={t('detail.facts')}>{r.facts}</Descriptions.Item>}
        <Descriptions.Item label={t('detail.consent')}>{t('detail.consentText', { by: r.consent.by, method: t(`consentMethod.${r.consent.method}`), at: formatDateTime(r.consent.at, lang), recordedBy: r.consent.recordedBy })}</Descriptions.Item>
        {record.answer && <Descriptions.Item label={t('detail.answer')}>{answerText(record, t)}</Descriptions.Item>}
        {!record.answer && record.status === 'declined' && record.via && <Descriptions.Item label={t('detail.answer')}>{t('answerText.declined', { reason: record.via.reason })}</Descriptions.Item>}
        {!incoming && c.packagesOf(record).length > 0 && (
          <Descriptions.Item label={t('package.label')}>
            <EntrustedPackages packages={c.packagesOf(record)} />
          </Descriptions.Item>
        )}
      </Descriptions>
      <Space wrap>
        {incoming && record.status === 'received' && (
          <>
            <Button type="primary" onClick={() => void c.accept(record)} aria-describedby={c.refusal.describedBy(`accept:${record.id}`)}>
              {t('accept.button')}
            </Button>
            <Button danger onClick={() => setDeclining(true)}>
              {t('decline.button')}
            </Button>
          </>
        )}
        {incoming && record.caseId && <Link to={`/cases/${record.caseId}`}>{t('detail.openCase')}</Link>}
        {record.answerFileSha256 && <Button onClick={() => void c.download(record, 'answer')}>{t('detail.downloadAnswer')}</Button>}
        {!incoming && <Button onClick={() => void c.download(record, 'referral')}>{t('detail.downloadReferral')}</Button>}
      </Space>
      <RefusalNotice handle={c.refusal} at={`accept:${record.id}`} />
      {declining && <DeclineDialog record={record} c={c} onClose={() => setDeclining(false)} />}
    </Flex>
  );
}

function answerText(record: ReferralRecord, t: (key: string, options?: Record<string, unknown>) => string): string {
  const a = record.answer;
  if (!a) return '';
  switch (a.answer) {
    case 'declined':
      return t('answerText.declined', { reason: a.reason });
    case 'accepted':
      return t('answerText.accepted', { number: a.caseNumber ?? '' });
    case 'terminated':
      return t('answerText.terminated', { number: a.caseNumber ?? '', reason: t(`termination.reason.${a.termination?.reason ?? 'other'}`), explanation: a.termination?.explanation ?? '' });
    case 'agreement_reached':
      return t('answerText.agreement', { number: a.caseNumber ?? '', package: a.agreement?.packageId ?? t('answerText.noPackage') });
  }
}

function DeclineDialog({ record, c, onClose }: { record: ReferralRecord; c: ReferralsController; onClose: () => void }) {
  const { t } = useTranslation('referrals');
  const [reason, setReason] = useState('');
  return (
    <Modal
      open
      title={t('decline.title')}
      okText={t('decline.ok')}
      cancelText={t('decline.cancel')}
      okButtonProps={{ danger: true, 'aria-describedby': c.refusal.describedBy('decline') }}
      onOk={() => void c.decline(record, reason).then((done) => done && onClose())}
      onCancel={() => {
        c.refusal.clear();
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('decline.body', { sender: record.referral.sender.name })}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('decline.reason')} htmlFor="referral-decline-reason" required>
          <Input.TextArea id="referral-decline-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
      <RefusalNotice handle={c.refusal} at="decline" />
    </Modal>
  );
}
