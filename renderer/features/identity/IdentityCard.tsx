// Settings → the institution's signing identity: the certificate (subject, issuer, validity,
// SHA-256 fingerprint, how the key is protected) with a warning 30 days before expiry, and for
// administrators generating a self-issued certificate or importing a CA's PKCS#12.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CertificateSummary } from '../../../shared/identity/certificate';
import { validityAt } from '../../../shared/identity/validity';
import type { StoredIdentity } from '../../../shared/identity/stored';
import { useServices } from '../../app/services';
import { formFieldErrors, translateCode } from '../../kit/translate';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { useSession } from '../auth';
import { NewPassphraseFields } from './NewPassphraseFields';
import { generateIdentity, importIdentity, MIN_KEY_PASSPHRASE, readIdentity, summarizeIdentity } from './store';

type Mode = 'generate' | 'import';
interface FormValues {
  name: string;
  creditCode: string;
  p12Passphrase: string;
  passphrase: string;
  confirm: string;
}

function CertificateDetails({ identity, summary }: { identity: StoredIdentity; summary: CertificateSummary }) {
  const { t } = useTranslation('identity');
  const language = useLang();
  const { state, daysLeft } = validityAt(summary, new Date());
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {state === 'expiring' && <Alert type="warning" showIcon role="alert" message={t('validity.expiring', { days: daysLeft })} />}
      {state === 'expired' && <Alert type="error" showIcon role="alert" message={t('validity.expired')} />}
      {state === 'not_yet_valid' && <Alert type="error" showIcon role="alert" message={t('validity.notYet')} />}
      <Descriptions column={1} size="small" bordered aria-label={t('details')}>
        <Descriptions.Item label={t('subject')}>{summary.subject}</Descriptions.Item>
        <Descriptions.Item label={t('issuer')}>{summary.selfIssued ? t('selfIssued', { issuer: summary.issuer }) : summary.issuer}</Descriptions.Item>
        <Descriptions.Item label={t('valid')}>
          {formatDateTime(summary.notBefore, language)} — {formatDateTime(summary.notAfter, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('fingerprint')}>
          <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
            {summary.fingerprint256}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('key')}>{t('keyBits', { bits: summary.keyBits })}</Descriptions.Item>
        <Descriptions.Item label={t('protection')}>{t(`mechanism.${identity.mechanism}`)}</Descriptions.Item>
        <Descriptions.Item label={t('source')}>{t(`sourceOf.${identity.source}`)}</Descriptions.Item>
      </Descriptions>
    </Space>
  );
}

