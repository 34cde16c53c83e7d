// The case's details for the people's-mediation statistical report (issue 19 item 2): where the
// dispute arose, whether it is marked at risk of escalating (and why), which escalations the
// mediation prevented with the persons involved, and the agreement's form — which only its act
// sets, so it is shown, never edited. Those who may change the case edit the rest in place.
import { useState } from 'react';
import { Alert, App, AutoComplete, Button, Descriptions, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ESCALATION_KINDS, type Case, type EscalationKind } from '../../../../shared/domain/model';
import { updateCaseStatistics, DISTRICT_MAX, PERSONS_MAX, RISK_REASON_MAX, type CaseStatisticsPatch } from '../../case-store';
import { useServices } from '../../../app/services';
import { CaseChangedError } from '../../../kit/result';
import { formatDateTime } from '../../../kit/time';
import { useCommand } from '../../../kit/useCommand';
import { useErrorText } from '../../../kit/useErrorText';
import { useLang } from '../../../kit/useLang';
import { useSession } from '../../auth';
import { CASES_NAMESPACES } from '../i18n';
import { districtOfAddress } from '../common/district';
import type { CasePageModel } from './useCasePage';

interface Values {
  district: string;
  riskReason: string;
  prevented: Partial<Record<EscalationKind, number | null>>;
}

/** The form field of an error's path: district, riskReason, or one kind's persons. */
function fieldOf(path: string | readonly (string | number)[] | undefined): (string | number)[] | null {
  const parts = typeof path === 'string' ? path.split('.') : [...(path ?? [])];
  if (parts[0] === 'escalationPrevented' && typeof parts[1] === 'string') return ['prevented', parts[1]];
  return parts[0] === 'district' || parts[0] === 'riskReason' ? [parts[0]] : null;
}


function valuesOf(record: Case): Values {
  return { district: record.district ?? '', riskReason: record.escalationRisk?.reason ?? '', prevented: { ...record.escalationPrevented } };
}

function StatisticsView({ record }: { record: Case }) {
  const { t } = useTranslation(['cases', 'domain']);
  const language = useLang();
  const agreement = record.agreementForm ?? (record.agreementEffectiveOn ? (record.statusAct === 'oral_agreement' ? 'oral' : 'written') : null);
  const prevented = ESCALATION_KINDS.filter((k) => record.escalationPrevented?.[k]).map((k) => t('cases:statistics.preventedValue', { kind: t(`cases:statistics.kind.${k}`), persons: record.escalationPrevented?.[k] }));
  const items = [
    { key: 'district', label: t('cases:statistics.district'), children: record.district ?? '—' },
    { key: 'agreementForm', label: t('cases:statistics.agreementForm'), children: agreement ? t(`cases:statistics.form.${agreement}`) : '—' },
    {
      key: 'risk',
      label: t('cases:statistics.risk'),
      children: record.escalationRisk ? t('cases:statistics.riskValue', { reason: record.escalationRisk.reason, at: formatDateTime(record.escalationRisk.markedAt, language) }) : t('cases:statistics.noRisk'),
    },
    { key: 'prevented', label: t('cases:statistics.prevented'), children: prevented.length > 0 ? prevented.join(language === 'zh-CN' ? '；' : '; ') : '—' },
  ];
  return <Descriptions size="small" bordered column={1} items={items} />;
}

function StatisticsForm({ record, page, onDone }: { record: Case; page: CasePageModel; onDone: () => void }) {
  const { t } = useTranslation(['cases', 'domain']);
  const { data } = useServices();
  const { institution } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText(CASES_NAMESPACES);
  const [form] = Form.useForm<Values>();
  const [general, setGeneral] = useState<string | null>(null);
  const suggestion = districtOfAddress(institution.address);
  const save = useCommand((patch: CaseStatisticsPatch) => updateCaseStatistics(data, page.user, record.id, record.version, patch), {
    onDone: (saved) => {
      void message.success(t('cases:statistics.saved'));
      page.onSaved(saved);
      onDone();
    },
  });
  const submit = async (values: Values) => {
    setGeneral(null);
    const result = await save.run({ district: values.district ?? '', riskReason: values.riskReason ?? '', escalationPrevented: values.prevented ?? {} });
    if (!result || result.ok) return;
    if (result.error instanceof CaseChangedError) return page.onChanged(result.error.current);
    const fields = result.error.fieldErrors.flatMap((e) => {
      const name = fieldOf(e.path);
      return name ? [{ name: name as never, errors: [errorText(e.code, e.params)] }] : [];
    });
    form.setFields(fields);
    if (fields.length === 0) setGeneral(errorText(result.error.code, result.error.params));
  };
  return (
    <Form<Values> form={form} layout="vertical" initialValues={valuesOf(record)} onFinish={(v) => void submit(v)} aria-label={t('cases:statistics.formLabel')}>
      {general && <Alert type="error" showIcon role="alert" message={general} style={{ marginBottom: 12 }} />}
      <Form.Item name="district" label={t('cases:statistics.district')} extra={t('cases:statistics.districtHelp', { max: DISTRICT_MAX })}>
        <AutoComplete options={suggestion ? [{ value: suggestion }] : []} style={{ maxWidth: 320 }} maxLength={DISTRICT_MAX} />
      </Form.Item>
      <Form.Item name="riskReason" label={t('cases:statistics.riskReason')} extra={t('cases:statistics.riskHelp', { max: RISK_REASON_MAX })}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('cases:statistics.preventedHelp')}</Typography.Paragraph>
      <Flex gap={16} wrap>
        {ESCALATION_KINDS.map((kind) => (
          <Form.Item key={kind} name={['prevented', kind]} label={t('cases:statistics.personsOf', { kind: t(`cases:statistics.kind.${kind}`) })}>
            <InputNumber min={1} max={PERSONS_MAX} precision={0} style={{ width: 160 }} />
          </Form.Item>
        ))}
      </Flex>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={save.busy}>
          {t('cases:statistics.save')}
        </Button>
        <Button onClick={onDone}>{t('cases:common.cancel')}</Button>
      </Flex>
    </Form>
  );
}

export function StatisticsDetails({ page, record }: { page: CasePageModel; record: Case }) {
  const { t } = useTranslation('cases');
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="statistics-heading">
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ fontSize: 24 }} id="statistics-heading">
          {t('statistics.heading')}
        </Typography.Title>
        {page.canEdit && !editing && <Button onClick={() => setEditing(true)}>{t('statistics.edit')}</Button>}
      </Flex>
      {editing ? <StatisticsForm record={record} page={page} onDone={() => setEditing(false)} /> : <StatisticsView record={record} />}
    </section>
  );
}
