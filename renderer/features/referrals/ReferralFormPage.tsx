// 新建转介: a dispute sent to another institution as a signed file. From a consultation (its
// person, category and facts filled in) or a blank form; a court's clerk entrusts a dispute with
// its deadline. The parties are asked as the receiving intake will register them, so an invalid
// ID number or phone is named here; without the person's recorded consent nothing is signed.
// Signed in to a center server, the same signed file goes through it to an institution picked
// from the server's directory (ReceiverPicker); without a server it is saved to hand over.
import { useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CATEGORIES } from '../../../shared/domain/categories';
import { institutionKindOf } from '../../../shared/domain/institution-kinds';
import { todayIn, INSTITUTION_TIME_ZONE } from '../../../shared/domain/deadlines';
import { useServices } from '../../app/services';
import { CategoryFieldInputs } from '../../kit/CategoryFieldInputs';
import { categoryValuesFromForm, type CategoryFormValues } from '../../kit/category-values';
import { formFieldErrors } from '../../kit/translate';
import { RefusalNotice, useRefusal } from '../../kit/refusal';
import { useLang } from '../../kit/useLang';
import { useSession } from '../auth';
import { ReceiverPicker, useCenterTransport, useDirectory } from './ReceiverPicker';
import { referralDraftRefusal, sendReferral } from './store';
import { deliverThrough } from './through-center';
import { REFERRAL_NAMESPACES, useSignedCommand } from './useSigned';
import type { ReferralPrefill } from './prefill';

interface PartyValues {
  kind?: 'natural' | 'legal';
  name?: string;
  idNumber?: string;
  creditCode?: string;
  legalRepresentative?: string;
  phone?: string;
  address?: string;
}

interface FormValues {
  via?: 'server' | 'file';
  receiverInstitution?: string;
  receiverName?: string;
  receiverCreditCode?: string;
  category?: string;
  categoryFields?: CategoryFormValues;
  applicant?: PartyValues;
  respondent?: PartyValues;
  claims?: string;
  amountYuan?: string;
  facts?: string;
  consentGiven?: boolean;
  consentMethod?: string;
  consentBy?: string;
  deadline?: string;
  courtReference?: string;
}

function partyInput(p: PartyValues | undefined, side: 'applicant' | 'respondent') {
  if (p?.kind === 'legal') return { kind: 'legal', name: p.name ?? '', creditCode: p.creditCode ?? '', legalRepresentative: p.legalRepresentative ?? '', phone: p.phone ?? '', address: p.address ?? '', side };
  return { kind: 'natural', name: p?.name ?? '', idType: 'resident_id', idNumber: p?.idNumber ?? '', phone: p?.phone ?? '', address: p?.address ?? '', side };
}

/** The form's paths for the draft's: parties.0 is the applicant, parties.1 the respondent; the receiver is the picker when sent through the server. */
function formPath(path: readonly (string | number)[], picker: boolean): (string | number)[] {
  if (picker && (path[0] === 'receiverName' || path[0] === 'receiverCreditCode')) return ['receiverInstitution'];
  if (path[0] === 'parties' && (path[1] === 0 || path[1] === 1)) return [path[1] === 0 ? 'applicant' : 'respondent', ...path.slice(2)];
  return [...path];
}

