// Recording a consultation: the person first (with "seen before" beside the form), then the
// question, the advice with its legal bases, and the outcome. Every wrong field is named beside it
// at once (the same words as the case form for names, ID numbers and phones), and nothing typed
// is lost on a refusal.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Checkbox, Col, DatePicker, Flex, Form, Input, Row, Select, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { consultationFieldRequired } from '../../../../shared/consultation/intake';
import { ID_TYPES } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';
import { useErrorText } from '../../../kit/useErrorText';
import { useSession } from '../../auth';
import { recordConsultation } from '../store';
import { useNames } from '../names';
import { LegalBasesField } from './LegalBasesField';
import { SeenBeforePanel } from './SeenBeforePanel';
import { useHallVisit } from './useHallVisit';

// The hall's texts too: why a number from the queue could not be ended as served.
const NS = ['consultations', 'hall'] as const;

interface Values {
  channel?: string;
  receivedAt?: Dayjs;
  name?: string;
  idType?: string;
  idNumber?: string;
  phone?: string;
  topic?: string;
  question?: string;
  facts?: string;
  advice?: string;
  legalBases?: { statute?: string; article?: string; note?: string }[];
  outcome?: string;
  referredTo?: string;
  minutesSpent?: string;
  followUp?: boolean;
  followUpNote?: string;
}

function inputOf(v: Values) {
  return {
    channel: v.channel ?? '',
    receivedAt: v.receivedAt ? v.receivedAt.toISOString() : '',
    name: v.name ?? '',
    idType: v.idType ?? 'resident_id',
    idNumber: v.idNumber ?? '',
    phone: v.phone ?? '',
    topic: v.topic ?? '',
    question: v.question ?? '',
    facts: v.facts ?? '',
    advice: v.advice ?? '',
    legalBases: (v.legalBases ?? []).map((b) => ({ statute: b.statute ?? '', article: b.article ?? '', note: b.note ?? '' })),
    outcome: v.outcome ?? '',
    referredTo: v.referredTo ?? '',
    minutesSpent: v.minutesSpent ?? '',
    followUp: v.followUp === true,
    followUpNote: v.followUpNote ?? '',
  };
}

