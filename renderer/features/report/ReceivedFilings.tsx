// The reports the area's institutions filed to the bureau through the center server (issue 19
// item 2, "Filing it"), for the period shown: each with its signature checked with the shared code
// on demand, accepted, or returned with a reason (refused beside the field without one).
import { Alert, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportFilingListResponseSchema, reportFilingResponseSchema, type ReportFilingView } from '../../../shared/server/api';
import { periodCode, type ReportPeriod } from '../../../shared/statistics/report';
import { useServices } from '../../app/services';
import type { StoreError } from '../../kit/result';
import { asResult } from '../../kit/result';
import { formatDateTime } from '../../kit/time';
import { useErrorText } from '../../kit/useErrorText';
import { useLang } from '../../kit/useLang';
import { centerCall } from '../center';

const NAMESPACES = ['report', 'center'] as const;
type Check = { ok: boolean; text: string };

function ReturnDialog({ filing, onClose, onAnswer }: { filing: ReportFilingView; onClose(): void; onAnswer(reason: string): Promise<StoreError | null> }) {
  const { t } = useTranslation('report');
  const errorText = useErrorText(NAMESPACES);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (reason.trim() === '') return setError(t('received.reasonRequired'));
    setBusy(true);
    const refused = await onAnswer(reason.trim());
    setBusy(false);
    if (!refused) return onClose();
    const item = refused.items[0];
    setError(item?.params.field === 'reason' ? t('received.reasonRequired') : errorText(refused.code, { ...refused.params }));
  };
  return (
    <Modal open title={t('received.returnTitle', { name: filing.sender.name, version: filing.version })} okText={t('received.returnOk')} cancelText={t('filing.cancel')} onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item
          label={t('received.reason')}
          htmlFor="return-reason"
          required
          validateStatus={error ? 'error' : undefined}
          help={
            error ? (
              <div id="return-reason-error">
                <span role="alert">{error}</span>
              </div>
            ) : undefined
          }
        >
          <Input.TextArea id="return-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} aria-invalid={error ? true : undefined} aria-describedby={error ? 'return-reason-error' : undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ReceivedFilings({ period, online }: { period: ReportPeriod; online: boolean }) {
  const { t } = useTranslation('report');
  const language = useLang();
  const errorText = useErrorText(NAMESPACES);
  const { data, platform } = useServices();
  const call = useMemo(() => centerCall(data, platform.centerServer), [data, platform]);
  const [rows, setRows] = useState<ReportFilingView[]>([]);
  const [error, setError] = useState<StoreError | null>(null);
  const [checks, setChecks] = useState<Record<string, Check>>({});
  const [returning, setReturning] = useState<ReportFilingView | null>(null);
  const [tick, setTick] = useState(0);
  const code = periodCode(period);

  useEffect(() => {
    if (!online) return;
    let live = true;
    void asResult(() => call('GET', `/report-filings?period=${code}`, reportFilingListResponseSchema)).then((result) => {
      if (!live) return;
      setError(result.ok ? null : result.error);
      if (result.ok) setRows(result.value.filings.filter((f) => f.direction === 'received'));
    });
    return () => {
      live = false;
    };
  }, [call, code, online, tick]);

  const verify = async (f: ReportFilingView) => {
    const result = await asResult(() => call('GET', `/report-filings/${f.senderInstitutionId}/${f.id}`, reportFilingResponseSchema));
    if (!result.ok) return setChecks((c) => ({ ...c, [f.id]: { ok: false, text: errorText(result.error.code, { ...result.error.params }) } }));
    const { verifySignedReport } = await import('../../../shared/statistics/report/verify');
    const check = verifySignedReport(result.value.signed);
    const text = check.ok ? t('received.signatureOk', { signer: check.signer?.subject ?? '' }) : t(`received.signature.${check.problem ?? 'report.signature_invalid'}`);
    setChecks((c) => ({ ...c, [f.id]: { ok: check.ok, text } }));
  };

  const answer = useCallback(
    async (f: ReportFilingView, outcome: 'accepted' | 'returned', reason?: string): Promise<StoreError | null> => {
      const result = await asResult(() => call('POST', `/report-filings/${f.senderInstitutionId}/${f.id}/answer`, reportFilingResponseSchema, { outcome, ...(reason ? { reason } : {}) }));
      if (result.ok) setTick((n) => n + 1);
      else if (outcome === 'accepted') setError(result.error);
      return result.ok ? null : result.error;
    },
    [call],
  );

  if (!online) return null;
  const status = (f: ReportFilingView) =>
    f.status === 'submitted' ? <Tag color="processing">{t('received.status.submitted')}</Tag> : f.status === 'accepted' ? <Tag color="success">{t('received.status.accepted')}</Tag> : <Typography.Text>{t('received.status.returned', { reason: f.reason })}</Typography.Text>;
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>{t('received.title')}</Typography.Title>}>
      {error && <Alert type="error" showIcon role="alert" message={errorText(error.code, { ...error.params })} style={{ marginBottom: 12 }} />}
      <div role="region" aria-label={t('received.title')}>
      <Table<ReportFilingView>
        rowKey={(f) => `${f.senderInstitutionId}/${f.id}`}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('received.none') }}
        columns={[
          { title: t('received.institution'), render: (_, f) => f.sender.name },
          { title: t('received.version'), render: (_, f) => t('filing.version', { version: f.version }) },
          { title: t('received.submittedAt'), render: (_, f) => formatDateTime(f.submittedAt, language) },
          {
            title: t('received.signature.title'),
            render: (_, f) => {
              const check = checks[f.id];
              return check ? <Typography.Text type={check.ok ? 'success' : 'danger'}>{check.text}</Typography.Text> : <Button size="small" onClick={() => void verify(f)} aria-label={t('received.verifyOf', { name: f.sender.name })}>{t('received.verify')}</Button>;
            },
          },
          { title: t('received.statusTitle'), render: (_, f) => status(f) },
          {
            title: t('received.actions'),
            render: (_, f) =>
              f.status === 'submitted' ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => void answer(f, 'accepted')} aria-label={t('received.acceptOf', { name: f.sender.name })}>
                    {t('received.accept')}
                  </Button>
                  <Button size="small" onClick={() => setReturning(f)} aria-label={t('received.returnOf', { name: f.sender.name })}>
                    {t('received.return')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      </div>
      {returning && <ReturnDialog filing={returning} onClose={() => setReturning(null)} onAnswer={(reason) => answer(returning, 'returned', reason)} />}
    </Card>
  );
}
