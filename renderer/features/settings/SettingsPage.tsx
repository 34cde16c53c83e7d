// Settings: time limits, screen lock, default language (administrators change them; others see
// them) and the institution's details (administrators only). Saves name the version they started
// from; when someone else saved first, nothing is overwritten and the latest values are shown.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, type Settings } from '../../../shared/domain/model';
import { useServices } from '../../app/services';
import { translateCode } from '../../kit/translate';
import { useLanguage } from '../../app/useLanguage';
import { CaseNumberPreview, institutionCreditCodeProblem, updateSettings, useSession } from '../auth';
import { CenterCard } from '../center';
import { IdentityCard, MediatorCertificates } from '../identity';
import { parseIntakeUrl } from '../../../shared/protocol/intake';
import { checkInstitutionDetails, updateInstitution, type InstitutionDetails } from './institution-store';
import { institutionKindOf, kindProfileOf } from '../../../shared/domain/institution-kinds';
import { validateCreditCode } from '../../../shared/domain/identifiers';
import { settleSave } from './save-outcome';
import { VideoSessionsCard } from './VideoSessionsCard';

// The video fields have their own card (./VideoSessionsCard.tsx).
type SettingsValues = Omit<Settings, 'id' | 'version' | 'videoSignaling' | 'iceServers'>;

const RANGES: Record<Exclude<keyof SettingsValues, 'language'>, [number, number]> = {
  idleLockMinutes: [1, 240],
  mediationLimitDays: [1, 365],
  courtEntrustedLimitDays: [1, 365],
  deadlineWarningDays: [0, 30],
};

