// Scheduling a video session: when, for how long, and who takes part in which role, each with how
// they receive the invitation (a link to send, or a QR code to scan).
import { Alert, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/domain/model';
import { displayNameSchema, MAX_PARTICIPANTS_PER_SESSION, type Role } from '../../../shared/protocol/signaling';
import { INVITATION_METHODS, MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, type InvitedParticipant } from '../../../shared/sessions/model';
import type { ScheduleInput } from './store';

type Invitation = (typeof INVITATION_METHODS)[number];

interface Invitee {
  key: string;
  partyId: string | null;
  role: Role;
  name: string;
  invited: boolean;
  invitation: Invitation;
}

export function participantRole(party: Party): Role {
  if (party.kind === 'agent') return 'agent';
  if (party.side === 'applicant') return 'applicant';
  if (party.side === 'respondent') return 'respondent';
  return 'observer';
}

function displayName(party: Party): string {
  const name = party.kind === 'legal' ? `${party.legalRepresentative}（${party.name}）` : party.name;
  return [...name].slice(0, 64).join('').trim();
}

interface FormValues {
  start: Dayjs;
  durationMinutes: number;
}

export function ScheduleDialog({ open, parties, onSubmit, onCancel, busy }: { open: boolean; parties: readonly Party[]; onSubmit(input: ScheduleInput): void; onCancel(): void; busy: boolean }) {
  const { t } = useTranslation('sessions');
  const [form] = Form.useForm<FormValues>();
  const initial = useMemo<Invitee[]>(
    () => parties.map((p) => ({ key: p.id, partyId: p.id, role: participantRole(p), name: displayName(p), invited: p.kind !== 'agent' && p.side !== 'third_party', invitation: 'link' })),
    [parties],
  );
  const [invitees, setInvitees] = useState<Invitee[]>(initial);
  const [extra, setExtra] = useState<{ name: string; role: Role } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const patch = (key: string, change: Partial<Invitee>) => setInvitees((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const submit = (values: FormValues) => {
    const chosen = invitees.filter((i) => i.invited);
    const extraValid = extra && extra.name.trim() !== '' ? { key: 'extra', partyId: null, role: extra.role, name: extra.name.trim(), invited: true, invitation: 'link' as const } : null;
    const all = extraValid ? [...chosen, extraValid] : chosen;
    if (!all.some((i) => i.role === 'applicant' || i.role === 'respondent')) return setProblem(t('schedule.needParty'));
    if (all.length + 1 > MAX_PARTICIPANTS_PER_SESSION) return setProblem(t('schedule.tooMany', { max: MAX_PARTICIPANTS_PER_SESSION - 1 }));
    const badName = all.find((i) => !displayNameSchema.safeParse(i.name).success);
    if (badName) return setProblem(t('schedule.badName', { name: badName.name || '—' }));
    setProblem(null);
    const participants: Omit<InvitedParticipant, 'id'>[] = all.map(({ partyId, role, name, invitation }) => ({ partyId, role, name, invitation }));
    onSubmit({ scheduledStart: values.start.toISOString(), durationMinutes: values.durationMinutes, participants });
  };

  return (
    <Modal
      open={open}
      title={t('schedule.title')}
      okText={t('schedule.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={busy}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ start: dayjs().add(10, 'minute').second(0).millisecond(0), durationMinutes: 60 }} onFinish={submit}>
        <Space wrap>
          <Form.Item
            name="start"
            label={t('schedule.start')}
            rules={[
              { required: true, message: t('schedule.startRequired') },
              {
                validator: (_rule, value: Dayjs | null) =>
                  !value || value.isAfter(dayjs().subtract(12, 'hour')) ? Promise.resolve() : Promise.reject(new Error(t('schedule.startPast'))),
              },
            ]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" aria-label={t('schedule.start')} />
          </Form.Item>
          <Form.Item
            name="durationMinutes"
            label={t('schedule.duration')}
            rules={[{ required: true, type: 'integer', min: MIN_DURATION_MINUTES, max: MAX_DURATION_MINUTES, message: t('schedule.durationRange', { min: MIN_DURATION_MINUTES, max: MAX_DURATION_MINUTES }) }]}
          >
            <InputNumber min={MIN_DURATION_MINUTES} max={MAX_DURATION_MINUTES} step={15} aria-label={t('schedule.duration')} addonAfter={t('schedule.minutes')} />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('schedule.participants')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('schedule.mediatorIncluded')}</Typography.Paragraph>
        <Flex vertical gap={8}>
          {invitees.map((i) => (
            <Flex key={i.key} gap={12} align="center" wrap>
              <Checkbox checked={i.invited} onChange={(e) => patch(i.key, { invited: e.target.checked })} aria-label={t('schedule.invite', { name: i.name })}>
                {i.name}（{t(`role.${i.role}`)}）
              </Checkbox>
              <Select<Invitation>
                value={i.invitation}
                disabled={!i.invited}
                onChange={(invitation) => patch(i.key, { invitation })}
                aria-label={t('schedule.method', { name: i.name })}
                options={INVITATION_METHODS.map((m) => ({ value: m, label: t(`invitation.${m}`) }))}
                style={{ width: 160 }}
              />
            </Flex>
          ))}
          <Flex gap={8} align="center" wrap>
            <Input placeholder={t('schedule.extraName')} aria-label={t('schedule.extraName')} value={extra?.name ?? ''} maxLength={64} onChange={(e) => setExtra({ role: extra?.role ?? 'interpreter', name: e.target.value })} style={{ width: 220 }} />
            <Select<Role>
              value={extra?.role ?? 'interpreter'}
              aria-label={t('schedule.extraRole')}
              onChange={(role) => setExtra({ name: extra?.name ?? '', role })}
              options={(['interpreter', 'observer', 'agent'] as const).map((r) => ({ value: r, label: t(`role.${r}`) }))}
              style={{ width: 160 }}
            />
          </Flex>
        </Flex>
        {problem && <Alert type="error" showIcon role="alert" message={problem} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