/** `onChanged`: the identity was generated or imported (the mediator certificates depend on it). */
export function IdentityCard({ onChanged }: { onChanged?: () => void } = {}) {
  const { t } = useTranslation(['identity', 'app']);
  const { data, platform } = useServices();
  const { user, institution } = useSession();
  const { message } = App.useApp();
  const [identity, setIdentity] = useState<{ stored: StoredIdentity; summary: CertificateSummary } | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [mode, setMode] = useState<Mode>('generate');
  const [p12, setP12] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<FormValues>();
  const isAdmin = user.role === 'admin';
  const needsPassphrase = platform.keys.mechanism === 'passphrase';

  const load = useCallback(async () => {
    const stored = await readIdentity(data);
    setIdentity(stored ? { stored, summary: await summarizeIdentity(stored) } : null);
  }, [data]);
  useEffect(() => {
    void load();
  }, [load]);

  const [fileMissing, setFileMissing] = useState(false);
  const submit = async (values: FormValues) => {
    setError(null);
    setFileMissing(mode === 'import' && !p12);
    if (mode === 'import' && !p12) return;
    setBusy(true);
    try {
      const passphrase = needsPassphrase ? values.passphrase : undefined;
      const result =
        mode === 'generate'
          ? await generateIdentity(data, platform, user, { name: values.name, creditCode: values.creditCode, ...(passphrase !== undefined ? { passphrase } : {}) })
          : await importIdentity(data, platform, user, { p12: new Uint8Array(await (p12 as File).arrayBuffer()), p12Passphrase: values.p12Passphrase ?? '', ...(passphrase !== undefined ? { passphrase } : {}) });
      if (!result.ok) {
        const fields = formFieldErrors(t, result.error.fieldErrors);
        if (fields.length) form.setFields(fields);
        setError(translateCode(t, result.error.code, result.error.params, ['identity']));
        return;
      }
      message.success(t(mode === 'generate' ? 'generated' : 'imported'));
      setEditing(false);
      form.resetFields();
      setP12(null);
      await load();
      onChanged?.();
    } finally {
      setBusy(false);
    }
  };

  const showForm = isAdmin && (identity === null || editing);
  return (
    <section aria-label={t('title')}>
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('title')}</h2>} aria-busy={identity === undefined}>
        <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
        {identity === null && <Alert type="info" role="status" showIcon message={isAdmin ? t('none') : t('noneAskAdmin')} style={{ marginBottom: 16 }} />}
        {identity && <CertificateDetails identity={identity.stored} summary={identity.summary} />}
        {identity && isAdmin && !editing && (
          <Button style={{ marginTop: 16 }} onClick={() => setEditing(true)}>
            {t('replace')}
          </Button>
        )}
        {showForm && (
          <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
            {identity && <Alert type="warning" showIcon message={t('replaceWarning')} />}
            <Segmented<Mode>
              aria-label={t('mode')}
              value={mode}
              onChange={(m) => {
                setMode(m);
                setError(null);
              }}
              options={[
                { value: 'generate', label: t('generate.tab') },
                { value: 'import', label: t('import.tab') },
              ]}
            />
            {error && <Alert type="error" showIcon role="alert" message={error} />}
            <Form<FormValues>
              form={form}
              layout="vertical"
              name="identity"
              initialValues={{ name: institution.name, creditCode: institution.creditCode }}
              onFinish={(v) => void submit(v)}
              onFinishFailed={() => setFileMissing(mode === 'import' && !p12)}
              disabled={busy}
            >
              {mode === 'generate' ? (
                <>
                  <Typography.Paragraph type="secondary">{t('generate.help')}</Typography.Paragraph>
                  <Form.Item name="name" label={t('generate.name')} rules={[{ required: true, whitespace: true, message: t('required', { field: t('generate.name') }) }, { max: 100 }]}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name="creditCode"
                    label={t('generate.creditCode')}
                    rules={[{ required: true, pattern: /^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$/, message: t('errors.identity.credit_code') }]}
                  >
                    <Input maxLength={18} />
                  </Form.Item>
                </>
              ) : (
                <>
                  <Typography.Paragraph type="secondary">{t('import.help')}</Typography.Paragraph>
                  <Form.Item label={t('import.file')} required validateStatus={fileMissing ? 'error' : undefined} help={fileMissing ? t('import.pickFile') : undefined}>
                    <Space>
                      <input
                        type="file"
                        accept=".p12,.pfx,application/x-pkcs12"
                        aria-label={t('import.file')}
                        onChange={(e) => {
                          setP12(e.target.files?.[0] ?? null);
                          setError(null);
                        }}
                      />
                    </Space>
                  </Form.Item>
                  <Form.Item name="p12Passphrase" label={t('import.p12Passphrase')} rules={[{ required: true, message: t('required', { field: t('import.p12Passphrase') }) }]}>
                    <Input.Password autoComplete="off" />
                  </Form.Item>
                </>
              )}
              {needsPassphrase ? (
                <NewPassphraseFields
                  names={['passphrase', 'confirm']}
                  label={t('passphrase')}
                  help={t('passphraseHelp', { min: MIN_KEY_PASSPHRASE })}
                  repeatLabel={t('confirm')}
                  mismatch={t('mismatch')}
                  repeatRequired={t('required', { field: t('confirm') })}
                />
              ) : (
                <Alert type="info" showIcon message={t('keystoreNote')} style={{ marginBottom: 16 }} />
              )}
              <Space>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {mode === 'generate' ? t('generate.submit') : t('import.submit')}
                </Button>
                {editing && (
                  <Button onClick={() => setEditing(false)} disabled={busy}>
                    {t('cancel')}
                  </Button>
                )}
              </Space>
              {busy && (
                <Typography.Paragraph type="secondary" role="status" style={{ marginTop: 8 }}>
                  {t(mode === 'generate' ? 'generate.busy' : 'import.busy')}
                </Typography.Paragraph>
              )}
            </Form>
          </Space>
        )}
      </Card>
    </section>
  );
}
