// Appointments (issue 18 item 2): a person booked for a slot of a day (name, mobile number checked
// as everywhere, optional topic); the day's list; a person arriving on the day gets a number (B…)
// in the queue; a booking cancelled frees its slot. A refused booking names every wrong field
// beside it and in the refusal at the button, and keeps what was typed.
import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Popconfirm, Radio, Space, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { maskPhone } from '../../../shared/domain/identifiers';
import { mayWorkHall } from '../../../shared/hall/access';
import { APPOINTMENT_SLOTS, TOPIC_MAX, type Appointment } from '../../../shared/hall/model';
import { hallDayOf } from '../../../shared/hall/queue';
import { useServices } from '../../app/services';
import { focusById, RefusalNotice, useRefusal } from '../../kit/refusal';
import { formFieldErrors } from '../../kit/translate';
import { useErrorText } from '../../kit/useErrorText';
import { useSession } from '../auth';
import { useHallRecords } from './hooks';
import { appointmentArrived, appointmentCancelled, bookAppointment, loadHallDay } from './store';
import { TOUCH } from './touch';

const HALL_NS = ['hall'] as const;
type Field = 'name' | 'phone' | 'topic' | 'day' | 'slot';
type FormValues = Record<Field, string>;

/** An antd date picker over a 'YYYY-MM-DD' string. */
const dateField = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : null }),
  normalize: (value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : ''),
};

