// Joining from Settings: the address, then the certificate the server presents (its fingerprint
// to compare with the operator's), then the administrator's server account. A refusal appears
// under the step that was refused.
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { parseCenterAddress, type CenterProbeResult } from '../../../shared/protocol/center-link';
import { useServices } from '../../app/services';
import type { StoreError } from '../../kit/result';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { useSession } from '../auth';
import { CredentialFields } from './CredentialFields';
import { joinCenter, linkRefusal } from './join';
import { useCenter, useRefusalText } from './useCenter';

interface Credentials {
  username: string;
  password: string;
  compared: boolean;
}

function certificateTime(text: string, language: 'zh-CN' | 'en-US'): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : formatDateTime(date, language);
}

function Certificate({ probe }: { probe: CenterProbeResult }) {
  const { t } = useTranslation('center');
  const language = useLang();
  return (
    <Descriptions bordered size="small" column={1} title={t('card.certificate')}>
      <Descriptions.Item label={t('card.fingerprint')}>
        <Typography.Text code copyable data-testid="center-fingerprint" style={{ wordBreak: 'break-all' }}>
          {probe.fingerprint}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('card.subject')}>{probe.subject}</Descriptions.Item>
      <Descriptions.Item label={t('card.issuer')}>{probe.issuer}</Descriptions.Item>
      <Descriptions.Item label={t('card.validity')}>
        {t('card.validityRange', { from: certificateTime(probe.validFrom, language), to: certificateTime(probe.validTo, language) })}
      </Descriptions.Item>
    </Descriptions>
  );
}

export function JoinForm() {
  const { t } = useTranslation('center');
  const { data, platform } = useServices();
  const { user } = useSession();
  const { connection } = useCenter();
  const { message } = App.useApp();
  const refusalText = useRefusalText();
  const [address, setAddress] = useState('');
  const [addressError, setAddressError] = useState<string | null>(null);
  const [probe, setProbe] = useState<CenterProbeResult | null>(null);
  const [busy, setBusy] = useState<'probe' | 'join' | null>(null);
  const [refusal, setRefusal] = useState<{ at: 'probe' | 'join'; error: StoreError } | null>(null);
  const [form] = Form.useForm<Credentials>();

  const readCertificate = async () => {
    setRefusal(null);
    setProbe(null);
    if (!parseCenterAddress(address)) {
      setAddressError(t('card.addressInvalid'));
      return;
    }
    setAddressError(null);
    setBusy('probe');
    try {
      setProbe(await platform.centerServer.probe(address.trim()));
    } catch (error) {
      setRefusal({ at: 'probe', error: linkRefusal(error) });
    } finally {
      setBusy(null);
    }
  };

  const join = async (values: Credentials) => {
    if (!probe) return;
    setRefusal(null);
    setBusy('join');
    const result = await joinCenter(data, platform.centerServer, user, { pin: { address: probe.address, fingerprint: probe.fingerprint }, username: values.username.trim(), password: values.password });
    setBusy(null);
    if (!result.ok) {
      setRefusal({ at: 'join', error: result.error });
      return;
    }
    form.resetFields(['password']);
    message.success(t('card.joined', { name: result.value.link.institutionName }));
    connection.adopt(result.value.signedIn.token, result.value.signedIn.account);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form layout="vertical" onFinish={() => void readCertificate()}>
        <Form.Item label={t('card.address')} htmlFor="center-address" extra={t('card.addressHelp')} validateStatus={addressError ? 'error' : undefined} help={addressError ?? undefined}>
          <Input id="center-address" value={address} onChange={(e) => {
              // Another address: the certificate read for the last one no longer stands for it.
              setAddress(e.target.value);
              setProbe(null);
            }} placeholder="https://" spellCheck={false} autoComplete="url" />
        </Form.Item>
        <Button htmlType="submit" loading={busy === 'probe'}>
          {t('card.readCertificate')}
        </Button>
      </Form>
      {refusal?.at === 'probe' && <Alert type="error" showIcon role="alert" message={refusalText(refusal.error)} />}
      {probe && (
        <>
          <Certificate probe={probe} />
          <Alert type="warning" showIcon message={t('card.compare')} />
          <Form form={form} layout="vertical" onFinish={(values) => void join(values)} initialValues={{ compared: false }}>
            <Form.Item name="compared" valuePropName="checked" rules={[{ validator: (_, checked) => (checked ? Promise.resolve() : Promise.reject(new Error(t('card.comparedRequired')))) }]}>
              <Checkbox>{t('card.compared')}</Checkbox>
            </Form.Item>
            <CredentialFields usernameLabel={t('card.username')} />
            {refusal?.at === 'join' && <Alert type="error" showIcon role="alert" message={t('card.joinRefused')} description={refusalText(refusal.error)} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" loading={busy === 'join'}>
              {busy === 'join' ? t('card.joining') : t('card.join')}
            </Button>
          </Form>
        </>
      )}
    </Space>
  );
}