export default function NewConsultationPage() {
  const { t } = useTranslation(['consultations', 'domain']);
  const { data } = useServices();
  const { user } = useSession();
  const names = useNames();
  const navigate = useNavigate();
  const errorText = useErrorText(NS);
  const [form] = Form.useForm<Values>();
  const hall = useHallVisit(form);
  const [refusal, setRefusal] = useState<{ title: string; items: string[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const person = { name: Form.useWatch('name', form) ?? '', idNumber: Form.useWatch('idNumber', form) ?? '', phone: Form.useWatch('phone', form) ?? '' };
  const outcome = Form.useWatch('outcome', form);
  const followUp = Form.useWatch('followUp', form);
  const req = (field: string) => consultationFieldRequired(field, outcome);
  const fieldLabel = (name: readonly (string | number)[]): string => {
    const [head, index, sub] = name;
    if (head === 'legalBases' && typeof index === 'number') return t(sub === 'statute' ? 'form.statuteOf' : sub === 'note' ? 'form.noteOf' : 'form.articleOf', { n: index + 1 });
    return typeof head === 'string' && head !== '' ? t(`form.${head}`) : t('form.title');
  };

  const submit = async (values: Values) => {
    setSaving(true);
    setRefusal(null);
    const r = await recordConsultation(data, user, inputOf(values));
    setSaving(false);
    if (r.ok) {
      void message.success(t('form.saved', { number: r.value.number }));
      const served = await hall.served(user);
      if (served && hall.visit) {
        const number = hall.visit.number;
        if (served.ok) void message.success(t('form.hallServed', { number }));
        else void message.warning({ content: t('form.hallNotServed', { number, reason: errorText(served.error.code, served.error.params) }), duration: 10 });
      }
      navigate(`/consultations/${encodeURIComponent(r.value.id)}`);
      return;
    }
    const fields = r.error.fieldErrors.map((e) => {
      const name = [...(typeof e.path === 'string' ? [e.path] : (e.path ?? []))] as (string | number)[];
      const text = e.code === 'value.invalid' && name.at(-1) === 'article' ? t('form.articleInvalid') : errorText(e.code, e.params);
      return { name, errors: [text], label: fieldLabel(name) };
    });
    form.setFields(fields.map(({ name, errors }) => ({ name, errors })) as never);
    // Said beside the save button, each wrong field named; the fields show their own message too.
    setRefusal({ title: errorText(r.error.code, r.error.params), items: fields.map((f) => t('form.refusalItem', { field: f.label, problem: f.errors[0] })) });
  };

  const required = (field: string) => ({ required: req(field) });
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 28 }}>
        {t('form.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('form.intro')}</Typography.Paragraph>
      {hall.visit && (
        <Alert
          type="info"
          showIcon
          message={t('form.fromHall', { number: hall.visit.number, channel: names.channel(hall.visit.channel) })}
          description={[hall.visit.topic ? t('form.hallTopic', { topic: hall.visit.topic }) : '', t('form.hallWillServe', { number: hall.visit.number })].filter(Boolean).join(' ')}
        />
      )}
      {hall.visit === null && <Alert type="warning" showIcon message={t('form.hallMissing')} />}
      <Row gutter={24}>
        <Col xs={24} xl={15}>
          <Form<Values>
            form={form}
            layout="vertical"
            requiredMark
            initialValues={{ channel: hall.channel ?? 'walk_in', receivedAt: dayjs(), idType: 'resident_id', legalBases: [], outcome: 'answered', followUp: false }}
            onFinish={(v) => void submit(v)}
            onValuesChange={() => setRefusal(null)}
          >
            <Typography.Title level={2} style={{ fontSize: 18 }}>{t('form.sectionPerson')}</Typography.Title>
            <Flex gap={12} wrap>
              <Form.Item name="channel" label={t('form.channel')} {...required('channel')} style={{ minWidth: 180 }}>
                <Select options={names.channelOptions} />
              </Form.Item>
              <Form.Item name="receivedAt" label={t('form.receivedAt')} {...required('receivedAt')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
            </Flex>
            <Flex gap={12} wrap>
              <Form.Item name="name" label={t('form.name')} {...required('name')} style={{ minWidth: 200 }}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="idType" label={t('form.idType')} style={{ minWidth: 200 }}>
                <Select options={ID_TYPES.map((s) => ({ value: s, label: t(`domain:idType.${s}`) }))} />
              </Form.Item>
              <Form.Item name="idNumber" label={t('form.idNumber')} extra={t('form.idNumberHelp')} style={{ minWidth: 240 }}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="phone" label={t('form.phone')} extra={t('form.phoneHelp')} style={{ minWidth: 200 }}>
                <Input autoComplete="off" inputMode="tel" />
              </Form.Item>
            </Flex>
            <Typography.Title level={2} style={{ fontSize: 18 }}>{t('form.sectionQuestion')}</Typography.Title>
            <Form.Item name="topic" label={t('form.topic')} {...required('topic')}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={names.topicGroups(t('form.topicDisputes'), t('form.topicOther'))} style={{ maxWidth: 360 }} />
            </Form.Item>
            <Form.Item name="question" label={t('form.question')} {...required('question')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
            </Form.Item>
            <Form.Item name="facts" label={t('form.facts')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
            </Form.Item>
            <Typography.Title level={2} style={{ fontSize: 18 }}>{t('form.sectionAdvice')}</Typography.Title>
            <Form.Item name="advice" label={t('form.advice')} {...required('advice')}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
            </Form.Item>
            <LegalBasesField />
            <Typography.Title level={2} style={{ fontSize: 18 }}>{t('form.sectionOutcome')}</Typography.Title>
            <Flex gap={12} wrap>
              <Form.Item name="outcome" label={t('form.outcome')} {...required('outcome')} style={{ minWidth: 220 }}>
                <Select options={names.outcomeOptions} />
              </Form.Item>
              <Form.Item name="referredTo" label={t('form.referredTo')} extra={t('form.referredToHelp')} {...required('referredTo')} style={{ minWidth: 260 }}>
                <Input />
              </Form.Item>
              <Form.Item name="minutesSpent" label={t('form.minutesSpent')} {...required('minutesSpent')} style={{ width: 160 }}>
                <Input inputMode="numeric" />
              </Form.Item>
            </Flex>
            <Form.Item name="followUp" valuePropName="checked">
              <Checkbox>{t('form.followUp')}</Checkbox>
            </Form.Item>
            {followUp && (
              <Form.Item name="followUpNote" label={t('form.followUpNote')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            )}
            {refusal && (
              <div id="consultation-refusal" style={{ marginBottom: 12 }}>
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  message={t('form.refusedWhy', { refused: t('form.refused'), why: refusal.title })}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {refusal.items.map((item) => (
                        <li key={item}>{item}</li>
                      ))}
                    </ul>
                  }
                />
              </div>
            )}
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={saving} aria-describedby={refusal ? 'consultation-refusal' : undefined}>
                {t('form.save')}
              </Button>
              <Button onClick={() => navigate('/consultations')}>{t('form.cancel')}</Button>
            </Flex>
          </Form>
        </Col>
        <Col xs={24} xl={9}>
          <div style={{ position: 'sticky', top: 16 }}>
            <SeenBeforePanel person={person} />
          </div>
        </Col>
      </Row>
    </Flex>
  );
}
