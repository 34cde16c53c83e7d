// Settings → Video sessions: which signaling server sessions use (this workstation's own, or an
// external `mw signal` for the internet, whose secret is a credential held here), and the
// STUN/TURN servers. Administrators edit; others see. Checks are ./video-settings.ts.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { updateSettings, useSession } from '../auth';
import { settleSave } from './save-outcome';
import { isLoopbackAddress } from '../../../shared/domain/settings';
import { checkBaseUrl, checkSecret, parseIceServers, videoFormValues, videoSettingsPatch, type Problem, type VideoFormValues } from './video-settings';

type HostState = { kind: 'loading' } | { kind: 'running'; bases: readonly string[] } | { kind: 'none' } | { kind: 'refused'; detail: string };

/** What the embedded server says about itself, for the line under the mode. */
function useHostState(): HostState {
  const { platform } = useServices();
  const [state, setState] = useState<HostState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    platform.signaling.hosted().then(
      (hosted) => live && setState(hosted ? { kind: 'running', bases: hosted.joinBases } : { kind: 'none' }),
      (error: unknown) => live && setState({ kind: 'refused', detail: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [platform]);
  return state;
}

export function VideoSessionsCard() {
  const { t } = useTranslation(['settings', 'auth', 'domain', 'app']);
  const { data } = useServices();
  const { user, settings, reload } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<VideoFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const host = useHostState();
  const canEdit = user.role === 'admin';
  const mode = Form.useWatch('mode', form) ?? videoFormValues(settings).mode;
  const externalBaseUrl = Form.useWatch('externalBaseUrl', form) ?? videoFormValues(settings).externalBaseUrl;
  // Parties' links on a loopback address open only on this workstation: said wherever one is offered.
  const loopbackOffered =
    mode === 'embedded' ? (host.kind === 'running' ? host.bases.filter(isLoopbackAddress) : []) : externalBaseUrl && isLoopbackAddress(externalBaseUrl) ? [externalBaseUrl] : [];

  const say = (problem: Problem | null): void => {
    if (problem) throw new Error(t(`settings:${problem.key}`, problem.params));
  };
  const rule = (check: (values: VideoFormValues) => Problem | null): Rule => ({
    validator: async () => say(check(form.getFieldsValue(true) as VideoFormValues)),
  });
  const iceRule: Rule = {
    validator: async (_rule, value: string | undefined) => {
      const parsed = parseIceServers(value ?? '');
      if (!parsed.ok) say(parsed.problem);
    },
  };

  const onFinish = async (values: VideoFormValues) => {
    const parsed = parseIceServers(values.iceServersJson ?? '');
    if (!parsed.ok) return;
    setBusy(true);
    setError(null);
    try {
      await settleSave(await updateSettings(data, user, settings.version, videoSettingsPatch(values, parsed.servers)), {
        t,
        form,
        conflictCode: 'settings.changed',
        reload,
        setError,
        onSaved: () => void message.success(t('settings:video.saved')),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('settings:video.section')}</h2>}>
      <Typography.Paragraph type="secondary">{t('settings:video.intro')}</Typography.Paragraph>
      {error && <Alert type="warning" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Form<VideoFormValues>
        key={settings.version}
        form={form}
        name="videoSessions"
        layout="vertical"
        initialValues={videoFormValues(settings)}
        onFinish={onFinish}
        disabled={!canEdit}
        validateTrigger="onBlur"
      >
        <Form.Item name="mode" label={t('settings:video.mode')} extra={t('settings:video.modeHelp')}>
          <Radio.Group
            onChange={() => void form.validateFields(['externalBaseUrl', 'externalSecret']).catch(() => {})}
            options={[
              { value: 'embedded', label: t('settings:video.modeEmbedded') },
              { value: 'external', label: t('settings:video.modeExternal') },
            ]}
          />
        </Form.Item>
        {mode === 'embedded' && host.kind !== 'loading' && (
          <Alert
            type={host.kind === 'running' ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 16 }}
            message={
              host.kind === 'running'
                ? t('settings:video.embeddedAt', { bases: host.bases.join('  ') })
                : host.kind === 'refused'
                  ? t('settings:video.embeddedRefused', { detail: host.detail })
                  : t('settings:video.embeddedNone')
            }
          />
        )}
        {loopbackOffered.length > 0 && (
          <Alert type="warning" showIcon role="note" data-testid="loopback-warning" style={{ marginBottom: 16 }} message={t('settings:video.loopbackOnly', { addresses: loopbackOffered.join('  ') })} />
        )}
        <Form.Item name="externalBaseUrl" label={t('settings:video.externalBaseUrl')} extra={t('settings:video.externalBaseUrlHelp')} rules={[rule(checkBaseUrl)]} hidden={mode !== 'external'}>
          <Input maxLength={2048} spellCheck={false} inputMode="url" placeholder="https://signal.example.org/" />
        </Form.Item>
        <Form.Item name="externalSecret" label={t('settings:video.externalSecret')} extra={t('settings:video.externalSecretHelp')} rules={[rule(checkSecret)]} hidden={mode !== 'external' || !canEdit}>
          <Input.Password maxLength={1024} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="iceServersJson" label={t('settings:video.iceServers')} extra={t('settings:video.iceServersHelp')} rules={[iceRule]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('settings:video.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
