// 调解终结 on the case page: the termination record, the legal act that ends a mediation that
// failed (人民调解法 art. 26) — why, the party who refused or withdrew, what was explained, the
// remaining paths the parties were told of, how, and for a court the materials — which closes the
// case as 'failed'. Once made: its PDF, and for a court-entrusted case the signed answer to the
// court (also after an agreement: it points to the confirmation package).
import { Alert, Button, Checkbox, DatePicker, Descriptions, Flex, Form, Input, Radio, Select, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import type { Case, User } from '../../../shared/domain/model';
import { MATERIALS, REMAINING_PATHS, TERMINATION_REASONS, TOLD_HOW } from '../../../shared/termination';
import { formatDate, formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { RefusalNotice } from '../../kit/refusal';
import { useTermination } from './useTermination';

const AGREED: readonly Case['status'][] = ['agreement_reached', 'confirmation_applied', 'confirmed', 'rejected'];

export default function TerminationTab({ record, user, onCaseChanged }: { record: Case; user: User; onCaseChanged: () => void }) {
  const { t } = useTranslation(['referrals', 'domain']);
  const lang = useLang();
  const c = useTermination(record, user, onCaseChanged);
  if (c.termination === undefined) return <Spin aria-label={t('referrals:termination.loading')} />;
  const entrusted = c.referral?.referral.kind === 'court_entrusted';
  const courtAnswer = entrusted && (c.termination !== null || AGREED.includes(record.status));
  return (
    <Flex vertical gap={16}>
      {record.origin && (
        <Alert type="info" showIcon message={t(`referrals:origin.${record.origin.kind}`, { sender: record.origin.sender })} description={c.referral?.referral.deadline ? t('referrals:origin.deadline', { deadline: formatDate(c.referral.referral.deadline, lang) }) : undefined} />
      )}
      {c.termination ? (
        <section aria-label={t('referrals:termination.record')}>
          <Typography.Title level={3} style={{ fontSize: 18 }}>
            {t('referrals:termination.record')}
          </Typography.Title>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('referrals:termination.endedOn')}>{formatDate(c.termination.endedOn, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('referrals:termination.endedBy')}>{t('referrals:termination.by', { name: c.termination.endedBy.name, at: formatDateTime(c.termination.endedAt, lang) })}</Descriptions.Item>
            <Descriptions.Item label={t('referrals:termination.reasonLabel')}>
              {t(`referrals:termination.reason.${c.termination.reason}`)}
              {c.termination.partyName ? `（${c.termination.partyName}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals:termination.explanation')}>{c.termination.explanation}</Descriptions.Item>
            <Descriptions.Item label={t('referrals:termination.paths')}>{c.termination.paths.map((p) => t(`referrals:termination.path.${p}`)).join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('referrals:termination.toldHow')}>{t(`referrals:termination.told.${c.termination.toldHow}`)}</Descriptions.Item>
            {c.termination.answeredAt && <Descriptions.Item label={t('referrals:court.answeredAt')}>{formatDateTime(c.termination.answeredAt, lang)}</Descriptions.Item>}
          </Descriptions>
          <Flex gap={8} style={{ marginTop: 12 }} wrap>
            <Button onClick={() => void c.downloadPdf()} aria-describedby={c.refusal.describedBy('pdf')}>
              {t('referrals:termination.download')}
            </Button>
          </Flex>
          <RefusalNotice handle={c.refusal} at="pdf" />
        </section>
      ) : record.status === 'in_mediation' ? (
        <TerminationForm c={c} />
      ) : (
        <Typography.Text type="secondary">{t('referrals:termination.notNow', { status: t(`domain:status.${record.status}`) })}</Typography.Text>
      )}
      {courtAnswer && (
        <section aria-label={t('referrals:court.title')}>
          <Typography.Title level={3} style={{ fontSize: 18 }}>
            {t('referrals:court.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t(c.termination ? 'referrals:court.introTerminated' : 'referrals:court.introAgreement', { court: c.referral?.referral.sender.name ?? '' })}</Typography.Paragraph>
          <Button type="primary" onClick={() => void c.answerCourt()} aria-describedby={c.refusal.describedBy('court')}>
            {t('referrals:court.button')}
          </Button>
          <RefusalNotice handle={c.refusal} at="court" />
        </section>
      )}
      {c.prompt}
    </Flex>
  );
}

function TerminationForm({ c }: { c: ReturnType<typeof useTermination> }) {
  const { t } = useTranslation('referrals');
  const reason = Form.useWatch('reason', c.form);
  const entrusted = c.referral?.referral.kind === 'court_entrusted';
  const principals = c.parties.filter((p) => p.kind !== 'agent');
  return (
    <section aria-label={t('termination.formTitle')}>
      <Typography.Title level={3} style={{ fontSize: 18 }}>
        {t('termination.formTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('termination.formIntro')}</Typography.Paragraph>
      <Form
        form={c.form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{ paths: ['litigation'], toldHow: 'in_person', materials: entrusted ? [...MATERIALS] : [], endedOn: todayIn(INSTITUTION_TIME_ZONE, new Date()) }}
        onFinish={() => void c.terminate()}
      >
        <Form.Item name="reason" label={t('termination.reasonLabel')} required>
          <Radio.Group options={TERMINATION_REASONS.map((r) => ({ value: r, label: t(`termination.reason.${r}`) }))} />
        </Form.Item>
        {(reason === 'party_refused' || reason === 'party_withdrew') && (
          <Form.Item name="partyName" label={t('termination.party')} required>
            <Select aria-label={t('termination.party')} options={principals.map((p) => ({ value: p.name, label: p.name }))} style={{ maxWidth: 320 }} />
          </Form.Item>
        )}
        <Form.Item name="explanation" label={t('termination.explanation')} required>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="paths" label={t('termination.paths')} required>
          <Checkbox.Group options={REMAINING_PATHS.map((p) => ({ value: p, label: t(`termination.path.${p}`) }))} />
        </Form.Item>
        <Form.Item name="toldHow" label={t('termination.toldHow')} required>
          <Radio.Group options={TOLD_HOW.map((h) => ({ value: h, label: t(`termination.told.${h}`) }))} />
        </Form.Item>
        {entrusted && (
          <Form.Item name="materials" label={t('termination.materials')}>
            <Checkbox.Group options={MATERIALS.map((m) => ({ value: m, label: t(`termination.material.${m}`) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="endedOn"
          label={t('termination.endedOn')}
          required
          getValueProps={(value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : null })}
          normalize={(value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : '')}
        >
          <DatePicker aria-label={t('termination.endedOn')} />
        </Form.Item>
        <RefusalNotice handle={c.refusal} at="terminate" />
        <Button type="primary" danger htmlType="submit" aria-describedby={c.refusal.describedBy('terminate')}>
          {t('termination.submit')}
        </Button>
      </Form>
    </section>
  );
}
