// The dialogs of user administration: add a user, change a role, reset a password. Each shows the
// store's field errors beside the fields and any other refusal above the form.
import { useState, type ReactNode } from 'react';
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

/** A new password typed twice, held to the password policy the store holds it to. */
function NewPasswordFields({ label }: { label: string }) {
  const { t } = useTranslation(['admin', 'domain', 'auth']);
  return (
    <>
      <Form.Item name="password" label={label} extra={t('auth:passwordPolicy', { min: PASSWORD_MIN_LENGTH })} rules={passwordRules(t)} required={refusesEmpty((value) => passwordProblems(value).length > 0)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="confirm" label={t('admin:form.passwordConfirm')} dependencies={['password']} rules={confirmRules(t, 'password')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

interface SaveDialogState {
  busy: boolean;
  error: string | null;
  onOk: () => Promise<void>;
  clearError: () => void;
}

/**
 * What every dialog here does on 保存: validate the form, run the save (none while there is
 * nothing to save), put the store's field errors beside the fields and any other refusal above
 * the form, and hand a saved value to `onSaved`.
 */
function useSaveDialog<F, V>(form: FormInstance<F>, save: ((values: F) => Promise<StoreResult<V>>) | null, onSaved: (value: V) => void): SaveDialogState {
  const { t } = useTranslation(['admin', 'domain', 'auth']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onOk = async () => {
    if (!save) return;
    let values: F;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await save(values);
      if (result.ok) {
        onSaved(result.value);
        return;
      }
      const fields = formFieldErrors(t, result.error.fieldErrors);
      if (fields.length) form.setFields(fields);
      setError(translateCode(t, result.error.code, result.error.params));
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, onOk, clearError: () => setError(null) };
}

/** The dialog around a form: 保存 and 取消 (which also drops the refusal), the refusal above the form. */
function SaveDialog({ open, title, dialog, onClose, forceRender, children }: { open: boolean; title: string; dialog: SaveDialogState; onClose: () => void; forceRender?: boolean; children: ReactNode }) {
  const { t } = useTranslation('admin');
  return (
    <Modal
      open={open}
      title={title}
      okText={t('admin:form.save')}
      cancelText={t('admin:form.cancel')}
      onOk={dialog.onOk}
      confirmLoading={dialog.busy}
      onCancel={() => {
        dialog.clearError();
        onClose();
      }}
      destroyOnHidden
      forceRender={forceRender}
    >
      {dialog.error && <Alert type="error" showIcon role="alert" message={dialog.error} style={{ marginBottom: 16 }} />}
      {children}
    </Modal>
  );
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
  const role = Form.useWatch('role', form);
  const dialog = useSaveDialog(
    form,
    ({ confirm: _confirm, ...input }) => save({ ...input, ...(input.role === 'lawyer' ? {} : { licenseNo: undefined }) }),
    (user) => {
      form.resetFields();
      onSaved(user);
    },
  );

  return (
    <SaveDialog open={open} title={t('admin:form.addTitle')} dialog={dialog} onClose={onClose} forceRender>
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
        <NewPasswordFields label={t('admin:form.password')} />
      </Form>
    </SaveDialog>
  );
}

export function RoleDialog({ user, onClose, onSaved, save }: Omit<DialogProps<User>, 'open'> & { user: User | null; save: (user: User, role: Role) => Promise<StoreResult<User>> }) {
  const { t } = useTranslation(['admin', 'domain', 'auth']);
  const [form] = Form.useForm<{ role: Role }>();
  const dialog = useSaveDialog(form, user && (({ role }) => save(user, role)), onSaved);

  return (
    <SaveDialog open={user !== null} title={user ? t('admin:form.roleTitle', { name: user.displayName }) : ''} dialog={dialog} onClose={onClose}>
      {user && (
        <Form form={form} name="change-role" layout="vertical" initialValues={{ role: user.role }} preserve={false}>
          <Form.Item name="role" label={t('admin:form.role')} rules={[{ required: true, message: t('admin:form.roleRequired') }]}>
            <RoleChoice current={user?.role} />
          </Form.Item>
        </Form>
      )}
    </SaveDialog>
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
  const dialog = useSaveDialog(form, user && (({ password }) => save(user, password)), onSaved);

  return (
    <SaveDialog open={user !== null} title={user ? t('admin:form.resetTitle', { name: user.displayName }) : ''} dialog={dialog} onClose={onClose}>
      {user && (
        <Form form={form} name="reset-password" layout="vertical" preserve={false}>
          <NewPasswordFields label={t('admin:form.newPassword')} />
        </Form>
      )}
    </SaveDialog>
  );
}
