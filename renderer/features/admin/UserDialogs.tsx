// The dialogs of user administration: add a user, change a role, reset a password. Each shows the
// store's field errors beside the fields and any other refusal above the form.
import { useState } from 'react';
import { Alert, Form, Input, Modal, Radio } from 'antd';
import type { RadioGroupProps } from 'antd';
import type { FormInstance, Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '../../../shared/domain/model';
import { institutionKindOf, kindProfileOf, rolesOffered } from '../../../shared/domain/institution-kinds';
import { passwordProblems, PASSWORD_MIN_LENGTH, useSession } from '../auth';
import { formFieldErrors, translateCode } from '../../kit/translate';
import type { StoreResult } from '../../kit/result';
import { refusesEmpty } from '../../kit/required';

type T = ReturnType<typeof useTranslation>['t'];

/**
 * The roles of this kind of institution (a court's clerks, a center's mediators and lawyers), and
 * `current` when an account made before kinds existed has another. They fit side by side; radio
 * buttons show every choice at once and need no dropdown.
 */
function RoleChoice({ current, ...props }: RadioGroupProps & { current?: Role }) {
  const { t } = useTranslation('domain');
  const { institution } = useSession();
  const roles = rolesOffered(institutionKindOf(institution), current);
  return <Radio.Group {...props} optionType="button" options={roles.map((value) => ({ value, label: t(`role.${value}`) }))} />;
}

function passwordRules(t: T): Rule[] {
  return [
    {
      validator: async (_rule, value: unknown) => {
        const problems = passwordProblems(typeof value === 'string' ? value : '');
        if (problems.length) throw new Error(problems.map((p) => translateCode(t, p.code, p.params)).join('；'));
      },
    },
  ];
}

function confirmRules(t: T, field: string): Rule[] {
  return [
    { required: true, message: t('admin:form.passwordConfirmRequired') },
    ({ getFieldValue }) => ({
      validator: async (_rule, value: unknown) => {
        if (value && value !== getFieldValue(field)) throw new Error(t('admin:form.passwordMismatch'));
      },
    }),
  ];
}

/** Runs a save; field errors go beside the fields, anything else is returned for the alert. */
async function submit<V>(t: T, form: FormInstance, run: () => Promise<StoreResult<V>>): Promise<{ value?: V; error?: string }> {
  const result = await run();
  if (result.ok) return { value: result.value };
  const fields = formFieldErrors(t, result.error.fieldErrors);
  if (fields.length) form.setFields(fields);
  return { error: translateCode(t, result.error.code, result.error.params) };
}

interface DialogProps<V> {
  open: boolean;
  onClose: () => void;
  onSaved: (value: V) => void;
}

export interface AddUserValues {
  username: string;
  displayName: string;
  role: Role;
  licenseNo?: string;
  password: string;
  confirm: string;
}

export function AddUserDialog({ open, onClose, onSaved, save }: DialogProps<User> & { save: (values: Omit<AddUserValues, 'confirm'>) => Promise<StoreResult<User>> }) {
  const { t } = useTranslation(['admin', 'domain', 'auth']);
  const { institution } = useSession();
  const [form] = Form.useForm<AddUserValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);

  const onOk = async () => {
    let values: AddUserValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { confirm: _confirm, ...input } = values;
      const outcome = await submit(t, form, () => save({ ...input, ...(input.role === 'lawyer' ? {} : { licenseNo: undefined }) }));
      if (outcome.value) {
        form.resetFields();
        onSaved(outcome.value);
      } else if (outcome.error) setError(outcome.error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('admin:form.addTitle')}
      okText={t('admin:form.save')}
      cancelText={t('admin:form.cancel')}
      onOk={onOk}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="add-user" layout="vertical" initialValues={{ role: kindProfileOf(institution).workerRole }} preserve={false}>
        <Form.Item name="username" label={t('admin:form.username')} extra={t('admin:form.usernameHelp')} rules={[{ required: true, whitespace: true, message: t('admin:form.usernameRequired') }]}>
          <Input autoComplete="off" maxLength={50} spellCheck={false} />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin:form.displayName')} rules={[{ required: true, whitespace: true, message: t('admin:form.displayNameRequired') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="role" label={t('admin:form.role')} rules={[{ required: true, message: t('admin:form.roleRequired') }]}>
          <RoleChoice />
        </Form.Item>
        {role === 'lawyer' && (
          <Form.Item
            name="licenseNo"
            label={t('admin:form.licenseNo')}
            extra={t('admin:form.licenseNoHelp')}
            rules={[{ required: true, whitespace: true, message: t('admin:form.licenseNoRequired') }]}
          >
            <Input maxLength={30} />
          </Form.Item>
        )}
        <Form.Item name="password" label={t('admin:form.password')} extra={t('auth:passwordPolicy', { min: PASSWORD_MIN_LENGTH })} rules={passwordRules(t)} required={refusesEmpty((value) => passwordProblems(value).length > 0)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t('admin:form.passwordConfirm')} dependencies={['password']} rules={confirmRules(t, 'password')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RoleDialog({ user, onClose, onSaved, save }: Omit<DialogProps<User>, 'open'> & { user: User | null; save: (user: User, role: Role) => Promise<StoreResult<User>> }) {
  const { t } = useTranslation(['admin', 'domain', 'auth']);
  const [form] = Form.useForm<{ role: Role }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onOk = async () => {
    if (!user) return;
    let role: Role;
    try {
      ({ role } = await form.validateFields());
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const outcome = await submit(t, form, () => save(user, role));
      if (outcome.value) onSaved(outcome.value);
      else if (outcome.error) setError(outcome.error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('admin:form.roleTitle', { name: user.displayName }) : ''}
      okText={t('admin:form.save')}
      cancelText={t('admin:form.cancel')}
      onOk={onOk}
      confirmLoading={busy}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      {user && (
        <Form form={form} name="change-role" layout="vertical" initialValues={{ role: user.role }} preserve={false}>
          <Form.Item name="role" label={t('admin:form.role')} rules={[{ required: true, message: t('admin:form.roleRequired') }]}>
            <RoleChoice current={user?.role} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function ResetPasswordDialog({
  user,
  onClose,
  onSaved,
  save,
}: Omit<DialogProps<User>, 'open'> & { user: User | null; save: (user: User, password: string) => Promise<StoreResult<User>> }) {
  const { t } = useTranslation(['admin', 'domain', 'auth']);
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onOk = async () => {
    if (!user) return;
    let values: { password: string; confirm: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const outcome = await submit(t, form, () => save(user, values.password));
      if (outcome.value) onSaved(outcome.value);
      else if (outcome.error) setError(outcome.error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('admin:form.resetTitle', { name: user.displayName }) : ''}
      okText={t('admin:form.save')}
      cancelText={t('admin:form.cancel')}
      onOk={onOk}
      confirmLoading={busy}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      {user && (
        <Form form={form} name="reset-password" layout="vertical" preserve={false}>
          <Form.Item name="password" label={t('admin:form.newPassword')} extra={t('auth:passwordPolicy', { min: PASSWORD_MIN_LENGTH })} rules={passwordRules(t)} required={refusesEmpty((value) => passwordProblems(value).length > 0)}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="confirm" label={t('admin:form.passwordConfirm')} dependencies={['password']} rules={confirmRules(t, 'password')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