export default function ReferralFormPage() {
  const { t, i18n } = useTranslation(['referrals', 'cases', 'domain']);
  const { data, platform } = useServices();
  const { user, institution } = useSession();
  const lang = useLang();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const location = useLocation();
  const prefill = (location.state ?? null) as ReferralPrefill | null;
  const [form] = Form.useForm<FormValues>();
  const refusal = useRefusal();
  const { run, save, prompt } = useSignedCommand(refusal);
  const court = institutionKindOf(institution) === 'court';
  const category = Form.useWatch('category', form);
  const respondentKind = Form.useWatch(['respondent', 'kind'], form) ?? 'natural';
  const center = useCenterTransport();
  const viaValue = Form.useWatch('via', form) as FormValues['via'];
  const viaServer = center.online && viaValue !== 'file';
  const directory = useDirectory(category, viaServer, center.call);
  const initial = useMemo<FormValues>(
    () => ({
      category: prefill?.category,
      applicant: { kind: 'natural', name: prefill?.person?.name ?? '', idNumber: prefill?.person?.idNumber ?? '', phone: prefill?.person?.phone ?? '' },
      respondent: { kind: 'natural' },
      facts: prefill?.facts ?? '',
      consentMethod: 'written',
      via: 'server',
    }),
    [prefill],
  );

  const submit = async () => {
    const v = form.getFieldsValue(true) as FormValues;
    const through = viaServer && center.signedIn();
    // Through the server, the receiver is the institution picked from the directory as listed now.
    const picked = through ? directory.entries?.find((e) => e.creditCode === v.receiverInstitution) : undefined;
    const draft = {
      kind: court ? ('court_entrusted' as const) : ('referral' as const),
      receiverName: through ? (picked?.name ?? '') : (v.receiverName ?? ''),
      receiverCreditCode: through ? (picked?.creditCode ?? '') : (v.receiverCreditCode ?? ''),
      category: v.category ?? '',
      categoryFields: categoryValuesFromForm(v.category ?? '', v.categoryFields),
      claims: v.claims ?? '',
      amountYuan: v.amountYuan ?? '',
      facts: v.facts ?? '',
      parties: [partyInput(v.applicant, 'applicant'), partyInput(v.respondent, 'respondent')],
      consentGiven: v.consentGiven === true,
      consentMethod: v.consentMethod ?? '',
      deadline: v.deadline ?? '',
      courtReference: v.courtReference ?? '',
    };
    const today = todayIn(INSTITUTION_TIME_ZONE, new Date());
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- antd's field paths are typed by the form's shape; these come from it
    form.setFields(form.getFieldsError().map((f) => ({ name: f.name as any, errors: [] })));
    const deliver = through ? { deliver: deliverThrough(center.call) } : {};
    const sent = await run('send', (passphrase) => sendReferral(data, platform, user, { draft, consentBy: v.consentBy ?? '', consultationId: prefill?.consultationId ?? null, ...deliver, ...(passphrase ? { passphrase } : {}) }, today), {
      check: () => referralDraftRefusal(draft, today),
      onRefused: (error) => {
        const errors = error.fieldErrors.map((e) => ({ ...e, path: formPath(typeof e.path === 'string' ? e.path.split('.') : (e.path ?? []), through) }));
        form.setFields(formFieldErrors(t, errors, [], REFERRAL_NAMESPACES));
        if (through && errors.some((e) => e.path[0] === 'receiverInstitution')) form.setFields([{ name: 'receiverInstitution', errors: [t('referrals:center.chooseInstitution')] }]);
      },
    });
    if (!sent) return;
    if (through) void message.success(t('referrals:center.sent', { receiver: sent.record.referral.receiver.name }));
    else {
      await save(sent);
      void message.success(t('referrals:form.sent', { receiver: sent.record.referral.receiver.name }));
    }
    navigate('/referrals');
  };

  const categoryOptions = CATEGORIES.map((c) => ({ value: c.code, label: c.name[lang] }));
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 30 }}>
          {t(court ? 'referrals:form.titleCourt' : 'referrals:form.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t(court ? 'referrals:form.introCourt' : 'referrals:form.intro')}</Typography.Paragraph>
      </div>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={() => void submit()} style={{ maxWidth: 760 }} lang={i18n.language}>
        <Card title={t('referrals:form.receiver')} style={{ marginBottom: 16 }}>
          {center.online && (
            <Form.Item name="via" label={t('referrals:center.via')} extra={t('referrals:center.viaHelp')}>
              <Radio.Group aria-label={t('referrals:center.via')} options={(['server', 'file'] as const).map((m) => ({ value: m, label: t(m === 'server' ? 'referrals:center.viaServer' : 'referrals:center.viaFile') }))} />
            </Form.Item>
          )}
          {viaServer ? (
            <ReceiverPicker form={form} directory={directory} category={category} />
          ) : (
            <>
              <Form.Item name="receiverName" label={t('referrals:form.receiverName')} required>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="receiverCreditCode" label={t('referrals:form.receiverCreditCode')}>
                <Input autoComplete="off" style={{ maxWidth: 320 }} />
              </Form.Item>
            </>
          )}
          {court && (
            <>
              <Form.Item
                name="deadline"
                label={t('referrals:form.deadline')}
                required
                getValueProps={(value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : null })}
                normalize={(value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : '')}
              >
                <DatePicker aria-label={t('referrals:form.deadline')} />
              </Form.Item>
              <Form.Item name="courtReference" label={t('referrals:form.courtReference')}>
                <Input autoComplete="off" style={{ maxWidth: 320 }} />
              </Form.Item>
            </>
          )}
        </Card>
        <Card title={t('referrals:form.dispute')} style={{ marginBottom: 16 }}>
          <Form.Item name="category" label={t('referrals:form.category')} required>
            <Select showSearch optionFilterProp="label" options={categoryOptions} aria-label={t('referrals:form.category')} style={{ maxWidth: 320 }} />
          </Form.Item>
          <CategoryFieldInputs category={category} />
          <Form.Item name="claims" label={t('referrals:form.claims')} required>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Form.Item name="amountYuan" label={t('referrals:form.amount')}>
            <Input inputMode="decimal" prefix="¥" style={{ maxWidth: 240 }} />
          </Form.Item>
          <Form.Item name="facts" label={t('referrals:form.facts')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
        </Card>
        <PartyCard side="applicant" kind="natural" />
        <PartyCard side="respondent" kind={respondentKind} />
        <Card title={t('referrals:form.consent')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('referrals:form.consentHelp')}</Typography.Paragraph>
          <Form.Item name="consentGiven" valuePropName="checked">
            <Checkbox>{t('referrals:form.consentGiven')}</Checkbox>
          </Form.Item>
          <Form.Item name="consentMethod" label={t('referrals:form.consentMethod')} required>
            <Radio.Group options={(['written', 'oral', 'online'] as const).map((m) => ({ value: m, label: t(`referrals:consentMethod.${m}`) }))} />
          </Form.Item>
          <Form.Item name="consentBy" label={t('referrals:form.consentBy')} extra={t('referrals:form.consentByHelp')}>
            <Input autoComplete="off" style={{ maxWidth: 320 }} />
          </Form.Item>
        </Card>
        <Flex vertical gap={8}>
          <RefusalNotice handle={refusal} at="send" />
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" aria-describedby={refusal.describedBy('send')}>
              {t(viaServer ? 'referrals:center.submit' : 'referrals:form.submit')}
            </Button>
            <Button onClick={() => navigate('/referrals')}>{t('referrals:form.cancel')}</Button>
          </Flex>
        </Flex>
      </Form>
      {prompt}
    </Flex>
  );
}

