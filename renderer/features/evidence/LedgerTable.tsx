// The ledger in order: each item's number, title and relations (corrected, withdrawn), kind, size,
// short hash, who submitted it, whether the other party sees it, author, time, its verification
// mark, and what may be done with it (preview, correct, withdraw, export).
import { Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/domain/model';
import type { LedgerReport } from '../../../shared/ledger/verify';
import type { LedgerEntryRow } from '../../data';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { formatSize } from '../../kit/format';
import { previewKind } from './PreviewDialog';
import type { Check, Relations } from './useLedger';

const CHECK_COLOR: Record<Check, string> = { ok: 'green', mismatch: 'red', missing: 'red', remote: 'gold', broken: 'red', unchecked: 'default' };

export interface LedgerActions {
  onPreview: (row: LedgerEntryRow) => void;
  onCorrect: (seq: number) => void;
  onWithdraw: (target: { seq: number; title: string }) => void;
  onExport: (row: LedgerEntryRow) => void;
}

export interface LedgerTableProps extends LedgerActions {
  rows: LedgerEntryRow[];
  report: LedgerReport | null;
  checks: Map<number, Check>;
  relations: Relations;
  editable: boolean;
}

function TitleCell({ row, relations }: { row: LedgerEntryRow; relations: Relations }) {
  const { t } = useTranslation('evidence');
  const { entry, seq } = row;
  return (
    <Space size={4} wrap>
      <span>{entry.title}</span>
      {entry.action !== 'add' && entry.refersTo !== null && <Tag color="blue">{t(`relation.${entry.action}`, { seq: entry.refersTo + 1 })}</Tag>}
      {relations.withdrawnBy.has(seq) && <Tag color="red">{t('relation.withdrawnBy', { seq: (relations.withdrawnBy.get(seq) as number) + 1 })}</Tag>}
      {relations.correctedBy.has(seq) && <Tag color="orange">{t('relation.correctedBy', { seqs: (relations.correctedBy.get(seq) as number[]).map((s) => s + 1).join('、') })}</Tag>}
    </Space>
  );
}

function ActionsCell({ row, open, editable, actions }: { row: LedgerEntryRow; open: boolean; editable: boolean; actions: LedgerActions }) {
  const { t } = useTranslation('evidence');
  const { entry, seq } = row;
  return (
    <Space size={0} wrap>
      {previewKind(entry) !== 'none' && (
        <Button type="link" size="small" onClick={() => actions.onPreview(row)} aria-label={t('actions.previewOf', { seq: seq + 1 })}>
          {t('actions.preview')}
        </Button>
      )}
      {editable && open && (
        <Button type="link" size="small" aria-label={t('actions.correctOf', { seq: seq + 1 })} onClick={() => actions.onCorrect(seq)}>
          {t('actions.correct')}
        </Button>
      )}
      {editable && open && (
        <Button type="link" size="small" danger aria-label={t('actions.withdrawOf', { seq: seq + 1 })} onClick={() => actions.onWithdraw({ seq, title: entry.title })}>
          {t('actions.withdraw')}
        </Button>
      )}
      <Button type="link" size="small" aria-label={t('actions.exportOf', { seq: seq + 1 })} onClick={() => actions.onExport(row)}>
        {t('actions.export')}
      </Button>
    </Space>
  );
}

function columnsOf(props: LedgerTableProps, t: TFunction<'evidence'>, language: Language): ColumnsType<LedgerEntryRow> {
  const { report, checks, relations, editable } = props;
  return [
    { title: t('table.seq'), key: 'seq', render: (_, r) => r.seq + 1, width: 60 },
    { title: t('table.title'), key: 'title', render: (_, r) => <TitleCell row={r} relations={relations} /> },
    { title: t('table.kind'), key: 'kind', render: (_, r) => t(`kind.${r.entry.kind}`) },
    { title: t('table.size'), key: 'size', render: (_, r) => (r.entry.contentSha256 ? formatSize(r.entry.size) : '—') },
    {
      title: t('table.hash'),
      key: 'hash',
      render: (_, r) =>
        r.entry.contentSha256 && (
          <Typography.Text code copyable={{ text: r.entry.contentSha256 }} title={r.entry.contentSha256}>
            {r.entry.contentSha256.slice(0, 12)}
          </Typography.Text>
        ),
    },
    { title: t('table.submittedBy'), key: 'side', render: (_, r) => t(`side.${r.entry.submittedBy ?? 'none'}`) },
    { title: t('table.shown'), key: 'shown', render: (_, r) => (r.entry.shownToOtherParty ? t('table.shownYes') : t('table.shownNo')) },
    { title: t('table.author'), key: 'author', render: (_, r) => r.entry.author.name },
    { title: t('table.time'), key: 'time', render: (_, r) => formatDateTime(r.entry.createdAt, language) },
    {
      title: t('table.check'),
      key: 'check',
      render: (_, r) => {
        const check = checks.get(r.seq) ?? 'unchecked';
        const covered = report?.entries[r.seq]?.coveredBy ?? null;
        return (
          <Space size={4} wrap>
            <Tag color={CHECK_COLOR[check]}>{t(`check.${check}`)}</Tag>
            {covered !== null && <Tag color="cyan">{t('check.signed')}</Tag>}
          </Space>
        );
      },
    },
    {
      title: t('table.actions'),
      key: 'actions',
      render: (_, r) => <ActionsCell row={r} open={r.entry.action !== 'withdraw' && !relations.withdrawnBy.has(r.seq)} editable={editable} actions={props} />,
    },
  ];
}

export function LedgerTable(props: LedgerTableProps) {
  const { t } = useTranslation('evidence');
  const language = useLang();
  return (
    <section aria-label={t('table.label')}>
      <Table<LedgerEntryRow> size="small" rowKey="id" pagination={false} dataSource={props.rows} scroll={{ x: 'max-content' }} locale={{ emptyText: t('table.empty') }} columns={columnsOf(props, t, language)} />
    </section>
  );
}
