// First run: which kind of institution this is, then only what that kind needs — a mediation
// institution its basic people's court and case numbering, a court only its own code — and the
// administrator; or a restore from another workstation's backup. Each field is checked as the user leaves it
// by the same shared validators the db layer applies, and the db layer's own field errors are
// shown beside the fields they name.
import { useState, type ReactNode } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { Alert, App, Card, Form, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_INSTITUTION_KIND } from '../../../shared/domain/institution-kinds';
import { DEFAULT_CASE_NUMBER_PATTERN } from '../../../shared/domain/case-number';
import { useServices } from '../../app/services';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { formFieldErrors, translateCode } from '../../kit/translate';
import { FirstRunStorageNotice } from '../storage';
import { setupInstitution } from './accounts';
import { useAuth } from './context';
import { FullPageSpinner } from './session';
import { AdminCard, InstitutionCard, type SetupValues } from './SetupParts';

export interface SetupPageProps {
  /**
   * The restore from another workstation's backup, drawn by the app (the backup feature's panel):
   * `onRestored` is what the page does once the store holds the restored data.
   */
  restore?: (onRestored: () => Promise<void>) => ReactNode;
}

export default function SetupPage({ restore }: SetupPageProps) {
  const { t } = useTranslation(['auth', 'domain', 'app']);
  const { data } = useServices();
  const auth = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<SetupValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const kind = Form.useWatch(['institution', 'kind'], form) ?? DEFAULT_INSTITUTION_KIND;

  if (!auth.loaded) return <FullPageSpinner />;
  if (auth.institution) return <Navigate to="/login" replace />;

  const onFinish = async (values: SetupValues) => {
    setBusy(true);
    setFailure(null);
    try {
      const { confirm: _confirm, ...admin } = values.admin;
      const result = await setupInstitution(data, { institution: values.institution, admin });
      if (result.ok) {
        await auth.reload();
        message.success(t('auth:setup.done'));
        navigate('/login', { replace: true });
        return;
      }
      const fields = formFieldErrors(t, result.error.fieldErrors);
      if (fields.length) form.setFields(fields);
      setFailure(t('auth:setup.failed', { reason: translateCode(t, result.error.code, result.error.params) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', background: '#f0f2f5', padding: '32px 16px' }}>
      <div style={{ maxWidth: 880, margin: '0 auto' }}>
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 28 }}>
              {t('auth:setup.title')}
            </Typography.Title>
            <LanguageSwitch />
          </div>
          <Typography.Paragraph>{t('auth:setup.intro')}</Typography.Paragraph>
          {/* Asks the browser to keep the store about to be filled; names another origin that holds data. */}
          <FirstRunStorageNotice />
          {failure && <Alert type="error" showIcon role="alert" message={failure} />}
          <Form<SetupValues>
            form={form}
            name="first-run"
            layout="vertical"
            onFinish={onFinish}
            scrollToFirstError
            initialValues={{ institution: { kind: DEFAULT_INSTITUTION_KIND, caseNumberPattern: DEFAULT_CASE_NUMBER_PATTERN, court: { name: '', code: '' } } }}
            validateTrigger={['onBlur', 'onChange']}
          >
            <InstitutionCard form={form} kind={kind} />
            <AdminCard busy={busy} />
          </Form>
          <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('auth:setup.restoreSection')}</h2>}>
            <Typography.Paragraph>{t('auth:setup.restoreIntro')}</Typography.Paragraph>
            {restore?.(async () => {
              await auth.reload();
              message.success(t('auth:setup.restored'));
              navigate('/login', { replace: true });
            })}
          </Card>
        </Space>
      </div>
    </main>
  );
}