function SettingsForm() {
  const { t } = useTranslation(['settings', 'auth', 'domain', 'app']);
  const { data } = useServices();
  const { user, settings, reload } = useSession();
  const { setLanguage } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canEdit = user.role === 'admin';

  const rangeRule = (field: keyof typeof RANGES): Rule => {
    const [min, max] = RANGES[field];
    return { required: true, type: 'integer', min, max, message: t('settings:range', { min, max }) };
  };

  const onFinish = async (values: SettingsValues) => {
    setBusy(true);
    setError(null);
    try {
      await settleSave(await updateSettings(data, user, settings.version, values), {
        t,
        form,
        conflictCode: 'settings.changed',
        reload,
        setError,
        onSaved: async () => {
          if (values.language !== settings.language) await setLanguage(values.language);
          message.success(t('settings:saved'));
        },
      });
    } finally {
      setBusy(false);
    }
  };

  const { id: _id, version: _version, videoSignaling: _video, iceServers: _ice, ...initialValues } = settings;
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('settings:workSection')}</h2>}>
      {error && <Alert type="warning" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Form<SettingsValues> key={settings.version} form={form} name="settings" layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={!canEdit}>
        <Row gutter={16}>
          {(Object.keys(RANGES) as (keyof typeof RANGES)[]).map((field) => (
            <Col xs={24} md={12} key={field}>
              <Form.Item name={field} label={t(`settings:${field}`)} extra={t(`settings:${field}Help`)} rules={[rangeRule(field)]}>
                <InputNumber min={RANGES[field][0]} max={RANGES[field][1]} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="language" label={t('settings:language')} extra={t('settings:languageHelp')} rules={[{ required: true, message: t('settings:required') }]}>
          <Radio.Group options={LANGUAGES.map((value: Language) => ({ value, label: t(`app:languageName.${value}`) }))} />
        </Form.Item>
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('settings:save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

function InstitutionForm() {
  const { t } = useTranslation(['settings', 'auth', 'domain']);
  const { data } = useServices();
  const { user, institution, reload } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<InstitutionDetails>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = institutionKindOf(institution);
  const ownCourt = !kindProfileOf(institution).hasConfirmingCourt;

  // The same shared validators as the save, so errors appear beside the field as it is left.
  const fieldRule = (path: string): Rule => ({
    validator: async () => {
      const values = form.getFieldsValue(true) as InstitutionDetails;
      if (path === 'creditCode') {
        const problem = institutionCreditCodeProblem(t, kind, validateCreditCode(values.creditCode ?? ''));
        if (problem) throw new Error(problem);
        return;
      }
      const checked = checkInstitutionDetails(values, kind);
      const problem = checked.errors.find((e) => e.path === path);
      if (problem) throw new Error(translateCode(t, problem.code, problem.params, ['settings']));
    },
  });

  const onFinish = async (values: InstitutionDetails) => {
    setBusy(true);
    setError(null);
    try {
      await settleSave(await updateInstitution(data, user, institution.version, values), {
        t,
        form,
        conflictCode: 'institution.changed',
        reload,
        setError,
        onSaved: () => void message.success(t('settings:institutionSaved')),
      });
    } finally {
      setBusy(false);
    }
  };

  const initialValues: InstitutionDetails = {
    name: institution.name,
    creditCode: institution.creditCode,
    address: institution.address,
    court: { name: institution.court.name, code: institution.court.code, intakeUrl: institution.court.intakeUrl },
    caseNumberPrefix: institution.caseNumberPrefix,
    caseNumberPattern: institution.caseNumberPattern,
  };

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('settings:institutionSection')}</h2>}>
      {error && <Alert type="warning" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Form<InstitutionDetails> key={institution.version} form={form} name="institution" layout="vertical" initialValues={initialValues} onFinish={onFinish} validateTrigger="onBlur">
        <Form.Item name="name" label={t('auth:setup.name')} rules={[fieldRule('name')]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="creditCode" label={t('auth:setup.creditCode')} extra={t(`auth:setup.creditCodeHelp.${kind}`)} rules={[fieldRule('creditCode')]} normalize={(v: string) => v.toUpperCase()}>
          <Input maxLength={24} spellCheck={false} />
        </Form.Item>
        <Form.Item name="address" label={t('auth:setup.address')} rules={[fieldRule('address')]}>
          <Input maxLength={200} />
        </Form.Item>
        {ownCourt && (
          <Form.Item name={['court', 'code']} label={t('auth:setup.courtCode')} extra={t('auth:setup.ownCourtCodeHelp')} rules={[fieldRule('court.code')]}>
            <Input maxLength={20} />
          </Form.Item>
        )}
        {!ownCourt && (
          <>
            <Row gutter={16}>
              <Col xs={24} md={16}>
                <Form.Item name={['court', 'name']} label={t('auth:setup.courtName')} rules={[fieldRule('court.name')]}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['court', 'code']} label={t('auth:setup.courtCode')} extra={t('auth:setup.courtCodeHelp')} rules={[fieldRule('court.code')]}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name={['court', 'intakeUrl']} label={t('settings:intakeUrl')} extra={t('settings:intakeUrlHelp')} rules={[fieldRule('court.intakeUrl')]}>
              <Input maxLength={2000} spellCheck={false} placeholder="https://" inputMode="url" />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {() => {
                const parsed = parseIntakeUrl(form.getFieldValue(['court', 'intakeUrl']) ?? '');
                return parsed.ok && parsed.plainHttp ? <Alert type="warning" showIcon message={t('settings:intakeUrlPlainHttp')} style={{ marginBottom: 16 }} /> : null;
              }}
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="caseNumberPrefix" label={t('auth:setup.caseNumberPrefix')} rules={[fieldRule('caseNumberPrefix')]}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name="caseNumberPattern" label={t('auth:setup.caseNumberPattern')} extra={t('auth:setup.caseNumberPatternHelp')} rules={[fieldRule('caseNumberPattern')]}>
                  <Input maxLength={100} spellCheck={false} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item noStyle shouldUpdate>
              {() => <CaseNumberPreview pattern={form.getFieldValue('caseNumberPattern') ?? ''} prefix={form.getFieldValue('caseNumberPrefix') ?? ''} />}
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('settings:institutionSave')}
        </Button>
      </Form>
    </Card>
  );
}

export default function SettingsPage() {
  const { t } = useTranslation('settings');
  const { user, institution } = useSession();
  const [identityGeneration, setIdentityGeneration] = useState(0);
  const profile = kindProfileOf(institution);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 880 }}>
      <Typography.Title level={1} style={{ fontSize: 30 }}>{t('title')}</Typography.Title>
      {user.role !== 'admin' && <Alert type="info" showIcon message={t('adminOnly')} />}
      <SettingsForm />
      {user.role === 'admin' && <InstitutionForm />}
      {profile.mediatesCases && <VideoSessionsCard />}
      <IdentityCard onChanged={() => setIdentityGeneration((n) => n + 1)} />
      {user.role === 'admin' && profile.issuesMediatorCertificates && <MediatorCertificates key={identityGeneration} />}
      <CenterCard />
    </Space>
  );
}
