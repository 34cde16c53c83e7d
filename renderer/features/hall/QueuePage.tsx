// The queue at the counter and the desks (issue 18 item 2): a walk-in takes a number, the waiting
// list shows how long each has waited (live), a desk calls the next number or a chosen one with
// the duty lawyer named, and a called number is called again, served or passed. Large targets for
// a touch screen; every refusal beside the control that was pressed.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Col, Empty, Form, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DESK_MAX, TOPIC_MAX, type Ticket } from '../../../shared/hall/model';
import { waitedMinutes } from '../../../shared/hall/queue';
import { RefusalNotice } from '../../kit/refusal';
import { formatTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { TOUCH } from './touch';
import { useQueue, type QueueController } from './useQueue';
import { consultationPathFor } from './visit';

const NUMBER_STYLE = { fontSize: 24, fontWeight: 700, fontVariantNumeric: 'tabular-nums' } as const;

function Counter({ q }: { q: QueueController }) {
  const { t } = q;
  const [topic, setTopic] = useState('');
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t('counter.title')}</h2>}>
      <Form
        layout="vertical"
        onFinish={async () => {
          if (await q.take(topic)) setTopic('');
        }}
      >
        <Form.Item label={t('counter.topic')} htmlFor="hall-topic">
          <Input id="hall-topic" size="large" style={TOUCH} value={topic} maxLength={TOPIC_MAX} placeholder={t('counter.topicPlaceholder')} onChange={(e) => setTopic(e.target.value)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block style={{ ...TOUCH, height: 64, fontSize: 22 }} loading={q.busy === 'take'} disabled={!q.mayWork} aria-describedby={q.refusal.describedBy('take')}>
          {t('counter.take')}
        </Button>
      </Form>
      <RefusalNotice handle={q.refusal} at="take" />
      {q.lastTaken && (
        <Alert style={{ marginTop: 16 }} type="success" showIcon role="status" message={<span style={NUMBER_STYLE}>{q.lastTaken.number}</span>} description={t('counter.taken', { number: q.lastTaken.number })} />
      )}
    </Card>
  );
}

function Desk({ q }: { q: QueueController }) {
  const { t } = q;
  const half = t(`halfDay.${q.duty.half}`);
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t('desk.title')}</h2>}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <section aria-label={t('desk.onDuty', { half })}>
          <Typography.Text strong>{t('desk.onDuty', { half })}</Typography.Text>
          <div data-testid="on-duty-now" style={{ marginTop: 8 }}>
            {q.duty.lawyers.length > 0 ? (
              q.duty.lawyers.map((p) => (
                <Tag key={p.id} color="blue" style={{ fontSize: 16, padding: '4px 10px' }}>
                  {p.name}
                </Tag>
              ))
            ) : (
              <Alert type="warning" showIcon message={t('desk.nobodyOnDuty')} action={<Link to="/hall/rota">{t('desk.setRota')}</Link>} />
            )}
          </div>
        </section>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item label={t('desk.desk')} htmlFor="hall-desk" style={{ marginBottom: 0 }} layout="vertical">
              <Input id="hall-desk" size="large" style={TOUCH} value={q.desk} maxLength={DESK_MAX} onChange={(e) => q.setDesk(e.target.value)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item label={t('desk.lawyer')} htmlFor="hall-lawyer" style={{ marginBottom: 0 }} layout="vertical">
              <Select
                id="hall-lawyer"
                size="large"
                style={{ ...TOUCH, width: '100%' }}
                value={q.lawyer?.id ?? q.chosenLawyer}
                onChange={q.setChosenLawyer}
                options={q.duty.lawyers.map((p) => ({ value: p.id, label: p.name }))}
                disabled={q.duty.lawyers.length === 0}
              />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" size="large" block style={{ ...TOUCH, height: 64, fontSize: 22 }} loading={q.busy === 'callNext'} disabled={!q.mayWork} aria-describedby={q.refusal.describedBy('callNext')} onClick={() => void q.call()}>
          {t('desk.callNext')}
        </Button>
        <RefusalNotice handle={q.refusal} at="callNext" />
        {q.lastCalled && (
          <Alert type="info" showIcon role="status" message={t('desk.called', { number: q.lastCalled.number, desk: q.lastCalled.desk, lawyer: q.lastCalled.lawyer?.name ?? '' })} />
        )}
      </Space>
    </Card>
  );
}

function Waited({ ticket, now, q }: { ticket: Ticket; now: Date; q: QueueController }) {
  const minutes = waitedMinutes(ticket, now);
  return <span data-testid={`waited-${ticket.number}`}>{minutes < 1 ? q.t('waitedLess') : q.t('waitedMinutes', { count: minutes })}</span>;
}

