// The register as a virtualized table: only the rows in view are in the DOM, whatever the number
// of consultations loaded; the register number opens the consultation.
import { Button, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '../../../../shared/domain/identifiers';
import { formatDateTime } from '../../../kit/time';
import type { ConsultationEntry } from '../store';
import { useNames } from '../names';

export interface DeskTableProps {
  rows: readonly ConsultationEntry[];
  hasMore: boolean;
  loadMore(): void;
}

export function DeskTable({ rows, hasMore, loadMore }: DeskTableProps) {
  const { t } = useTranslation('consultations');
  const names = useNames();
  const columns: ColumnsType<ConsultationEntry> = [
    { key: 'number', title: t('column.number'), width: 150, render: (_, r) => <Link to={`/consultations/${encodeURIComponent(r.id)}`}>{r.number}</Link> },
    { key: 'receivedAt', title: t('column.receivedAt'), width: 150, render: (_, r) => formatDateTime(r.receivedAt, names.language) },
    {
      key: 'person',
      title: t('column.person'),
      width: 220,
      render: (_, r) =>
        r.anonymised ? (
          <Typography.Text type="secondary">{t('desk.anonymised')}</Typography.Text>
        ) : (
          <span>
            {r.name}
            {r.idNumber !== '' && <Typography.Text type="secondary"> {maskIdNumber(r.idNumber)}</Typography.Text>}
          </span>
        ),
    },
    { key: 'topic', title: t('column.topic'), width: 200, render: (_, r) => names.topic(r.topic) },
    { key: 'channel', title: t('column.channel'), width: 110, render: (_, r) => names.channel(r.channel) },
    { key: 'outcome', title: t('column.outcome'), width: 160, render: (_, r) => names.outcome(r.outcome) },
    { key: 'lawyer', title: t('column.lawyer'), width: 120, render: (_, r) => r.lawyerName },
  ];
  return (
    <Flex vertical gap={8}>
      <Table<ConsultationEntry>
        aria-label={t('desk.tableLabel')}
        virtual
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows as ConsultationEntry[]}
        pagination={false}
        scroll={{ x: 1110, y: 560 }}
      />
      {hasMore && (
        <Button onClick={loadMore} style={{ alignSelf: 'center' }}>
          {t('desk.more', { shown: rows.length })}
        </Button>
      )}
    </Flex>
  );
}
