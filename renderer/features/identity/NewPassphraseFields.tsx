// A new key passphrase, typed twice: at least MIN_KEY_PASSPHRASE characters, the second the same
// as the first. The institution's key (IdentityCard) and a mediator's (MediatorCertificates) are
// sealed with one.
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { MIN_KEY_PASSPHRASE } from './store';

export interface NewPassphraseFieldsProps {
  /** The form's names of the passphrase and of its repetition. */
  names: [string, string];
  label: string;
  help: string;
  repeatLabel: string;
  mismatch: string;
  /** The message when the repetition is left empty; without it, an empty one is a mismatch. */
  repeatRequired?: string;
}

export function NewPassphraseFields({ names: [name, repeatName], label, help, repeatLabel, mismatch, repeatRequired }: NewPassphraseFieldsProps) {
  const { t } = useTranslation('identity');
  return (
    <>
      <Form.Item name={name} label={label} extra={help} rules={[{ required: true, min: MIN_KEY_PASSPHRASE, message: t('errors.identity.passphrase_short', { min: MIN_KEY_PASSPHRASE }) }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={repeatName}
        label={repeatLabel}
        dependencies={[name]}
        rules={[
          ...(repeatRequired ? [{ required: true, message: repeatRequired }] : []),
          ({ getFieldValue }) => ({
            validator: async (_, value) => {
              if (value !== getFieldValue(name)) throw new Error(mismatch);
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
