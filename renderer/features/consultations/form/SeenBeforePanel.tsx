// "Seen before" beside the form: as the person's name, ID number or phone is entered, this
// institution's earlier consultations and the cases the user may open are looked up and listed,
// each with what matched, before the lawyer answers.
import { useEffect, useState } from 'react';
import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MatchBasis } from '../../../../shared/consultation/seen-before';
import { useServices } from '../../../app/services';
import { formatDate } from '../../../kit/time';
import { useSession } from '../../auth';
import { seenBefore, type SeenBeforeResult } from '../store';
import { useNames } from '../names';

const PAUSE_MS = 400;

export interface SeenBeforePanelProps {
  person: { name: string; idNumber: string; phone: string };
  /** The consultation on screen, left out of its own list. */
  excludeId?: string;
}

function MatchTags({ by }: { by: readonly MatchBasis[] }) {
  const { t } = useTranslation('consultations');
  const { language } = useNames();
  const what = by.map((b) => t(`seen.basis.${b}`)).join(language === 'zh-CN' ? '、' : ', ');
  return (
    <Space size={4} wrap>
      <Tag color={by.includes('idNumber') ? 'red' : by.includes('phone') ? 'orange' : 'default'}>{t('seen.matchedBy', { what })}</Tag>
      {by.length === 1 && by[0] === 'name' && <Typography.Text type="secondary">{t('seen.nameOnly')}</Typography.Text>}
    </Space>
  );
}

export function SeenBeforePanel({ person, excludeId }: SeenBeforePanelProps) {
  const { t } = useTranslation(['consultations', 'domain']);
  const { data } = useServices();
  const { user } = useSession();
  const names = useNames();
  const [result, setResult] = useState<{ key: string; value: SeenBeforeResult } | { key: string; error: string } | null>(null);
  const key = JSON.stringify([person.name.trim(), person.idNumber.trim(), person.phone.trim()]);
  const empty = person.name.trim() === '' && person.idNumber.trim() === '' && person.phone.trim() === '';

  useEffect(() => {
    if (empty) return;
    let live = true;
    const timer = window.setTimeout(() => {
      seenBefore(data, user, person, excludeId)
        .then((value) => live && setResult({ key, value }))
        .catch((error: unknown) => live && setResult({ key, error: error instanceof Error ? error.message : String(error) }));
    }, PAUSE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // `person` is read through `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, user, key, empty, excludeId]);

  const current = result?.key === key ? result : null;
  const body = empty ? (
    <Typography.Text type="secondary">{t('seen.typeFirst')}</Typography.Text>
  ) : !current ? (
    <Typography.Text type="secondary">{t('seen.looking')}</Typography.Text>
  ) : 'error' in current ? (
    <Alert type="warning" showIcon message={t('seen.failed', { detail: current.error })} />
  ) : current.value.consultations.length + current.value.cases.length === 0 ? (
    <Typography.Text>{t('seen.none')}</Typography.Text>
  ) : (
    <Space direction="vertical" style={{ width: '100%' }}>
      {current.value.consultations.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('seen.consultations', { count: current.value.consultations.length })}</Typography.Text>}
          dataSource={current.value.consultations}
          renderItem={({ item, matchedBy }) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <span>
                  <Link to={`/consultations/${encodeURIComponent(item.id)}`}>{item.number}</Link> {item.name} · {formatDate(item.receivedAt, names.language)} · {names.topic(item.topic)} · {names.outcome(item.outcome)}
                </span>
                <MatchTags by={matchedBy} />
              </Space>
            </List.Item>
          )}
        />
      )}
      {current.value.cases.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('seen.cases', { count: current.value.cases.length })}</Typography.Text>}
          dataSource={current.value.cases}
          renderItem={({ item, matchedBy }) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <span>
                  <Link to={`/cases/${encodeURIComponent(item.id)}`}>{item.number}</Link> {item.partySummary} · {t(`domain:status.${item.status}`)}
                </span>
                <MatchTags by={matchedBy} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
  return (
    <Card size="small" title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('seen.title')}</Typography.Title>} role="region" aria-label={t('seen.title')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('seen.intro')}
      </Typography.Paragraph>
      <div aria-live="polite">{body}</div>
    </Card>
  );
}
