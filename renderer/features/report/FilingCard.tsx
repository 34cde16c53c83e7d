// The period's filing: lock and file (signed by the institution), the versions filed with the
// bureau's answer, the answer imported from its file, and — when cases of the period changed after
// filing — the differences, cell by cell and case by case, with the corrected version to file.
import { Alert, Button, Card, Flex, List, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { columnHeading, periodName, REPORT_COLUMNS, type FigureKey } from '../../../shared/statistics/report';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { translateCode } from '../../kit/translate';
import { useErrorText } from '../../kit/useErrorText';
import type { ReportFiling } from './store';
import type { ReportController } from './useReport';

const SERVER_NAMESPACES = ['report', 'center'] as const;
const cell = { border: '1px solid #d9d9d9', padding: '2px 8px' };

function FilingStatus({ filing }: { filing: ReportFiling }) {
  const { t } = useTranslation('report');
  const language = useLang();
  const a = filing.answer;
  if (!a) return <Tag color="processing">{t('filing.status.waiting')}</Tag>;
  const at = formatDateTime(a.answeredAt, language);
  return a.outcome === 'accepted' ? (
    <Tag color="success">{t('filing.status.accepted', { bureau: a.bureau, at })}</Tag>
  ) : (
    <Alert type="warning" showIcon message={t('filing.status.returned', { bureau: a.bureau, at, reason: a.reason ?? '' })} style={{ marginTop: 4 }} />
  );
}

function Differences({ c }: { c: ReportController }) {
  const { t } = useTranslation('report');
  const language = useLang();
  const { diff, latest, rows } = c;
  if (!diff || !latest) return null;
  const version = latest.signed.snapshot.version;
  if (diff.cells.length === 0 && diff.cases.length === 0) return <Typography.Paragraph type="secondary">{t('diff.none', { version })}</Typography.Paragraph>;
  const nameOf = (key: string) => rows.find((r) => r.key === key)?.name[language] ?? key;
  const headingOf = (figure: FigureKey) => {
    const column = REPORT_COLUMNS.find((col) => col.key === figure);
    return column ? columnHeading(column, language) : figure;
  };
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      message={t('diff.title', { version })}
      description={
        <>
          <Typography.Paragraph>{t('diff.body')}</Typography.Paragraph>
          {diff.cells.length > 0 && (
            <table style={{ borderCollapse: 'collapse', marginBottom: 8 }}>
              <caption style={{ textAlign: 'left', fontWeight: 600 }}>{t('diff.caption')}</caption>
              <thead>
                <tr>
                  {(['row', 'column', 'filed', 'now'] as const).map((k) => (
                    <th key={k} scope="col" style={cell}>
                      {t(`diff.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {diff.cells.map((d) => (
                  <tr key={`${d.rowKey}-${d.figure}`}>
                    <th scope="row" style={{ ...cell, fontWeight: 400 }}>
                      {nameOf(d.rowKey)}
                    </th>
                    <td style={cell}>{headingOf(d.figure)}</td>
                    <td style={{ ...cell, textAlign: 'right' }}>{d.figure === 'amountFen' ? (d.filed / 100).toFixed(2) : d.filed}</td>
                    <td style={{ ...cell, textAlign: 'right' }}>{d.figure === 'amountFen' ? (d.now / 100).toFixed(2) : d.now}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Typography.Text>{t('diff.cases', { count: diff.cases.length })}</Typography.Text>{' '}
          {diff.cases.map((d) => (
            <span key={d.caseId} style={{ marginRight: 12 }}>
              {/* Underlined: a link inside a sentence is told from its text by more than colour. */}
              <Link to={`/cases/${d.caseId}`} style={{ textDecoration: 'underline' }}>
                {c.caseNumbers[d.caseId] ?? d.caseId}
              </Link>
              （{t(`diff.${d.change}`)}）
            </span>
          ))}
        </>
      }
      style={{ marginBottom: 12 }}
    />
  );
}

/** Filing the latest version through the center server, and where it went; the refusal beside the button. */
function ThroughServer({ c }: { c: ReportController }) {
  const { t } = useTranslation('report');
  const language = useLang();
  const errorText = useErrorText(SERVER_NAMESPACES);
  const { server, latest } = c;
  if (!server.online || !latest) return null;
  const row = server.rows.find((r) => r.id === latest.id);
  const version = latest.signed.snapshot.version;
  return (
    <div style={{ marginTop: 12 }}>
      {row ? (
        <Typography.Paragraph>{t('filing.server.sent', { version, bureau: row.receiver.name, at: formatDateTime(row.submittedAt, language) })}</Typography.Paragraph>
      ) : (
        <Button type="primary" onClick={() => void server.submit.run()} loading={server.submit.busy}>
          {t('filing.server.submit', { version })}
        </Button>
      )}
      {row && !latest.answer && (
        <Button onClick={server.pull} style={{ marginLeft: 8 }}>
          {t('filing.server.pull')}
        </Button>
      )}
      {server.submit.error && <Alert type="error" showIcon role="alert" message={errorText(server.submit.error.code, { ...server.submit.error.params })} style={{ marginTop: 8 }} />}
      {server.pullError && <Alert type="warning" showIcon message={errorText(server.pullError.code, { ...server.pullError.params })} style={{ marginTop: 8 }} />}
    </div>
  );
}

export function FilingCard({ c }: { c: ReportController }) {
  const { t } = useTranslation(['report', 'identity']);
  const language = useLang();
  const [confirming, setConfirming] = useState(false);
  const { latest, filings } = c;
  const changed = Boolean(c.diff && (c.diff.cells.length > 0 || c.diff.cases.length > 0));
  const nextVersion = (latest?.signed.snapshot.version ?? 0) + 1;
  const refusal = c.file.error ?? c.answer.error;
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('filing.section')}</h2>}>
      {c.prompt}
      {!latest && <Typography.Paragraph>{t('filing.none')}</Typography.Paragraph>}
      <Differences c={c} />
      {filings.length > 0 && (
        <List
          aria-label={t('filing.versionsLabel')}
          dataSource={[...filings].reverse()}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Button key="save" size="small" onClick={() => void c.download(f)}>
                  {t('filing.download', { version: f.signed.snapshot.version })}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <>
                    {t('filing.version', { version: f.signed.snapshot.version })}
                    {f.signed.snapshot.supersedes && <Typography.Text type="secondary"> · {t('filing.supersedes', { version: f.signed.snapshot.version - 1 })}</Typography.Text>}
                  </>
                }
                description={
                  <>
                    <div>{t('filing.filed', { version: f.signed.snapshot.version, at: formatDateTime(f.signed.snapshot.lockedAt, language), by: f.signed.snapshot.lockedBy.name })}</div>
                    <FilingStatus filing={f} />
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {refusal && (
        <Alert type="error" showIcon role="alert" message={translateCode(t, refusal.code, refusal.params, ['report', 'identity'])} style={{ marginBottom: 12 }} />
      )}
      <Flex gap={8} wrap>
        {(!latest || changed) && (
          <Button type="primary" onClick={() => setConfirming(true)} loading={c.file.busy}>
            {latest ? t('filing.fileCorrected') : t('filing.file')}
          </Button>
        )}
        {latest && (
          <Button onClick={() => void c.answer.run()} loading={c.answer.busy}>
            {t('filing.importAnswer')}
          </Button>
        )}
      </Flex>
      <ThroughServer c={c} />
      <Modal
        open={confirming}
        title={t('filing.confirmTitle', { period: periodName(c.period, language) })}
        okText={t('filing.confirm')}
        cancelText={t('filing.cancel')}
        onOk={() => {
          setConfirming(false);
          void c.file.run();
        }}
        onCancel={() => setConfirming(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('filing.confirmBody', { version: nextVersion })}</Typography.Paragraph>
      </Modal>
    </Card>
  );
}
