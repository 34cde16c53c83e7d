// Editing a case's details with optimistic concurrency: the save names the version this window
// read. If another window saved first, nothing is written, the form keeps every edit, and the
// user is told who changed the case and when; after reloading they can save again on top. Only the
// fields this window changed are sent, so saving on top never puts back what the other window
// changed in a field this one did not touch.
import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_SOURCES, type Case, type User } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';
import { updateCaseDetails, type CaseDetailsPatch } from '../../case-store';
import { changedFields, valuesOf, type DetailsValues } from './details-patch';
import { CaseChangedError, type FieldErrorLike } from '../../../kit/result';
import { useCommand } from '../../../kit/useCommand';
import { CATEGORIES } from '../common/categories';
import { CategoryFieldInputs } from '../../../kit/CategoryFieldInputs';
import { mapFieldErrors, type FormShape } from '../../../kit/field-errors';
import { cleanPastedText } from '../../../kit/text-input';
import { useErrorText } from '../../../kit/useErrorText';
import { CASES_NAMESPACES } from '../i18n';
import { useLang } from '../../../kit/useLang';

export const DETAILS_SHAPE: FormShape = { fields: ['category', 'source', 'claims', 'amountYuan', 'description'], aliases: { amount: 'amountYuan', amountFen: 'amountYuan' } };

export interface EditDetailsProps {
  record: Case;
  user: User;
  onSaved(saved: Case): void;
  onChanged(current: Case): void;
  onCancel(): void;
}

export function EditDetails({ record, user, onSaved, onChanged, onCancel }: EditDetailsProps) {
  const { t } = useTranslation(['cases', 'domain']);
  const language = useLang();
  const { data } = useServices();
  const { message } = App.useApp();
  const errorText = useErrorText(CASES_NAMESPACES);
  const [form] = Form.useForm<DetailsValues>();
  const [initial] = useState(() => valuesOf(record));
  const category = Form.useWatch('category', form) ?? initial.category;
  const [general, setGeneral] = useState<string[]>([]);

  const showErrors = (errors: readonly FieldErrorLike[]) => {
    const mapped = mapFieldErrors(errors, DETAILS_SHAPE);
    form.setFields(mapped.fields.map((f) => ({ name: f.name as never, errors: f.errors.map((e) => errorText(e.code, e.params)) })));
    setGeneral(mapped.general.map((e) => errorText(e.code, e.params)));
  };

  const update = useCommand((patch: CaseDetailsPatch) => updateCaseDetails(data, user, record.id, record.version, patch), {
    onDone: (saved) => {
      void message.success(t('cases:edit.saved'));
      onSaved(saved);
    },
  });

  const save = async () => {
    const values = form.getFieldsValue(true) as DetailsValues;
    setGeneral([]);
    const patch = changedFields(initial, values);
    if (Object.keys(patch).length === 0) {
      // Nothing to save: no new version, no empty audit event.
      void message.info(t('cases:edit.nothingChanged'));
      onCancel();
      return;
    }
    const result = await update.run(patch);
    if (!result || result.ok) return;
    if (result.error instanceof CaseChangedError) onChanged(result.error.current);
    else if (result.error.fieldErrors.length > 0) showErrors(result.error.fieldErrors);
    else setGeneral([errorText(result.error.code, result.error.params)]);
  };

  return (
    <Form<DetailsValues> form={form} layout="vertical" initialValues={initial} onFinish={() => void save()} aria-label={t('cases:edit.formLabel')}>
      {general.length > 0 && <Alert type="error" showIcon role="alert" message={t('cases:edit.failed')} description={general.join(' ')} style={{ marginBottom: 16 }} />}
      <Form.Item name="category" label={t('cases:intake.category')} required>
        <Select showSearch={{ optionFilterProp: 'label' }} options={CATEGORIES.map((c) => ({ value: c.code, label: c.name[language] }))} style={{ maxWidth: 360 }} />
      </Form.Item>
      <CategoryFieldInputs category={category} />
      <Form.Item name="source" label={t('cases:intake.source')} required>
        <Select options={CASE_SOURCES.map((s) => ({ value: s, label: t(`domain:source.${s}`) }))} style={{ maxWidth: 360 }} />
      </Form.Item>
      <Form.Item name="claims" label={t('cases:intake.claims')} normalize={cleanPastedText}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
      </Form.Item>
      <Form.Item name="amountYuan" label={t('cases:intake.amount')} normalize={cleanPastedText}>
        <Input inputMode="decimal" prefix="¥" style={{ maxWidth: 240 }} />
      </Form.Item>
      <Form.Item name="description" label={t('cases:intake.description')} normalize={cleanPastedText}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} />
      </Form.Item>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" disabled={update.busy}>
          {t('cases:edit.save')}
        </Button>
        <Button onClick={onCancel}>{t('cases:common.cancel')}</Button>
      </Flex>
    </Form>
  );
}
