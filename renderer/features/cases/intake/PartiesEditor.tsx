// The parties of a new case: natural persons, legal persons and agents, each in its own labelled
// group so that screen readers (and tests) can tell "name of party 2" from "name of party 1".
import type { ReactNode } from 'react';
import { Button, Card, Flex, Form, Input, Select, Space, type FormItemProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ID_TYPES, PARTY_SIDES } from '../../../../shared/domain/model';
import { partyFieldRequired } from '../../../../shared/domain/intake';
import { cleanPastedText } from '../../../kit/text-input';
import { newParty, removePartyAt, type IntakeFormValues, type PartyFormValues, type PartyKind } from './form-model';

export interface PartiesEditorProps {
  rulesFor(name: (string | number)[]): FormItemProps['rules'];
}

const KINDS: PartyKind[] = ['natural', 'legal', 'agent'];

export function PartiesEditor({ rulesFor }: PartiesEditorProps) {
  const { t } = useTranslation(['cases', 'domain']);
  const form = Form.useFormInstance<IntakeFormValues>();
  const parties = (Form.useWatch('parties', form) ?? []) as PartyFormValues[];

  const sideOptions = PARTY_SIDES.map((s) => ({ value: s, label: t(`domain:side.${s}`) }));
  const idTypeOptions = ID_TYPES.map((s) => ({ value: s, label: t(`domain:idType.${s}`) }));
  const principalOptions = parties
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.kind !== 'agent')
    .map(({ p, i }) => ({ value: i, label: t('cases:intake.partyTitle', { n: i + 1, name: p.name?.trim() || t('cases:intake.unnamed') }) }));

  /** The asterisk says what the intake's checker requires of this party, from the same table. */
  const required = (party: Pick<PartyFormValues, 'kind' | 'side'>, field: string): boolean => partyFieldRequired(party.kind, party.side ?? null, field);

  const item = (index: number, field: string, label: string, control: ReactNode, extra: Partial<FormItemProps> = {}) => {
    const name = [index, field];
    return (
      <Form.Item name={name} label={label} rules={rulesFor(['parties', index, field])} validateTrigger={['onBlur']} normalize={cleanPastedText} {...extra}>
        {control}
      </Form.Item>
    );
  };

  return (
    <Form.List name="parties">
      {(fields, { add }) => (
        <Flex vertical gap={12}>
          {fields.map((field) => {
            const index = field.name;
            const party = parties[index] ?? { kind: 'natural' };
            const title = t('cases:intake.partyGroup', { n: index + 1 });
            return (
              <Card
                key={field.key}
                size="small"
                role="group"
                aria-label={title}
                title={title}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t('cases:intake.removeParty', { n: index + 1 })}
                    onClick={() => form.setFieldValue('parties', removePartyAt(form.getFieldValue('parties') ?? [], index))}
                  />
                }
              >
                <Flex wrap gap={16}>
                  <Form.Item name={[index, 'kind']} label={t('cases:intake.partyKind')} style={{ minWidth: 160 }}>
                    <Select options={KINDS.map((k) => ({ value: k, label: t(`cases:parties.kind.${k}`) }))} />
                  </Form.Item>
                  {party.kind !== 'agent' &&
                    item(index, 'side', t('cases:intake.side'), <Select options={sideOptions} />, { style: { minWidth: 160 }, validateTrigger: ['onBlur', 'onChange'], normalize: undefined, required: required(party, 'side') })}
                  {party.kind === 'agent' &&
                    item(index, 'principalIndex', t('cases:intake.principal'), <Select options={principalOptions} />, {
                      style: { minWidth: 220 },
                      validateTrigger: ['onBlur', 'onChange'],
                      normalize: undefined,
                      required: required(party, 'principalIndex'),
                    })}
                  {item(index, 'name', party.kind === 'legal' ? t('cases:intake.legalName') : t('cases:intake.name'), <Input autoComplete="off" />, {
                    style: { minWidth: 220, flex: 1 },
                    required: required(party, 'name'),
                  })}
                </Flex>
                {party.kind === 'natural' && (
                  <Flex wrap gap={16}>
                    {item(index, 'idType', t('cases:intake.idType'), <Select options={idTypeOptions} />, { style: { minWidth: 180 }, normalize: undefined, validateTrigger: ['onBlur', 'onChange'], required: required(party, 'idType') })}
                    {item(index, 'idNumber', t('cases:intake.idNumber'), <Input autoComplete="off" />, { style: { minWidth: 240, flex: 1 }, required: required(party, 'idNumber') })}
                  </Flex>
                )}
                {party.kind === 'legal' && (
                  <Flex wrap gap={16}>
                    {item(index, 'creditCode', t('cases:intake.creditCode'), <Input autoComplete="off" />, { style: { minWidth: 240, flex: 1 }, required: required(party, 'creditCode') })}
                    {item(index, 'legalRepresentative', t('cases:intake.legalRepresentative'), <Input autoComplete="off" />, { style: { minWidth: 200, flex: 1 }, required: required(party, 'legalRepresentative') })}
                  </Flex>
                )}
                {party.kind === 'agent' && (
                  <Flex wrap gap={16}>
                    {item(index, 'licenseNo', t('cases:intake.licenseNo'), <Input autoComplete="off" />, { style: { minWidth: 220, flex: 1 }, required: required(party, 'licenseNo') })}
                    {item(index, 'firm', t('cases:intake.firm'), <Input autoComplete="off" />, { style: { minWidth: 220, flex: 1 }, required: required(party, 'firm') })}
                  </Flex>
                )}
                <Flex wrap gap={16}>
                  {item(index, 'phone', t('cases:intake.phone'), <Input inputMode="tel" autoComplete="off" />, { style: { minWidth: 200 }, required: required(party, 'phone') })}
                  {item(index, 'address', t('cases:intake.address'), <Input autoComplete="off" />, { style: { minWidth: 300, flex: 1 }, required: required(party, 'address') })}
                </Flex>
              </Card>
            );
          })}
          <Space wrap>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add(newParty('natural', fields.length === 0 ? 'applicant' : 'respondent'))}>
              {t('cases:intake.addNatural')}
            </Button>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add(newParty('legal', fields.length === 0 ? 'applicant' : 'respondent'))}>
              {t('cases:intake.addLegal')}
            </Button>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add(newParty('agent'))}>
              {t('cases:intake.addAgent')}
            </Button>
          </Space>
        </Flex>
      )}
    </Form.List>
  );
}
