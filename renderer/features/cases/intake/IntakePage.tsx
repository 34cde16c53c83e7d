// Registering a case. Each field is checked by the domain validator when the user leaves it, and
// the whole intake on submit; every error appears beside its field in the user's language. What
// is typed is never lost: leaving with unsaved input asks first, inside the app and on closing
// the window.
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent } from 'react';
import { useBlocker, useNavigate } from 'react-router';
import { Alert, App, AutoComplete, Button, Card, Flex, Form, Input, Modal, Select, Typography, type FormItemProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { validateIntake } from '../../../../shared/domain/intake';
import { CASE_SOURCES } from '../../../../shared/domain/model';
import { canRegisterCase } from '../../../../shared/domain/permissions';
import { useServices } from '../../../app/services';
import { NoPermission } from '../../../app/results';
import { useSession } from '../../auth';
import { registerCase } from '../../case-store';
import type { FieldErrorLike } from '../../../kit/result';
import { useCommand } from '../../../kit/useCommand';
import { CATEGORIES } from '../common/categories';
import { CategoryFieldInputs } from '../../../kit/CategoryFieldInputs';
import { errorsAt, mapFieldErrors, type FormName } from '../../../kit/field-errors';
import { institutionToday } from '../../../kit/format';
import { cleanPastedText, countControlChars } from '../../../kit/text-input';
import { useErrorText } from '../../../kit/useErrorText';
import { CASES_NAMESPACES } from '../i18n';
import { useLang } from '../../../kit/useLang';
import { INITIAL_INTAKE, INTAKE_SHAPE, toIntakeInput, type IntakeFormValues } from './form-model';
import { PartiesEditor } from './PartiesEditor';
import { districtOfAddress } from '../common/district';

function intakeErrors(values: IntakeFormValues): readonly FieldErrorLike[] {
  const result = validateIntake(toIntakeInput(values));
  return result.ok ? [] : result.errors;
}

export default function IntakePage() {
  const { user } = useSession();
  if (!canRegisterCase(user)) return <NoPermission />;
  return <IntakeForm />;
}

function IntakeForm() {
  const { t } = useTranslation(['cases', 'domain']);
  const language = useLang();
  const { data } = useServices();
  const { user, institution } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const district = districtOfAddress(institution.address);
  const errorText = useErrorText(CASES_NAMESPACES);
  const [form] = Form.useForm<IntakeFormValues>();
  const category = Form.useWatch('category', form);
  const [dirty, setDirty] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const registered = useRef(false);

  const rulesFor = useCallback(
    (name: FormName): FormItemProps['rules'] => [
      {
        validator: async () => {
          const errors = errorsAt(intakeErrors(form.getFieldsValue(true) as IntakeFormValues), name, INTAKE_SHAPE);
          if (errors.length) throw new Error(errors.map((e) => errorText(e.code, e.params)).join(' '));
        },
      },
    ],
    [form, errorText],
  );

  const showErrors = (errors: readonly FieldErrorLike[]) => {
    const mapped = mapFieldErrors(errors, INTAKE_SHAPE);
    form.setFields(mapped.fields.map((f) => ({ name: f.name as never, errors: f.errors.map((e) => errorText(e.code, e.params)) })));
    setGeneral(mapped.general.map((e) => errorText(e.code, e.params)));
    const first = mapped.fields[0];
    if (first) form.scrollToField(first.name, { block: 'center', focus: true });
  };

  const register = useCommand((values: IntakeFormValues) => registerCase(data, user, toIntakeInput(values), { today: institutionToday(), now: new Date() }), {
    onDone: (done) => {
      registered.current = true;
      void message.success(t('cases:intake.registered', { number: done.case.number }));
      navigate(`/cases/${encodeURIComponent(done.case.id)}`, { replace: true });
    },
  });

  const submit = async () => {
    const values = form.getFieldsValue(true) as IntakeFormValues;
    // Errors from the last attempt go; what remains wrong is set again below.
    form.setFields(
      form
        .getFieldsError()
        .filter((f) => f.errors.length)
        .map((f) => ({ name: f.name as never, errors: [] })),
    );
    setGeneral([]);
    const errors = intakeErrors(values);
    if (errors.length) {
      showErrors(errors);
      return;
    }
    const result = await register.run(values);
    if (!result || result.ok) return;
    if (result.error.fieldErrors.length) showErrors(result.error.fieldErrors);
    else setGeneral([errorText(result.error.code, result.error.params)]);
  };

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !registered.current && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (registered.current) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const onPaste = (event: ClipboardEvent<HTMLFormElement>) => {
    const text = event.clipboardData.getData('text/plain');
    const removed = countControlChars(text);
    if (removed > 0) void message.info(t('cases:intake.controlCharsRemoved', { count: removed }));
  };

  const categoryOptions = useMemo(() => CATEGORIES.map((c) => ({ value: c.code, label: c.name[language] })), [language]);

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1000 }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }}>
        {t('cases:intake.title')}
      </Typography.Title>
      <Form<IntakeFormValues>
        form={form}
        layout="vertical"
        initialValues={INITIAL_INTAKE}
        onValuesChange={() => setDirty(true)}
        onFinish={() => void submit()}
        onFinishFailed={() => void submit()}
        onPaste={onPaste}
        aria-label={t('cases:intake.title')}
        scrollToFirstError
      >
        <Flex vertical gap={16}>
          {general.length > 0 && (
            <Alert type="error" showIcon role="alert" message={t('cases:intake.fixErrors')} description={<ul style={{ margin: 0 }}>{general.map((g) => <li key={g}>{g}</li>)}</ul>} />
          )}
          <Card title={t('cases:intake.sectionCase')} size="small">
            <Flex wrap gap={16}>
              <Form.Item name="category" label={t('cases:intake.category')} required rules={rulesFor(['category'])} validateTrigger={['onBlur', 'onChange']} style={{ minWidth: 320 }}>
                <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t('cases:intake.categoryPlaceholder')} options={categoryOptions} />
              </Form.Item>
              <Form.Item name="source" label={t('cases:intake.source')} required rules={rulesFor(['source'])} validateTrigger={['onBlur', 'onChange']} style={{ minWidth: 260 }}>
                <Select options={CASE_SOURCES.map((s) => ({ value: s, label: t(`domain:source.${s}`) }))} />
              </Form.Item>
              <Form.Item name="district" label={t('cases:statistics.district')} extra={t('cases:statistics.districtHelp', { max: 50 })} rules={rulesFor(['district'])} validateTrigger={['onBlur']} style={{ minWidth: 260 }}>
                <AutoComplete options={district ? [{ value: district }] : []} />
              </Form.Item>
            </Flex>
            {category ? (
              <CategoryFieldInputs category={category} rulesFor={rulesFor} />
            ) : (
              <Typography.Text type="secondary">{t('cases:intake.categoryFirst')}</Typography.Text>
            )}
          </Card>
          <Card title={t('cases:intake.sectionParties')} size="small">
            <PartiesEditor rulesFor={rulesFor} />
          </Card>
          <Card title={t('cases:intake.sectionClaims')} size="small">
            <Form.Item name="claims" label={t('cases:intake.claims')} rules={rulesFor(['claims'])} validateTrigger={['onBlur']} normalize={cleanPastedText}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
            </Form.Item>
            <Form.Item name="amountYuan" label={t('cases:intake.amount')} extra={t('cases:intake.amountHelp')} rules={rulesFor(['amountYuan'])} validateTrigger={['onBlur']} normalize={cleanPastedText}>
              <Input inputMode="decimal" prefix="¥" style={{ maxWidth: 260 }} />
            </Form.Item>
            <Form.Item name="description" label={t('cases:intake.description')} rules={rulesFor(['description'])} validateTrigger={['onBlur']} normalize={cleanPastedText}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} />
            </Form.Item>
          </Card>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" disabled={register.busy}>
              {t('cases:intake.submit')}
            </Button>
            <Button onClick={() => navigate('/cases')}>{t('cases:common.cancel')}</Button>
          </Flex>
        </Flex>
      </Form>
      <Modal
        open={blocker.state === 'blocked'}
        title={t('cases:intake.leaveTitle')}
        okText={t('cases:intake.leaveOk')}
        okButtonProps={{ danger: true }}
        cancelText={t('cases:intake.leaveCancel')}
        onOk={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        {t('cases:intake.leaveBody')}
      </Modal>
    </Flex>
  );
}
