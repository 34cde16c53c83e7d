// Settings → 调解员证书: the administrator issues each mediator a certificate signed by the
// institution's certificate, sees subject, issuer, validity and fingerprint, and revokes one with
// a reason. The mediator types their own key passphrase when it is issued.
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import type { CertificateSummary } from '../../../shared/identity/certificate';
import type { MediatorCertificate } from '../../../shared/identity/stored';
import { validityAt } from '../../../shared/identity/validity';
import { useServices } from '../../app/services';
import { formFieldErrors, translateCode } from '../../kit/translate';
import { listUsers, useSession } from '../auth';
import { currentCertificate, issueMediatorCertificateTo, listMediatorIdentities, revokeMediatorCertificate, summarizeMediatorCertificate } from './mediators';
import { NewPassphraseFields } from './NewPassphraseFields';
import { needsPassphrase, readIdentity, summarizeIdentity } from './store';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';

interface Row {
  user: User;
  certificate: MediatorCertificate | null;
  summary: CertificateSummary | null;
}

export function MediatorCertificates() {
  const { t } = useTranslation(['identity', 'app']);
  // Validity in Beijing time, as the institution's own certificate shows it (not the UTC day).
  const lang = useLang();
  const { data, platform } = useServices();
  const { user } = useSession();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [hasInstitution, setHasInstitution] = useState(false);
  const [institutionLocked, setInstitutionLocked] = useState(false);
  const [issuing, setIssuing] = useState<User | null>(null);
  const [revoking, setRevoking] = useState<User | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issueForm] = Form.useForm<{ keyPassphrase?: string; keyPassphrase2?: string; institutionPassphrase?: string }>();
  const [revokeForm] = Form.useForm<{ reason: string }>();
  const isAdmin = user.role === 'admin';
  const passphraseMode = platform.keys.mechanism === 'passphrase';

  const load = useCallback(async () => {
    const [users, identities, institution] = await Promise.all([listUsers(data), listMediatorIdentities(data), readIdentity(data)]);
    setHasInstitution(institution !== null);
    setInstitutionLocked(institution ? needsPassphrase(institution, (await summarizeIdentity(institution)).keyId) : false);
    const byUser = new Map(identities.map((i) => [i.userId, i]));
    const next: Row[] = [];
    for (const u of users.filter((u) => u.role === 'mediator' && u.active)) {
      const certificate = currentCertificate(byUser.get(u.id) ?? null);
      next.push({ user: u, certificate, summary: certificate ? await summarizeMediatorCertificate(certificate) : null });
    }
    setRows(next);
  }, [data]);

  useEffect(() => {
    void load();
  }, [load]);

  const issue = async () => {
    if (!issuing) return;
    const values = await issueForm.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      const result = await issueMediatorCertificateTo(data, platform, user, {
        userId: issuing.id,
        ...(values.keyPassphrase ? { keyPassphrase: values.keyPassphrase } : {}),
        ...(values.institutionPassphrase ? { institutionPassphrase: values.institutionPassphrase } : {}),
      });
      if (!result.ok) {
        const fields = formFieldErrors(t, result.error.fieldErrors);
        if (fields.length) issueForm.setFields(fields);
        setError(translateCode(t, result.error.code, result.error.params, ['identity']));
        return;
      }
      message.success(t('mediators.issued', { name: issuing.displayName }));
      setIssuing(null);
      issueForm.resetFields();
      await load();
    } finally {
      setBusy(false);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    const values = await revokeForm.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      const result = await revokeMediatorCertificate(data, user, revoking.id, values.reason);
      if (!result.ok) {
        setError(translateCode(t, result.error.code, result.error.params, ['identity']));
        return;
      }
      message.success(t('mediators.revokedDone', { name: revoking.displayName }));
      setRevoking(null);
      revokeForm.resetFields();
      await load();
    } finally {
      setBusy(false);
    }
  };

  const stateOf = (row: Row) => {
    if (!row.certificate || !row.summary) return <Tag>{t('mediators.none')}</Tag>;
    if (row.certificate.revoked) return <Tag color="red">{t('mediators.revoked', { reason: row.certificate.revoked.reason === 'superseded' ? t('mediators.superseded') : row.certificate.revoked.reason })}</Tag>;
    const { state, daysLeft } = validityAt(row.summary, new Date());
    if (state === 'expired') return <Tag color="red">{t('validity.expired')}</Tag>;
    if (state === 'expiring') return <Tag color="orange">{t('validity.expiring', { days: daysLeft })}</Tag>;
    return <Tag color="green">{t('mediators.valid')}</Tag>;
  };

  return (
    <section aria-label={t('mediators.title')}>
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('mediators.title')}</h2>} aria-busy={rows === null}>
        <Typography.Paragraph type="secondary">{t('mediators.intro')}</Typography.Paragraph>
        {!hasInstitution && <Alert type="info" showIcon message={t('mediators.needInstitution')} style={{ marginBottom: 12 }} />}
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} closable onClose={() => setError(null)} />}
        <Table<Row>
          size="small"
          rowKey={(r) => r.user.id}
          pagination={false}
          loading={rows === null}
          dataSource={rows ?? []}
          aria-label={t('mediators.tableLabel')}
          locale={{ emptyText: t('mediators.noMediators') }}
          columns={[
            { title: t('mediators.mediator'), key: 'name', render: (_, r) => r.user.displayName },
            { title: t('mediators.state'), key: 'state', render: (_, r) => stateOf(r) },
            { title: t('subject'), key: 'subject', render: (_, r) => r.summary?.subject ?? '—' },
            { title: t('issuer'), key: 'issuer', render: (_, r) => r.summary?.issuer ?? '—' },
            { title: t('valid'), key: 'valid', render: (_, r) => (r.summary ? `${formatDateTime(r.summary.notBefore, lang)} — ${formatDateTime(r.summary.notAfter, lang)}` : '—') },
            { title: t('fingerprint'), key: 'fp', render: (_, r) => (r.summary ? <Typography.Text code copyable={{ text: r.summary.fingerprint256 }}>{r.summary.fingerprint256.slice(0, 23)}…</Typography.Text> : '—') },
            {
              title: t('mediators.actions'),
              key: 'actions',
              render: (_, r) =>
                isAdmin && (
                  <Space>
                    <Button size="small" disabled={!hasInstitution} onClick={() => setIssuing(r.user)} aria-label={t(r.certificate ? 'mediators.reissueFor' : 'mediators.issueFor', { name: r.user.displayName })}>
                      {r.certificate ? t('mediators.reissue') : t('mediators.issue')}
                    </Button>
                    {r.certificate && !r.certificate.revoked && (
                      <Button size="small" danger onClick={() => setRevoking(r.user)} aria-label={t('mediators.revokeFor', { name: r.user.displayName })}>
                        {t('mediators.revoke')}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Modal open={issuing !== null} title={t('mediators.issueTitle', { name: issuing?.displayName ?? '' })} okText={t('mediators.issueOk')} cancelText={t('mediators.cancel')} confirmLoading={busy} onOk={() => void issue()} onCancel={() => setIssuing(null)} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('mediators.issueBody')}</Typography.Paragraph>
        <Form form={issueForm} layout="vertical" preserve={false}>
          {passphraseMode && (
            <NewPassphraseFields
              names={['keyPassphrase', 'keyPassphrase2']}
              label={t('mediators.keyPassphrase')}
              help={t('mediators.keyPassphraseHelp')}
              repeatLabel={t('mediators.keyPassphrase2')}
              mismatch={t('mediators.mismatch')}
            />
          )}
          {institutionLocked && (
            <Form.Item name="institutionPassphrase" label={t('mediators.institutionPassphrase')} rules={[{ required: true, message: t('prompt.required') }]}>
              <Input.Password autoComplete="off" />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal open={revoking !== null} title={t('mediators.revokeTitle', { name: revoking?.displayName ?? '' })} okText={t('mediators.revokeOk')} okButtonProps={{ danger: true }} cancelText={t('mediators.cancel')} confirmLoading={busy} onOk={() => void revoke()} onCancel={() => setRevoking(null)} destroyOnHidden>
        <Form form={revokeForm} layout="vertical" preserve={false}>
          <Form.Item name="reason" label={t('mediators.reason')} rules={[{ required: true, whitespace: true, message: t('errors.identity.revoke_reason') }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
