// The first-run form's two cards: the institution (only what its kind needs) and its administrator.
import { Button, Card, Col, Divider, Form, Input, Radio, Row, Typography, type FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { INSTITUTION_KINDS, INSTITUTION_KIND_PROFILES, type InstitutionKind } from '../../../shared/domain/institution-kinds';
import { validateCaseNumberPattern } from '../../../shared/domain/case-number';
import { validateCreditCode } from '../../../shared/domain/identifiers';
import { translateCode } from '../../kit/translate';
import { refusesEmpty } from '../../kit/required';
import { passwordProblems, PASSWORD_MIN_LENGTH } from './accounts';
import { CaseNumberPreview } from './CaseNumberPreview';
import { institutionCreditCodeRule } from './credit-code';

export interface SetupValues {
  institution: {
    kind: InstitutionKind;
    name: string;
    creditCode: string;
    address: string;
    court: { name: string; code: string };
    caseNumberPrefix: string;
    caseNumberPattern: string;
  };
  admin: { username: string; displayName: string; password: string; confirm: string };
}

const NAMESPACES = ['auth', 'domain', 'app'] as const;

export function InstitutionCard({ form, kind }: { form: FormInstance<SetupValues>; kind: InstitutionKind }) {
  const { t } = useTranslation(NAMESPACES);
  const profile = INSTITUTION_KIND_PROFILES[kind];
  const required = (key: string): Rule => ({ required: true, whitespace: true, message: t(key) });
  const patternRule: Rule = {
    validator: async (_rule, value: unknown) => {
      const checked = validateCaseNumberPattern(typeof value === 'string' ? value : '');
      if (!checked.ok) throw new Error(translateCode(t, checked.code, checked.params));
    },
  };
  return (
        <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('auth:setup.institutionSection')}</h2>}>
          <Form.Item name={['institution', 'kind']} label={t('auth:setup.kind')} extra={t(`auth:setup.kindHelp.${kind}`)}>
            <Radio.Group role="radiogroup" aria-label={t('auth:setup.kind')} optionType="button" options={INSTITUTION_KINDS.map((value) => ({ value, label: t(`domain:kind.${value}`) }))} />
          </Form.Item>
          <Form.Item name={['institution', 'name']} label={t('auth:setup.name')} rules={[required('auth:setup.nameRequired'), { max: 100 }]}>
            <Input placeholder={t(`auth:setup.namePlaceholder.${kind}`)} maxLength={100} />
          </Form.Item>
          <Form.Item
            name={['institution', 'creditCode']}
            label={t('auth:setup.creditCode')}
            extra={t(`auth:setup.creditCodeHelp.${kind}`)}
            rules={[institutionCreditCodeRule(t, kind)]}
            required={refusesEmpty((value) => !validateCreditCode(value).ok)}
            normalize={(value: string) => value.toUpperCase()}
            validateTrigger="onBlur"
          >
            <Input maxLength={24} autoComplete="off" spellCheck={false} />
          </Form.Item>
          <Form.Item name={['institution', 'address']} label={t('auth:setup.address')} rules={[required('auth:setup.addressRequired'), { max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          {!profile.hasConfirmingCourt && (
            <Form.Item
              name={['institution', 'court', 'code']}
              label={t('auth:setup.courtCode')}
              extra={t('auth:setup.ownCourtCodeHelp')}
              rules={[required('auth:setup.ownCourtCodeRequired'), { max: 20 }]}
            >
              <Input maxLength={20} />
            </Form.Item>
          )}
          {profile.hasConfirmingCourt && (
            <>
              <Divider titlePlacement="start">{t('auth:setup.courtSection')}</Divider>
              <Row gutter={16}>
                <Col xs={24} md={16}>
                  <Form.Item name={['institution', 'court', 'name']} label={t('auth:setup.courtName')} rules={[required('auth:setup.courtNameRequired'), { max: 100 }]}>
                    <Input placeholder={t('auth:setup.courtNamePlaceholder')} maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={['institution', 'court', 'code']} label={t('auth:setup.courtCode')} extra={t('auth:setup.courtCodeHelp')} rules={[{ max: 20 }]}>
                    <Input maxLength={20} />
                  </Form.Item>
                </Col>
              </Row>
              <Divider titlePlacement="start">{t('auth:setup.caseNumberSection')}</Divider>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={['institution', 'caseNumberPrefix']}
                    label={t('auth:setup.caseNumberPrefix')}
                    extra={t('auth:setup.caseNumberPrefixHelp')}
                    rules={[required('auth:setup.caseNumberPrefixRequired'), { max: 20 }]}
                  >
                    <Input maxLength={20} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item
                    name={['institution', 'caseNumberPattern']}
                    label={t('auth:setup.caseNumberPattern')}
                    extra={t('auth:setup.caseNumberPatternHelp')}
                    rules={[patternRule]}
                  >
                    <Input maxLength={100} spellCheck={false} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item noStyle shouldUpdate>
                {() => (
                  <CaseNumberPreview
                    pattern={form.getFieldValue(['institution', 'caseNumberPattern']) ?? ''}
                    prefix={form.getFieldValue(['institution', 'caseNumberPrefix']) ?? ''}
                  />
                )}
              </Form.Item>
            </>
          )}
        </Card>
  );
}

export function AdminCard({ busy }: { busy: boolean }) {
  const { t } = useTranslation(NAMESPACES);
  const required = (key: string): Rule => ({ required: true, whitespace: true, message: t(key) });
  const passwordRule: Rule = {
    validator: async (_rule, value: unknown) => {
      const problems = passwordProblems(typeof value === 'string' ? value : '');
      if (problems.length) throw new Error(problems.map((p) => translateCode(t, p.code, p.params)).join('；'));
    },
  };
  return (
        <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('auth:setup.adminSection')}</h2>} style={{ marginTop: 24 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name={['admin', 'username']} label={t('auth:setup.adminUsername')} rules={[required('auth:setup.adminUsernameRequired')]}>
                <Input autoComplete="username" maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['admin', 'displayName']} label={t('auth:setup.adminDisplayName')} rules={[required('auth:setup.adminDisplayNameRequired'), { max: 50 }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" id="password-policy">
            {t('auth:passwordPolicy', { min: PASSWORD_MIN_LENGTH })}
          </Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name={['admin', 'password']} label={t('auth:setup.password')} rules={[passwordRule]} required={refusesEmpty((value) => passwordProblems(value).length > 0)} hasFeedback>
                <Input.Password autoComplete="new-password" aria-describedby="password-policy" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['admin', 'confirm']}
                label={t('auth:setup.passwordConfirm')}
                dependencies={[['admin', 'password']]}
                hasFeedback
                rules={[
                  { required: true, message: t('auth:setup.passwordConfirmRequired') },
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value: unknown) => {
                      if (value && value !== getFieldValue(['admin', 'password'])) throw new Error(t('auth:setup.passwordMismatch'));
                    },
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={busy} size="large">
            {t('auth:setup.submit')}
          </Button>
        </Card>
  );
}
