// The case's signed checkpoints: how many entries each covers, when, why and by whom, its root,
// and whether its signature and root held at the last verification.
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerReport } from '../../../shared/ledger/verify';
import type { CheckpointRow } from '../../data';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';

export function CheckpointTable({ checkpoints, report }: { checkpoints: CheckpointRow[]; report: LedgerReport | null }) {
  const { t } = useTranslation('evidence');
  const language = useLang();
  return (
    <section aria-label={t('checkpoint.label')}>
      <Typography.Title level={2} style={{ fontSize: 16 }}>{t('checkpoint.label')}</Typography.Title>
      {checkpoints.length === 0 ? (
        <Typography.Text type="secondary">{t('checkpoint.none')}</Typography.Text>
      ) : (
        <Table<CheckpointRow>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={checkpoints}
          columns={[
            { title: t('checkpoint.size'), key: 'size', render: (_, c) => t('checkpoint.covers', { size: c.treeSize }) },
            { title: t('checkpoint.time'), key: 'time', render: (_, c) => formatDateTime(c.signed.checkpoint.time, language) },
            { title: t('checkpoint.reason'), key: 'reason', render: (_, c) => t(`checkpoint.reasons.${c.reason}`) },
            { title: t('checkpoint.by'), key: 'by', render: (_, c) => c.signedBy.name },
            {
              title: t('checkpoint.root'),
              key: 'root',
              render: (_, c) => (
                <Typography.Text code copyable={{ text: c.signed.checkpoint.rootHash }}>
                  {c.signed.checkpoint.rootHash.slice(0, 12)}
                </Typography.Text>
              ),
            },
            {
              title: t('table.check'),
              key: 'check',
              render: (_, _c, index) => {
                const checked = report?.checkpoints[index];
                if (!checked) return <Tag>{t('check.unchecked')}</Tag>;
                const ok = checked.signature && checked.root;
                return <Tag color={ok ? 'green' : 'red'}>{ok ? t('checkpoint.valid') : !checked.signature ? t('checkpoint.badSignature') : t('checkpoint.badRoot')}</Tag>;
              },
            },
          ]}
        />
      )}
    </section>
  );
}
