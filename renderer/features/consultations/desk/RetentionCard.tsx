// The administrator's card on the desk: how long consultation records are kept and what happens
// after, and a run of the retention period now.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Form, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RETENTION_ACTIONS, type RetentionAction } from '../../../../shared/consultation/model';
import { useServices } from '../../../app/services';
import { useErrorText } from '../../../kit/useErrorText';
import { useSession } from '../../auth';
import { getRetention, runRetention, setRetention, type RetentionSetting } from '../store';
import { useNames } from '../names';

const NS = ['consultations'] as const;

export function RetentionCard() {
  const { t } = useTranslation('consultations');
  const { data } = useServices();
  const { user } = useSession();
  const names = useNames();
  const errorText = useErrorText(NS);
  const [setting, setSetting] = useState<RetentionSetting | null>(null);
  const [months, setMonths] = useState<number | null>(null);
  const [action, setAction] = useState<RetentionAction>('anonymise');
  const [message, setMessage] = useState<{ type: 'success' | 'error' | 'info'; text: string; at: 'save' | 'run' } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void getRetention(data).then((s) => {
      setSetting(s);
      setMonths(s.months);
      setAction(s.action);
    });
  }, [data]);

  const save = async () => {
    setBusy(true);
    const r = await setRetention(data, user, { months: months ?? 0, action });
    setBusy(false);
    if (r.ok) {
      setSetting(r.value);
      setMessage({ type: 'success', text: t('retention.saved', { months: r.value.months }), at: 'save' });
    } else {
      const field = r.error.fieldErrors[0];
      setMessage({ type: 'error', text: field ? errorText(field.code, field.params) : errorText(r.error.code, r.error.params), at: 'save' });
    }
  };

  const run = async () => {
    setBusy(true);
    const r = await runRetention(data, user);
    setBusy(false);
    if (!r.ok) setMessage({ type: 'error', text: t('retention.failed', { detail: errorText(r.error.code, r.error.params) }), at: 'run' });
    else if (r.value.anonymised + r.value.removed === 0) setMessage({ type: 'info', text: t('retention.nothingDue'), at: 'run' });
    else setMessage({ type: 'success', text: t('retention.ran', { anonymised: r.value.anonymised, removed: r.value.removed }), at: 'run' });
  };

  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('retention.title')}</Typography.Title>} size="small">
      <Typography.Paragraph type="secondary">{t('retention.intro')}</Typography.Paragraph>
      {setting && (
        <Typography.Paragraph>
          {t('retention.current', { months: setting.months, action: names.retentionAction(setting.action), fallback: setting.isDefault ? t('retention.fallback') : '' })}
        </Typography.Paragraph>
      )}
      <Form layout="inline" onFinish={() => void save()}>
        <Form.Item label={t('retention.months')} htmlFor="retention-months">
          <InputNumber id="retention-months" min={1} max={600} precision={0} value={months} onChange={(v) => setMonths(v)} />
        </Form.Item>
        <Form.Item label={t('retention.action')} htmlFor="retention-action">
          <Select id="retention-action" value={action} onChange={setAction} style={{ width: 260 }} options={RETENTION_ACTIONS.map((a) => ({ value: a, label: names.retentionAction(a) }))} />
        </Form.Item>
        <Flex gap={8}>
          <Button htmlType="submit" type="primary" loading={busy}>
            {t('retention.save')}
          </Button>
          <Button onClick={() => void run()} disabled={busy}>
            {t('retention.run')}
          </Button>
        </Flex>
      </Form>
      {message && <Alert style={{ marginTop: 12 }} type={message.type} showIcon role={message.type === 'error' ? 'alert' : 'status'} message={message.text} />}
    </Card>
  );
}