function BookingForm({ today }: { today: string }) {
  const { t } = useTranslation(['hall', 'domain', 'app']);
  const { data } = useServices();
  const { user } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const refusal = useRefusal();
  const errorText = useErrorText(HALL_NS);
  const [busy, setBusy] = useState(false);
  const label = (field: Field) => t(`hall:appointments.${field}`);

  const submit = async (values: FormValues) => {
    setBusy(true);
    refusal.clear();
    try {
      const result = await bookAppointment(data, user, { name: values.name ?? '', phone: values.phone ?? '', topic: values.topic ?? '', day: values.day ?? '', slot: values.slot ?? '' });
      if (result.ok) {
        message.success(t('hall:appointments.booked', { name: result.value.name, day: result.value.day, slot: result.value.slot }));
        form.resetFields(['name', 'phone', 'topic', 'slot']);
        return;
      }
      const fields = formFieldErrors(t, result.error.fieldErrors, [], HALL_NS);
      form.setFields(fields);
      if (fields.length === 0) {
        refusal.refuse('book', errorText(result.error.code, result.error.params));
        return;
      }
      refusal.refuse(
        'book',
        t('hall:appointments.refused'),
        fields.map((f) => {
          const field = String(f.name[0]) as Field;
          return { field: label(field), text: f.errors.join(' '), go: () => focusById(`appointment-${field}`) };
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t('hall:appointments.book')}</h2>}>
      <Form<FormValues> form={form} layout="vertical" initialValues={{ day: today, name: '', phone: '', topic: '', slot: '' }} onFinish={submit}>
        <Form.Item name="name" label={label('name')} htmlFor="appointment-name" required>
          <Input id="appointment-name" size="large" style={TOUCH} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={label('phone')} htmlFor="appointment-phone" required>
          <Input id="appointment-phone" size="large" style={TOUCH} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="topic" label={label('topic')} htmlFor="appointment-topic">
          <Input id="appointment-topic" size="large" style={TOUCH} maxLength={TOPIC_MAX} />
        </Form.Item>
        <Form.Item name="day" label={label('day')} htmlFor="appointment-day" required {...dateField}>
          <DatePicker id="appointment-day" size="large" style={TOUCH} allowClear={false} />
        </Form.Item>
        <Form.Item name="slot" label={label('slot')} required>
          <Radio.Group id="appointment-slot" aria-label={label('slot')} optionType="button" buttonStyle="solid" size="large" options={APPOINTMENT_SLOTS.map((s) => ({ value: s, label: s, style: { ...TOUCH, lineHeight: '46px', marginBottom: 8 } }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" style={{ ...TOUCH, height: 56 }} loading={busy} disabled={!mayWorkHall(user.role)} aria-describedby={refusal.describedBy('book')}>
          {t('hall:appointments.submit')}
        </Button>
        <RefusalNotice handle={refusal} at="book" />
      </Form>
    </Card>
  );
}

function DayList({ today }: { today: string }) {
  const { t } = useTranslation(['hall', 'app']);
  const { data } = useServices();
  const { user } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText(HALL_NS);
  const refusal = useRefusal();
  const [day, setDay] = useState(today);
  const load = useCallback(() => loadHallDay(data, day), [data, day]);
  const { value: hall, error } = useHallRecords(data, load);
  const mayWork = mayWorkHall(user.role);

  const arrive = async (a: Appointment) => {
    refusal.clear();
    const result = await appointmentArrived(data, user, a.id, a.version);
    if (result.ok) message.success(t('hall:appointments.arrivedDone', { name: a.name, number: result.value.ticket.number }));
    else refusal.refuse(`arrive:${a.id}`, errorText(result.error.code, result.error.params));
  };
  const cancel = async (a: Appointment) => {
    refusal.clear();
    const result = await appointmentCancelled(data, user, a.id, a.version);
    if (result.ok) message.success(t('hall:appointments.cancelled', { name: a.name }));
    else refusal.refuse(`cancel:${a.id}`, errorText(result.error.code, result.error.params));
  };
  const ticketNumberOf = (a: Appointment) => hall?.tickets.find((x) => x.id === a.ticketId)?.number ?? '';

  const columns: TableProps<Appointment>['columns'] = [
    { title: t('hall:appointments.columns.slot'), dataIndex: 'slot', render: (v: string) => <strong style={{ fontSize: 18 }}>{v}</strong> },
    { title: t('hall:appointments.columns.name'), dataIndex: 'name' },
    { title: t('hall:appointments.columns.phone'), dataIndex: 'phone', render: (v: string) => maskPhone(v) },
    { title: t('hall:appointments.columns.topic'), dataIndex: 'topic', render: (v?: string) => v ?? '—' },
    {
      title: t('hall:appointments.columns.status'),
      dataIndex: 'status',
      render: (_v, a) => <Tag color={a.status === 'booked' ? 'blue' : a.status === 'arrived' ? 'green' : 'default'}>{t(`hall:appointments.status.${a.status}`, { ticket: ticketNumberOf(a) })}</Tag>,
    },
    {
      title: t('hall:appointments.columns.actions'),
      render: (_v, a) =>
        a.status === 'booked' && mayWork ? (
          <Space wrap>
            {a.day === today && (
              <Button type="primary" size="large" style={TOUCH} aria-label={t('hall:appointments.arrivedOf', { name: a.name })} aria-describedby={refusal.describedBy(`arrive:${a.id}`)} onClick={() => void arrive(a)}>
                {t('hall:appointments.arrived')}
              </Button>
            )}
            <Popconfirm title={t('hall:appointments.cancelConfirm', { name: a.name })} okText={t('hall:appointments.cancelYes')} cancelText={t('hall:appointments.cancelNo')} onConfirm={() => cancel(a)}>
              <Button size="large" style={TOUCH} danger aria-label={t('hall:appointments.cancelOf', { name: a.name })} aria-describedby={refusal.describedBy(`cancel:${a.id}`)}>
                {t('hall:appointments.cancel')}
              </Button>
            </Popconfirm>
            <RefusalNotice handle={refusal} at={`arrive:${a.id}`} />
            <RefusalNotice handle={refusal} at={`cancel:${a.id}`} />
          </Space>
        ) : null,
    },
  ];

  return (
    <Card
      title={<h2 style={{ margin: 0, fontSize: 20 }}>{t('hall:appointments.listTitle')}</h2>}
      extra={<DatePicker aria-label={t('hall:appointments.showDay')} size="large" allowClear={false} value={dayjs(day)} onChange={(value) => value && setDay(value.format('YYYY-MM-DD'))} />}
    >
      {error && <Alert type="error" showIcon role="alert" message={t('hall:loadFailed', { reason: error })} />}
      <Table<Appointment> rowKey="id" columns={columns} dataSource={hall?.appointments ?? []} pagination={false} loading={hall === null && !error} locale={{ emptyText: <Empty description={t('hall:appointments.empty')} /> }} aria-label={t('hall:appointments.listTitle')} />
    </Card>
  );
}

export default function AppointmentsPage() {
  const today = hallDayOf(new Date());
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <BookingForm today={today} />
      <DayList today={today} />
    </Space>
  );
}
