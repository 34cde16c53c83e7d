// 转介: referrals received (the inbox: verified, or unverified with the signer's fingerprint to
// compare; a category the institution does not take on warned; accept or decline with a reason)
// and referrals sent (their status from the imported answers). A referral file or an answer file
// is imported here; a new referral is made on its own page.
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { RefusalNotice } from '../../kit/refusal';
import type { ReferralRecord } from './kinds';
import { HandledCategories } from './HandledCategories';
import { ReferralDetail } from './ReferralDetail';
import { useReferrals, type ReferralsController } from './useReferrals';
import { categoryLabel, statusColor } from './ui';

export default function ReferralsPage() {
  const { t } = useTranslation('referrals');
  const c = useReferrals();
  const referralInput = useRef<HTMLInputElement>(null);
  const answerInput = useRef<HTMLInputElement>(null);
  const incoming = (c.records ?? []).filter((r) => r.direction === 'incoming');
  const outgoing = (c.records ?? []).filter((r) => r.direction === 'outgoing');
  const fileInput = (ref: React.RefObject<HTMLInputElement | null>, label: string, onFile: (file: File) => Promise<void>) => (
    <input
      ref={ref}
      type="file"
      aria-label={label}
      style={{ display: 'none' }}
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (file) void onFile(file);
      }}
    />
  );
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 30 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      </div>
      <Card>
        <Space wrap>
          <Link to="/referrals/new">
            <Button type="primary">{t('new')}</Button>
          </Link>
          <Button onClick={() => referralInput.current?.click()} aria-describedby={c.refusal.describedBy('importReferral')}>
            {t('import.button')}
          </Button>
          {fileInput(referralInput, t('import.input'), c.importFile)}
          <Button onClick={() => answerInput.current?.click()} aria-describedby={c.refusal.describedBy('importAnswer')}>
            {t('answer.button')}
          </Button>
          {fileInput(answerInput, t('answer.input'), c.importAnswerFile)}
          {c.online && (
            <Button onClick={() => void c.pull()} loading={c.pulling} aria-describedby={c.refusal.describedBy('pull')}>
              {t('center.pull')}
            </Button>
          )}
        </Space>
        <div style={{ marginTop: 12 }}>
          <RefusalNotice handle={c.refusal} at="pull" />
          <RefusalNotice handle={c.refusal} at="importReferral" />
          <RefusalNotice handle={c.refusal} at="importAnswer" />
        </div>
      </Card>
      <ReferralTable title={t('inbox.title')} empty={t('inbox.empty')} records={incoming} c={c} />
      <ReferralTable title={t('sent.title')} empty={t('sent.empty')} records={outgoing} c={c} />
      {c.user.role === 'admin' && <HandledCategories c={c} />}
      {c.prompt}
    </Flex>
  );
}

function ReferralTable({ title, empty, records, c }: { title: string; empty: string; records: ReferralRecord[]; c: ReferralsController }) {
  const { t } = useTranslation(['referrals', 'domain']);
  const lang = useLang();
  const [open, setOpen] = useState<string[]>([]);
  const incoming = records[0]?.direction !== 'outgoing';
  return (
    <section aria-label={title}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {title}
      </Typography.Title>
      <Table<ReferralRecord>
        rowKey="id"
        size="middle"
        loading={c.records === null}
        dataSource={records}
        locale={{ emptyText: empty }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{
          expandedRowKeys: open,
          onExpandedRowsChange: (keys) => setOpen(keys.map(String)),
          expandedRowRender: (record) => <ReferralDetail record={record} c={c} />,
          expandRowByClick: false,
        }}
        columns={[
          { key: 'at', title: t(incoming ? 'referrals:columns.receivedAt' : 'referrals:columns.sentAt'), render: (_, r) => formatDateTime(r.at, lang) },
          { key: 'who', title: t(incoming ? 'referrals:columns.sender' : 'referrals:columns.receiver'), render: (_, r) => (r.direction === 'incoming' ? r.referral.sender.name : r.referral.receiver.name) },
          { key: 'kind', title: t('referrals:columns.kind'), render: (_, r) => t(`referrals:kind.${r.referral.kind}`) },
          { key: 'category', title: t('referrals:columns.category'), render: (_, r) => categoryLabel(r.referral.category, lang) },
          { key: 'person', title: t('referrals:columns.person'), render: (_, r) => r.referral.parties.find((p) => p.side === 'applicant')?.name ?? '' },
          {
            key: 'status',
            title: t('referrals:columns.status'),
            render: (_, r) => (
              <Space wrap size={4}>
                <Tag color={statusColor(r.status)}>{t(`referrals:status.${r.status}`)}</Tag>
                {r.direction === 'incoming' && r.signer && !c.registered.has(r.signer.fingerprint256) && <Tag color="orange">{t('referrals:verify.unverified')}</Tag>}
                {r.via && <Tag>{t('referrals:center.tag')}</Tag>}
                {r.direction === 'outgoing' && c.packagesOf(r).length > 0 && <Tag color="green">{t('referrals:package.received')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </section>
  );
}
