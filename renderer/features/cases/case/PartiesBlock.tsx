// The case's parties. ID numbers arrive masked (个人信息保护法); "Show" fetches one in full through
// revealIdNumber, which records who looked, and the timeline then shows it.
import { useState } from 'react';
import { App, Button, Descriptions, Flex, Tag, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Party, User } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';
import { revealIdNumber } from '../../case-store';
import { useErrorText } from '../../../kit/useErrorText';
import { CASES_NAMESPACES } from '../i18n';
import { orderParties } from './party-order';

export function PartiesBlock({ parties, user, onRevealed }: { parties: readonly Party[]; user: User; onRevealed(): void }) {
  const { t } = useTranslation(['cases', 'domain']);
  const { data } = useServices();
  const { message } = App.useApp();
  const errorText = useErrorText(CASES_NAMESPACES);
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const nameOf = (id: string) => parties.find((p) => p.id === id)?.name ?? t('cases:parties.unknownPrincipal');

  const reveal = async (party: Party) => {
    setBusy(party.id);
    try {
      const result = await revealIdNumber(data, user, party.caseId, party.id);
      if (result.ok) {
        setRevealed((r) => ({ ...r, [party.id]: result.value }));
        onRevealed();
      } else {
        void message.error(errorText(result.error.code, result.error.params));
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex vertical gap={12}>
      {orderParties(parties).map((party, index) => {
        const title = (
          <Flex gap={8} align="center">
            <Typography.Text strong>{party.name}</Typography.Text>
            <Tag>{t(`cases:parties.kind.${party.kind}`)}</Tag>
            {party.kind !== 'agent' && <Tag color={party.side === 'applicant' ? 'blue' : party.side === 'respondent' ? 'purple' : 'default'}>{t(`domain:side.${party.side}`)}</Tag>}
          </Flex>
        );
        const items = [];
        if (party.kind === 'natural') {
          const full = revealed[party.id];
          items.push(
            { key: 'idType', label: t('cases:parties.idType'), children: t(`domain:idType.${party.idType}`) },
            {
              key: 'idNumber',
              label: t('cases:parties.idNumber'),
              children: (
                <Flex gap={8} align="center">
                  <span data-testid={`id-number-${index}`}>{full ?? party.idNumber}</span>
                  {!full && party.idNumber && (
                    <Button
                      size="small"
                      icon={<EyeOutlined aria-hidden />}
                      loading={busy === party.id}
                      onClick={() => void reveal(party)}
                      aria-label={t('cases:parties.revealFor', { name: party.name })}
                    >
                      {t('cases:parties.reveal')}
                    </Button>
                  )}
                </Flex>
              ),
            },
          );
        }
        if (party.kind === 'legal') {
          items.push(
            { key: 'creditCode', label: t('cases:parties.creditCode'), children: party.creditCode },
            { key: 'legalRepresentative', label: t('cases:parties.legalRepresentative'), children: party.legalRepresentative },
          );
        }
        if (party.kind === 'agent') {
          items.push(
            { key: 'principal', label: t('cases:parties.principal'), children: nameOf(party.principalId) },
            { key: 'licenseNo', label: t('cases:parties.licenseNo'), children: party.licenseNo || '—' },
            { key: 'firm', label: t('cases:parties.firm'), children: party.firm || '—' },
          );
        }
        items.push(
          { key: 'phone', label: t('cases:parties.phone'), children: party.phone || '—' },
          { key: 'address', label: t('cases:parties.address'), children: party.address || '—' },
        );
        return <Descriptions key={party.id} title={title} size="small" bordered column={{ xs: 1, md: 2 }} items={items} />;
      })}
    </Flex>
  );
}