function PartyCard({ side, kind }: { side: 'applicant' | 'respondent'; kind: 'natural' | 'legal' }) {
  const { t } = useTranslation(['referrals']);
  return (
    <section aria-label={t(`referrals:form.party.${side}`)}>
      <Card title={t(`referrals:form.party.${side}`)} style={{ marginBottom: 16 }}>
        {side === 'respondent' && (
          <Form.Item name={[side, 'kind']} label={t('referrals:form.party.kind')}>
            <Radio.Group options={(['natural', 'legal'] as const).map((k) => ({ value: k, label: t(`referrals:form.party.kinds.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item name={[side, 'name']} label={t(kind === 'legal' ? 'referrals:form.party.legalName' : 'referrals:form.party.name')} required>
          <Input autoComplete="off" style={{ maxWidth: 360 }} />
        </Form.Item>
        {kind === 'natural' ? (
          <Form.Item name={[side, 'idNumber']} label={t('referrals:form.party.idNumber')} required={side === 'applicant'}>
            <Input autoComplete="off" style={{ maxWidth: 320 }} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name={[side, 'creditCode']} label={t('referrals:form.party.creditCode')} required>
              <Input autoComplete="off" style={{ maxWidth: 320 }} />
            </Form.Item>
            <Form.Item name={[side, 'legalRepresentative']} label={t('referrals:form.party.legalRepresentative')} required>
              <Input autoComplete="off" style={{ maxWidth: 320 }} />
            </Form.Item>
          </>
        )}
        <Form.Item name={[side, 'phone']} label={t('referrals:form.party.phone')} required>
          <Input autoComplete="off" inputMode="tel" style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item name={[side, 'address']} label={t('referrals:form.party.address')}>
          <Input autoComplete="off" />
        </Form.Item>
      </Card>
    </section>
  );
}