function WaitingList({ q }: { q: QueueController }) {
  const { t } = q;
  const lang = useLang();
  const columns: TableProps<Ticket>['columns'] = [
    { title: t('waiting.number'), dataIndex: 'number', render: (value: string) => <span style={NUMBER_STYLE}>{value}</span> },
    { title: t('waiting.topic'), render: (_v, ticket) => <>{ticket.source === 'appointment' && <Tag color="purple">{t('waiting.source.appointment')}</Tag>}{ticket.topic ?? t('waiting.noTopic')}</> },
    { title: t('waiting.takenAt'), dataIndex: 'takenAt', render: (value: string) => formatTime(value, lang) },
    { title: t('waiting.waited'), render: (_v, ticket) => <Waited ticket={ticket} now={q.now} q={q} /> },
    {
      title: t('waiting.actions'),
      render: (_v, ticket) => (
        <>
          <Button size="large" style={TOUCH} disabled={!q.mayWork} loading={q.busy === `call:${ticket.id}`} aria-label={t('waiting.callNumber', { number: ticket.number })} aria-describedby={q.refusal.describedBy(`call:${ticket.id}`)} onClick={() => void q.call(ticket)}>
            {t('waiting.call')}
          </Button>
          <RefusalNotice handle={q.refusal} at={`call:${ticket.id}`} />
        </>
      ),
    },
  ];
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t('waiting.title')}</h2>} extra={<Typography.Text strong>{t('waiting.count', { count: q.waiting.length })}</Typography.Text>}>
      <Table<Ticket> rowKey="id" columns={columns} dataSource={q.waiting} pagination={false} locale={{ emptyText: <Empty description={t('waiting.empty')} /> }} aria-label={t('waiting.title')} />
    </Card>
  );
}

function CalledActions({ ticket, q }: { ticket: Ticket; q: QueueController }) {
  const { t } = q;
  const button = (action: 'recall' | 'serve' | 'no_show', label: string, name: string, danger = false) => (
    <Button size="large" style={TOUCH} danger={danger} disabled={!q.mayWork} loading={q.busy === `${action}:${ticket.id}`} aria-label={name} aria-describedby={q.refusal.describedBy(`${action}:${ticket.id}`)} onClick={() => void q.step(ticket, action)}>
      {label}
    </Button>
  );
  return (
    <Space wrap size="small">
      {button('recall', t('calledList.recall'), t('calledList.recallNumber', { number: ticket.number }))}
      {button('serve', t('calledList.served'), t('calledList.servedNumber', { number: ticket.number }))}
      {button('no_show', t('calledList.noShow'), t('calledList.noShowNumber', { number: ticket.number }), true)}
      {/* The consultation register takes the walk-in with its channel and number. */}
      <Link to={consultationPathFor(ticket)} aria-label={t('calledList.consultNumber', { number: ticket.number })} style={{ ...TOUCH, display: 'inline-flex', alignItems: 'center' }}>
        {t('calledList.consult')}
      </Link>
      {(['recall', 'serve', 'no_show'] as const).map((action) => (
        <RefusalNotice key={action} handle={q.refusal} at={`${action}:${ticket.id}`} />
      ))}
    </Space>
  );
}

function CalledList({ q }: { q: QueueController }) {
  const { t } = q;
  const lang = useLang();
  const columns: TableProps<Ticket>['columns'] = [
    { title: t('calledList.number'), dataIndex: 'number', render: (value: string) => <span style={NUMBER_STYLE}>{value}</span> },
    { title: t('calledList.desk'), dataIndex: 'desk' },
    { title: t('calledList.lawyer'), render: (_v, ticket) => ticket.lawyer?.name ?? '—' },
    { title: t('calledList.calledAt'), dataIndex: 'calledAt', render: (value?: string) => (value ? formatTime(value, lang) : '—') },
    { title: t('calledList.calls'), dataIndex: 'calls' },
    { title: t('calledList.actions'), render: (_v, ticket) => <CalledActions ticket={ticket} q={q} /> },
  ];
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t('calledList.title')}</h2>}>
      <Table<Ticket> rowKey="id" columns={columns} dataSource={q.called} pagination={false} locale={{ emptyText: <Empty description={t('calledList.empty')} /> }} aria-label={t('calledList.title')} />
    </Card>
  );
}

export default function QueuePage() {
  const q = useQueue();
  const { t } = q;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {q.loadError && <Alert type="error" showIcon role="alert" message={t('loadFailed', { reason: q.loadError })} />}
      {!q.mayWork && <Alert type="info" showIcon message={t('readOnly')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Counter q={q} />
        </Col>
        <Col xs={24} lg={14}>
          <Desk q={q} />
        </Col>
      </Row>
      <WaitingList q={q} />
      <CalledList q={q} />
      <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t('done.title')}</h2>}>
        <Space size="large">
          <Statistic title={t('done.served')} value={q.counts.served} />
          <Statistic title={t('done.noShow')} value={q.counts.no_show} />
        </Space>
      </Card>
    </Space>
  );
}
