// The joint application: the court, why it has jurisdiction, each party's service address, the
// parties' undertakings and hand signatures, and the institution's digital signature.
import { confirmationCourt } from '../../../shared/confirmation/court-of-case';
import { Alert, Button, Card, Checkbox, Descriptions, Flex, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { UNDERTAKINGS } from '../../../shared/confirmation/application/model';
import { JURISDICTION_REASONS } from '../../../shared/confirmation/manifest';
import type { CenterApplication } from '../../../shared/confirmation/center-record';
import type { Party } from '../../../shared/domain/model';
import { RefusalNotice } from '../../kit/refusal';
import { useSession } from '../auth';
import { undertakingId, type ConfirmationTabController } from './useConfirmationTab';

/** The institution key's passphrase, asked for only when its key is sealed by one. */
export function PassphraseField({ tab }: { tab: ConfirmationTabController }) {
  const { t } = useTranslation('confirmation');
  if (!tab.passphraseNeeded) return null;
  return <Input.Password value={tab.passphrase} onChange={(e) => tab.setPassphrase(e.target.value)} aria-label={t('passphrase')} placeholder={t('passphrase')} autoComplete="off" style={{ maxWidth: 280 }} />;
}

function HandSignatures({ tab, current, principals }: { tab: ConfirmationTabController; current: CenterApplication; principals: Party[] }) {
  const { t } = useTranslation('confirmation');
  return (
    <List
      size="small"
      dataSource={principals}
      renderItem={(p) => {
        const signed = current.handSignatures.some((s) => s.signerId === p.id);
        return (
          <List.Item
            actions={
              !tab.locked
                ? [
                    <Button key="sign" size="small" onClick={() => tab.setSigning({ id: p.id, role: 'party', name: p.name })} aria-describedby={tab.refusal.describedBy('hand')}>
                      {signed ? t('application.signAgain', { name: p.name }) : t('application.sign', { name: p.name })}
                    </Button>,
                  ]
                : []
            }
          >
            {p.name} <Tag color={signed ? 'green' : 'default'}>{signed ? t('application.signed') : t('application.unsigned')}</Tag>
          </List.Item>
        );
      }}
    />
  );
}

export function ApplicationCard({ tab, current, principals }: { tab: ConfirmationTabController; current: CenterApplication; principals: Party[] }) {
  const { t } = useTranslation('confirmation');
  const { institution } = useSession();
  const { details, locked, save, refusal } = tab;
  if (!details) return null;
  return (
    <Card title={t('application.title')} size="small" role="region" aria-label={t('application.title')}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('application.court')}>{confirmationCourt(tab.origin, institution.court).name || t('application.noCourt')}</Descriptions.Item>
      </Descriptions>
      <Flex vertical gap={8}>
        <Flex gap={8} wrap align="center">
          <Typography.Text id="jurisdiction-label">{t('application.jurisdiction')}</Typography.Text>
          <Select
            aria-labelledby="jurisdiction-label"
            value={details.jurisdiction.reason}
            disabled={locked}
            style={{ width: 260 }}
            options={JURISDICTION_REASONS.map((r) => ({ value: r, label: t(`jurisdiction.${r}`) }))}
            onChange={(reason) => save({ jurisdiction: { ...details.jurisdiction, reason } })}
          />
        </Flex>
        <Input
          aria-label={t('application.basis')}
          addonBefore={t('application.basis')}
          defaultValue={current.jurisdiction.basis}
          key={`basis-${current.id}`}
          disabled={locked}
          maxLength={300}
          onBlur={(e) => e.target.value !== current.jurisdiction.basis && save({ jurisdiction: { ...details.jurisdiction, basis: e.target.value } })}
        />
        {principals.map((p) => (
          <Input
            key={`${current.id}-${p.id}`}
            aria-label={t('application.serviceAddress', { name: p.name })}
            addonBefore={t('application.serviceAddress', { name: p.name })}
            defaultValue={current.serviceAddresses[p.id] ?? ''}
            disabled={locked}
            maxLength={200}
            onBlur={(e) => e.target.value !== (current.serviceAddresses[p.id] ?? '') && save({ serviceAddresses: { ...details.serviceAddresses, [p.id]: e.target.value } })}
          />
        ))}
        <Typography.Text strong>{t('application.undertakings')}</Typography.Text>
        {UNDERTAKINGS.map((u) => (
          <Checkbox key={u} id={undertakingId(u)} checked={details.undertakings[u]} disabled={locked} onChange={(e) => save({ undertakings: { ...details.undertakings, [u]: e.target.checked } })}>
            {t(`undertaking.${u}`)}
          </Checkbox>
        ))}
        <Typography.Text strong>{t('application.signatures')}</Typography.Text>
        <HandSignatures tab={tab} current={current} principals={principals} />
        <RefusalNotice handle={refusal} at="hand" />
        {current.application ? (
          <Alert type="success" showIcon role="status" message={t('application.done', { date: current.application.date })} />
        ) : (
          tab.canEdit && (
            <Space wrap>
              <PassphraseField tab={tab} />
              <Button type="primary" loading={tab.busy === 'sign'} onClick={tab.signPdf} aria-describedby={refusal.describedBy('sign')}>
                {t('application.signPdf')}
              </Button>
            </Space>
          )
        )}
        <RefusalNotice handle={refusal} at="sign" />
      </Flex>
    </Card>
  );
}
