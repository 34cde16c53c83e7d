// The duty rota (issue 18 item 2): for each day of a week and each half-day, the institution's
// lawyer accounts on duty. An administrator sets it (each change saved with its audit event);
// everyone else reads it. The queue's desk shows who is on duty now and names them on each call.
import { useCallback, useState } from 'react';
import { Alert, App, Card, DatePicker, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { maySetRota } from '../../../shared/hall/access';
import { HALF_DAYS, type HalfDay, type PersonRef, type RotaEntry } from '../../../shared/hall/model';
import { hallDayOf } from '../../../shared/hall/queue';
import { onDutyIn, rotaDays } from '../../../shared/hall/rota';
import { useServices } from '../../app/services';
import { RefusalNotice, useRefusal } from '../../kit/refusal';
import { useErrorText } from '../../kit/useErrorText';
import { useSession } from '../auth';
import { useHallRecords } from './hooks';
import { HALL_ROTA } from './kinds';
import { listDutyLawyers, setDuty } from './store';
import { TOUCH } from './touch';

const HALL_NS = ['hall'] as const;
const ACCOUNT_KINDS = ['accounts'] as const;

interface RotaView {
  lawyers: PersonRef[];
  rota: RotaEntry[];
}

function DutyCell({ day, half, view, editable, onChange }: { day: string; half: HalfDay; view: RotaView; editable: boolean; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation('hall');
  const current = onDutyIn(view.rota, day, half);
  // A lawyer on the rota whose account was since deactivated is still shown by name.
  const options = [...view.lawyers, ...current.filter((p) => !view.lawyers.some((l) => l.id === p.id))].map((p) => ({ value: p.id, label: p.name }));
  return (
    <Select
      mode="multiple"
      size="large"
      style={{ ...TOUCH, width: '100%', minWidth: 200 }}
      aria-label={t('rota.cellLabel', { day, half: t(`halfDay.${half}`) })}
      placeholder={t('rota.nobody')}
      value={current.map((p) => p.id)}
      options={options}
      disabled={!editable}
      onChange={onChange}
      optionFilterProp="label"
    />
  );
}

export default function RotaPage() {
  const { t } = useTranslation('hall');
  const { data } = useServices();
  const { user } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText(HALL_NS);
  const refusal = useRefusal();
  const [start, setStart] = useState(() => hallDayOf(new Date()));
  const load = useCallback(async (): Promise<RotaView> => ({ lawyers: await listDutyLawyers(data), rota: await data.records(HALL_ROTA).all() }), [data]);
  const { value: view, error } = useHallRecords(data, load, ACCOUNT_KINDS);
  const editable = maySetRota(user.role);

  const save = async (day: string, half: HalfDay, lawyerIds: string[]) => {
    refusal.clear();
    const result = await setDuty(data, user, { day, half, lawyerIds });
    if (result.ok) message.success(t('rota.saved', { day, half: t(`halfDay.${half}`) }));
    else refusal.refuse('rota', errorText(result.error.code, result.error.params));
  };

  const columns: TableProps<string>['columns'] = [
    { title: t('rota.day'), render: (_v, day) => <strong>{day}</strong> },
    ...HALF_DAYS.map((half) => ({
      title: t(`halfDay.${half}`),
      key: half,
      render: (_v: unknown, day: string) => (view ? <DutyCell day={day} half={half} view={view} editable={editable} onChange={(ids) => void save(day, half, ids)} /> : null),
    })),
  ];

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t('rota.title')}</h2>}>
      <Typography.Paragraph>{t('rota.intro')}</Typography.Paragraph>
      {!editable && <Alert type="info" showIcon message={t('rota.readOnly')} style={{ marginBottom: 16 }} />}
      {view && view.lawyers.length === 0 && <Alert type="warning" showIcon message={t('rota.noLawyers')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon role="alert" message={t('loadFailed', { reason: error })} />}
      <div style={{ marginBottom: 16 }}>
        <label htmlFor="rota-start" style={{ marginInlineEnd: 8 }}>
          {t('rota.weekFrom')}
        </label>
        <DatePicker id="rota-start" size="large" allowClear={false} value={dayjs(start)} onChange={(value) => value && setStart(value.format('YYYY-MM-DD'))} />
      </div>
      <RefusalNotice handle={refusal} at="rota" />
      <Table<string> rowKey={(day) => day} columns={columns} dataSource={rotaDays(start)} pagination={false} loading={view === null && !error} aria-label={t('rota.title')} />
    </Card>
  );
}
