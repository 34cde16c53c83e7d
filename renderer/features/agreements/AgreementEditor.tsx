// The drafting editor: the legally required texts, the agreed terms as data with per-category
// suggestions, the number of copies; a live preview of the PDF beside it. Saving keeps the whole
// draft or nothing; finalising lists everything that is still missing.
import { Alert, Button, Card, Col, DatePicker, Dropdown, Flex, Form, Input, InputNumber, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { suggestionsFor, type SuggestionContext } from '../../../shared/agreement/clauses';
import { CLAUSE_MAX, NARRATIVE_MAX, TERM_KINDS, type AgreementContent, type AgreementRecord, type TermKind } from '../../../shared/agreement/model';
import type { Party } from '../../../shared/domain/model';
import { orderParties } from '../../../shared/domain/party-order';
import { RefusalNotice, type RefusalHandle } from '../../kit/refusal';
import { useLang } from '../../kit/useLang';
import { AgreementPreview, unsignedPreviewInput } from './AgreementPreview';
import { fromFormValues, newTermId, termToValues, toFormValues, type AgreementFormValues, type TermValues } from './form-model';
import { TermFields, useLengthRule, type PartyOption } from './TermFields';

export interface EditorProps {
  agreement: AgreementRecord;
  parties: readonly Party[];
  category: string;
  amountFen: number | null;
  caseNumber: string;
  institutionName: string;
  mediator: { id: string; name: string };
  busy: boolean;
  /** Field errors from the last save or finalise, to show beside the fields. */
  fieldErrors: { name: (string | number)[]; errors: string[] }[];
  onSave(content: AgreementContent, then: 'save' | 'finalise'): void;
  /** The form's own checks refused the step `then` (amounts that are no amounts, texts too long). */
  onInvalid(errors: { name: (string | number)[]; errors: string[] }[], then: 'save' | 'finalise'): void;
  /** The tab's refusal, shown beside the save and finalise buttons. */
  refusal: RefusalHandle;
  /** Set by the editor: scrolls to a field and focuses it (a refusal's "go to"). */
  goToFieldRef: MutableRefObject<((name: (string | number)[]) => void) | null>;
  translateErrors(errors: { path?: string | readonly (string | number)[]; code: string; params?: Record<string, unknown> }[]): { name: (string | number)[]; errors: string[] }[];
}

function partyLabel(party: Party, sideName: (side: Party['side']) => string): string {
  return `${sideName(party.side)} ${party.name}`;
}

export function AgreementEditor(props: EditorProps) {
  const { t } = useTranslation(['agreements', 'domain']);
  const lang = useLang();
  const length = useLengthRule();
  const [form] = Form.useForm<AgreementFormValues>();
  const initial = useMemo(() => toFormValues(props.agreement.content), [props.agreement.content]);
  const [previewContent, setPreviewContent] = useState<AgreementContent>(props.agreement.content);
  const principals = useMemo(() => orderParties(props.parties).filter((p) => p.kind !== 'agent'), [props.parties]);
  const partyOptions: PartyOption[] = principals.map((p) => ({ value: p.id, label: partyLabel(p, (side) => t(`domain:side.${side}`)) }));
  const suggestions = suggestionsFor(props.category);

  useEffect(() => {
    form.setFields(props.fieldErrors as Parameters<typeof form.setFields>[0]);
  }, [form, props.fieldErrors]);

  const context = (): SuggestionContext => ({
    applicantId: principals.find((p) => p.side === 'applicant')?.id ?? '',
    respondentId: principals.find((p) => p.side === 'respondent')?.id ?? '',
    agreementDate: form.getFieldValue('agreementDate') || props.agreement.content.agreementDate,
    amountFen: props.amountFen,
  });

  const addTerm = (values: TermValues) => {
    form.setFieldValue('terms', [...(form.getFieldValue('terms') ?? []), values]);
    schedulePreview();
  };

  const blankTerm = (kind: TermKind): TermValues => {
    const c = context();
    const due = dayjs(c.agreementDate).add(15, 'day').format('YYYY-MM-DD');
    const base = { id: newTermId(), kind };
    if (kind === 'payment') return { ...base, payerId: c.respondentId, payeeId: c.applicantId, amount: '', dueDate: due, method: 'bank_transfer', account: '', note: '' };
    if (kind === 'instalments') return { ...base, payerId: c.respondentId, payeeId: c.applicantId, instalments: [{ amount: '', dueDate: due }, { amount: '', dueDate: dayjs(due).add(1, 'month').format('YYYY-MM-DD') }], method: 'bank_transfer', account: '', accelerateOnDefault: true, note: '' };
    if (kind === 'apology') return { ...base, obligorId: c.respondentId, obligeeId: c.applicantId, form: 'written', dueDate: due };
    if (kind === 'other') return { ...base, text: '' };
    return { ...base, obligorId: c.respondentId, obligeeId: c.applicantId, dueDate: due, place: '', ...(kind === 'performance' ? { action: '' } : { items: '' }) };
  };

  const applySuggestion = (id: string) => {
    const suggestion = suggestions.find((s) => s.id === id);
    if (!suggestion) return;
    const made = suggestion.make(context());
    if (made.target === 'term') addTerm(termToValues({ ...made.term, id: newTermId() } as Parameters<typeof termToValues>[0]));
    else {
      const current = (form.getFieldValue(made.target) as string | undefined)?.trim() ?? '';
      form.setFieldValue(made.target, current === '' ? made.text['zh-CN'] : `${current}\n${made.text['zh-CN']}`);
      schedulePreview();
    }
  };

  const { caseNumber, parties, institutionName, mediator, agreement } = props;
  const previewInput = useMemo(
    () => unsignedPreviewInput(agreement, previewContent, parties, { caseNumber, institutionName, mediator }),
    [caseNumber, parties, previewContent, institutionName, mediator, agreement],
  );

  const { goToFieldRef } = props;
  useEffect(() => {
    goToFieldRef.current = (name) => form.scrollToField(name, { focus: true, block: 'center' });
    return () => {
      goToFieldRef.current = null;
    };
  }, [form, goToFieldRef]);

  const read = useCallback((then: 'save' | 'finalise'): AgreementContent | null => {
    const { content, errors } = fromFormValues(form.getFieldsValue(true) as AgreementFormValues);
    if (errors.length > 0) {
      props.onInvalid(props.translateErrors(errors), then);
      return null;
    }
    return content;
  }, [form, props]);

  const refreshPreview = useCallback(() => {
    const { content, errors } = fromFormValues(form.getFieldsValue(true) as AgreementFormValues);
    if (errors.length === 0) setPreviewContent(content);
  }, [form]);
  // The preview follows the typing, a moment after it pauses.
  const previewTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const schedulePreview = () => {
    if (previewTimer.current) clearTimeout(previewTimer.current);
    previewTimer.current = setTimeout(refreshPreview, 700);
  };
  useEffect(() => () => {
    if (previewTimer.current) clearTimeout(previewTimer.current);
  }, []);

  const submit = (then: 'save' | 'finalise') => {
    void form.validateFields().then(
      () => {
        const content = read(then);
        if (content) props.onSave(content, then);
      },
      () => undefined,
    );
  };

  const narrative = (name: keyof AgreementFormValues, max: number) => (
    <Form.Item name={name} label={t(`editor.${name}`)} extra={t(`editor.${name}Help`)} rules={[length(max)]}>
      <Input.TextArea aria-label={t(`editor.${name}`)} autoSize={{ minRows: 3, maxRows: 12 }} showCount={{ formatter: ({ count }) => `${count} / ${max}` }} />
    </Form.Item>
  );

  return (
    <Row gutter={16}>
      <Col xs={24} xl={13}>
        <Form form={form} layout="vertical" initialValues={initial} aria-label={t('editor.formLabel')} onValuesChange={schedulePreview} disabled={props.busy}>
          <Flex gap={12} wrap>
            <Form.Item
              name="agreementDate"
              label={t('editor.agreementDate')}
              getValueProps={(value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : null })}
              normalize={(value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : '')}
            >
              <DatePicker aria-label={t('editor.agreementDate')} />
            </Form.Item>
            <Form.Item name="place" label={t('editor.place')} rules={[length(100)]} style={{ flex: 1, minWidth: 220 }}>
              <Input aria-label={t('editor.place')} />
            </Form.Item>
            <Form.Item name="copies" label={t('editor.copies')} extra={t('editor.copiesHelp')}>
              <InputNumber aria-label={t('editor.copies')} min={2} max={20} precision={0} />
            </Form.Item>
          </Flex>
          {narrative('facts', NARRATIVE_MAX)}
          {narrative('dispute', NARRATIVE_MAX)}
          {narrative('responsibility', CLAUSE_MAX)}
          <Typography.Title level={3} style={{ fontSize: 16 }}>{t('editor.terms')}</Typography.Title>
          <Form.List name="terms">
            {(fields, { remove, move }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.length === 0 && <Typography.Text type="secondary">{t('editor.noTerms')}</Typography.Text>}
                {fields.map((field, i) => {
                  const kind = form.getFieldValue(['terms', field.name, 'kind']) as TermKind;
                  return (
                    <Card
                      key={field.key}
                      size="small"
                      role="group"
                      aria-label={t('editor.termLabel', { n: i + 1, kind: t(`kind.${kind}`) })}
                      title={t('editor.termLabel', { n: i + 1, kind: t(`kind.${kind}`) })}
                      extra={
                        <Space>
                          <Button size="small" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('editor.moveUp', { n: i + 1 })}>
                            ↑
                          </Button>
                          <Button size="small" disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={t('editor.moveDown', { n: i + 1 })}>
                            ↓
                          </Button>
                          <Button size="small" danger onClick={() => remove(field.name)} aria-label={t('editor.removeTerm', { n: i + 1 })}>
                            {t('term.remove')}
                          </Button>
                        </Space>
                      }
                    >
                      <TermFields index={field.name} kind={kind} parties={partyOptions} />
                    </Card>
                  );
                })}
              </Space>
            )}
          </Form.List>
          <Flex gap={8} wrap style={{ margin: '12px 0' }}>
            <Dropdown menu={{ items: TERM_KINDS.map((kind) => ({ key: kind, label: t(`kind.${kind}`) })), onClick: ({ key }) => addTerm(blankTerm(key as TermKind)) }}>
              <Button>{t('editor.addTerm')}</Button>
            </Dropdown>
            <Dropdown menu={{ items: suggestions.map((s) => ({ key: s.id, label: s.title[lang] })), onClick: ({ key }) => applySuggestion(key) }}>
              <Button>{t('editor.suggestions')}</Button>
            </Dropdown>
          </Flex>
          {narrative('defaultClause', CLAUSE_MAX)}
          {narrative('otherMatters', CLAUSE_MAX)}
          <Flex gap={8} wrap>
            <Button onClick={() => submit('save')} loading={props.busy} aria-describedby={props.refusal.describedBy('save')}>
              {t('editor.save')}
            </Button>
            <Button type="primary" onClick={() => submit('finalise')} loading={props.busy} aria-describedby={props.refusal.describedBy('finalise')}>
              {t('editor.finalise')}
            </Button>
            <Button onClick={refreshPreview}>{t('editor.refreshPreview')}</Button>
          </Flex>
          <RefusalNotice handle={props.refusal} at="save" />
          <RefusalNotice handle={props.refusal} at="finalise" />
        </Form>
      </Col>
      <Col xs={24} xl={11}>
        <Alert type="info" showIcon message={t('editor.previewNote')} style={{ marginBottom: 8 }} />
        <AgreementPreview input={previewInput} />
      </Col>
    </Row>
  );
}
