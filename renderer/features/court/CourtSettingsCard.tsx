// 法院设置: the court code and case type of this court's case numbers (with the next number shown),
// the judge the ruling dialog proposes, and the registered certificates of mediation organisations
// that authenticate who signed a package. Also says plainly when the court has no signing
// certificate of its own yet, since rulings and receipts need one.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { nextDocketNumber } from '../../../shared/confirmation/court/docket-number';
import { courtToday } from '../../../shared/confirmation/court/court-clock';
import { useServices } from '../../app/services';
import type { StoreResult } from '../../kit/result';
import { useCommand } from '../../kit/useCommand';
import { useSession } from '../auth';
import { readIdentity } from '../identity';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { addTrustedInstitution, docketSettingsOf, readCourtSettings, removeTrustedInstitution, saveDocketSettings, type CourtSettings, type TrustedInstitution } from './settings-store';
import { Section } from './Section';
import { useCourtErrorText } from './ui';

interface DocketValues {
  courtCode: string;
  caseType: string;
  judge: string;
}

/** The first number of this year's sequence with these settings, or null while they are not valid. */
function exampleNumber(courtCode: string | undefined, caseType: string | undefined): string | null {
  if (!courtCode) return null;
  try {
    return nextDocketNumber([], { courtCode, caseType: caseType || '民特' }, Number(courtToday(new Date()).slice(0, 4)));
  } catch {
    return null;
  }
}

export function CourtSettingsCard() {
  const { t } = useTranslation(['court', 'domain', 'app']);
  const { data } = useServices();
  const { user } = useSession();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useCourtErrorText();
  const [settings, setSettings] = useState<CourtSettings | null>(null);
  const [initial, setInitial] = useState<DocketValues | null>(null);
  const [hasIdentity, setHasIdentity] = useState(true);
  const [pem, setPem] = useState('');
  const [form] = Form.useForm<DocketValues>();
  const courtCode = Form.useWatch('courtCode', form);
  const caseType = Form.useWatch('caseType', form);

  const load = useCallback(async () => {
    const current = await readCourtSettings(data);
    const docket = await docketSettingsOf(data, current);
    setSettings(current);
    setInitial({ courtCode: docket?.courtCode ?? '', caseType: docket?.caseType ?? '民特', judge: current.judge });
    setHasIdentity((await readIdentity(data)) !== null);
  }, [data]);
  useEffect(() => {
    void load();
  }, [load]);

  const example = exampleNumber(courtCode, caseType);

  /** A settings change: refused beside the field and above the form, a change made elsewhere reloaded. */
  const change = useCommand(async (action: () => Promise<StoreResult<CourtSettings>>, said: (saved: CourtSettings) => string) => {
    const result = await action();
    if (!result.ok) {
      const fields = result.error.fieldErrors.filter((f) => typeof f.path === 'string').map((f) => ({ name: f.path as keyof DocketValues, errors: [errorText(f)] }));
      if (fields.length > 0) form.setFields(fields);
      if (result.error.code === 'court.settings_changed') await load();
      return result;
    }
    setSettings(result.value);
    void message.success(said(result.value));
    return result;
  });
  const run = async (action: () => Promise<StoreResult<CourtSettings>>, said: (saved: CourtSettings) => string): Promise<boolean> => (await change.run(action, said))?.ok === true;
  const busy = change.busy;
  const error = change.error ? errorText(change.error) : null;

  const readPemFile = async (file: File | undefined) => {
    if (file) setPem(await file.text());
  };

  return (
    <Section title={t('court:settings.title')}>
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('court:settings.intro')}
        </Typography.Paragraph>
        {!hasIdentity && <Alert type="warning" showIcon message={t('court:settings.noIdentity')} />}
        {error && <Alert type="error" showIcon role="alert" message={error} />}
        {settings && initial && (
          <Form<DocketValues>
            key={settings.rev}
            form={form}
            name="courtDocket"
            layout="inline"
            initialValues={initial}
            onFinish={(values) => void run(() => saveDocketSettings(data, user, settings.rev, values), () => t('court:settings.saved'))}
          >
            <Form.Item name="courtCode" label={t('court:settings.courtCode')} tooltip={t('court:settings.courtCodeHelp')}>
              <Input maxLength={20} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="caseType" label={t('court:settings.caseType')} tooltip={t('court:settings.caseTypeHelp')}>
              <Input maxLength={4} style={{ width: 80 }} />
            </Form.Item>
            <Form.Item name="judge" label={t('court:settings.judge')}>
              <Input maxLength={50} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" loading={busy}>
                {t('court:settings.save')}
              </Button>
            </Form.Item>
          </Form>
        )}
        {example && <Typography.Text type="secondary">{t('court:settings.example', { number: example })}</Typography.Text>}

        <Typography.Title level={3} style={{ margin: 0, fontSize: 20 }}>
          {t('court:settings.trusted')}
        </Typography.Title>
        <Table<TrustedInstitution>
          rowKey="fingerprint256"
          size="small"
          pagination={false}
          dataSource={settings?.trusted ?? []}
          locale={{ emptyText: t('court:settings.trustedEmpty') }}
          columns={[
            { key: 'subject', title: t('court:settings.subject'), dataIndex: 'subject' },
            { key: 'fingerprint', title: t('court:settings.fingerprint'), render: (_, r) => <Typography.Text code style={{ fontSize: 11, wordBreak: 'break-all' }}>{r.fingerprint256}</Typography.Text> },
            { key: 'notAfter', title: t('court:settings.notAfter'), render: (_, r) => formatDateTime(r.notAfter, lang) },
            { key: 'addedBy', title: t('court:settings.addedBy'), render: (_, r) => `${r.addedBy} · ${formatDateTime(r.addedAt, lang)}` },
            {
              key: 'remove',
              title: t('court:settings.remove'),
              render: (_, r) => (
                <Button size="small" danger aria-label={t('court:settings.removeLabel', { name: r.subject })} disabled={busy || !settings} onClick={() => settings && void run(() => removeTrustedInstitution(data, user, settings.rev, r.fingerprint256), () => t('court:settings.removed'))}>
                  {t('court:settings.remove')}
                </Button>
              ),
            },
          ]}
        />
        <Form layout="vertical" name="courtTrust">
          <Form.Item label={t('court:settings.pem')} extra={t('court:settings.pemHelp')} htmlFor="court-trusted-pem">
            <Input.TextArea id="court-trusted-pem" rows={4} value={pem} onChange={(e) => setPem(e.target.value)} spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 12 }} />
          </Form.Item>
          <Flex gap={8} wrap>
            <Button onClick={() => document.getElementById('court-trusted-pem-file')?.click()}>{t('court:settings.pemFile')}</Button>
            <input
              id="court-trusted-pem-file"
              type="file"
              accept=".pem,.crt,.cer,application/x-pem-file"
              aria-label={t('court:settings.pemFile')}
              style={{ display: 'none' }}
              onChange={(event) => {
                void readPemFile(event.target.files?.[0]);
                event.target.value = '';
              }}
            />
            <Button
              type="primary"
              disabled={busy || !settings || pem.trim() === ''}
              onClick={() =>
                settings &&
                void run(() => addTrustedInstitution(data, user, settings.rev, pem), (saved) => t('court:settings.added', { name: saved.trusted.at(-1)?.subject ?? '' })).then((added) => {
                  if (added) setPem('');
                })
              }
            >
              {t('court:settings.add')}
            </Button>
          </Flex>
        </Form>
      </Flex>
    </Section>
  );
}
