// One consultation: what was asked and advised, on which legal bases, where the person was sent;
// "seen before" for the same person; the opinion; and the actions other features add (the
// referral's "Refer", through the routes' `actions` slot).
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Col, Descriptions, Flex, Result, Row, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Consultation } from '../../../../shared/consultation/model';
import { maskIdNumber, maskPhone } from '../../../../shared/domain/identifiers';
import { useServices } from '../../../app/services';
import { formatDate, formatDateTime } from '../../../kit/time';
import { useSession } from '../../auth';
import { SeenBeforePanel } from '../form/SeenBeforePanel';
import { useNames } from '../names';
import { getConsultation } from '../store';
import { OpinionCard } from './OpinionCard';

export type ConsultationActions = (consultation: Consultation) => ReactNode;

function Paragraphs({ text }: { text: string }) {
  return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{text}</Typography.Paragraph>;
}

export default function ConsultationPage({ actions }: { actions?: ConsultationActions }) {
  const { t } = useTranslation(['consultations', 'domain']);
  const { id = '' } = useParams();
  const { data } = useServices();
  const { user } = useSession();
  const names = useNames();
  const [state, setState] = useState<{ id: string; value: Consultation | undefined } | { id: string; error: string } | null>(null);

  useEffect(() => {
    let live = true;
    getConsultation(data, user, id)
      .then((value) => live && setState({ id, value }))
      .catch((error: unknown) => live && setState({ id, error: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
  }, [data, user, id]);

  if (!state || state.id !== id) return <Spin aria-label={t('desk.loading')} />;
  if ('error' in state) return <Alert type="error" showIcon role="alert" message={state.error} />;
  const c = state.value;
  if (!c) {
    return <Result status="404" title={t('view.notFound')} subTitle={t('view.notFoundDescription')} extra={<Link to="/consultations">{t('view.back')}</Link>} />;
  }
  const p = c.person;
  const items = [
    { key: 'person', label: t('view.person'), children: p ? p.name : t('desk.anonymised') },
    ...(p && p.idNumber !== '' ? [{ key: 'id', label: t('view.idNumber'), children: `${t(`domain:idType.${p.idType}`)} ${maskIdNumber(p.idNumber)}` }] : []),
    ...(p && p.phone !== '' ? [{ key: 'phone', label: t('view.phone'), children: maskPhone(p.phone) }] : []),
    { key: 'at', label: t('view.receivedAt'), children: formatDateTime(c.receivedAt, names.language) },
    { key: 'channel', label: t('view.channel'), children: names.channel(c.channel) },
    { key: 'topic', label: t('view.topic'), children: names.topic(c.topic) },
    { key: 'outcome', label: t('view.outcome'), children: names.outcome(c.outcome) + (c.referredTo ? ` · ${c.referredTo}` : '') },
    { key: 'minutes', label: t('view.minutesSpent'), children: t('view.minutes', { n: c.minutesSpent }) },
    { key: 'follow', label: t('view.followUp'), children: c.followUp ? `${t('view.followUpYes')}${c.followUpNote ? `：${c.followUpNote}` : ''}` : t('view.followUpNo') },
    { key: 'lawyer', label: t('view.lawyer'), children: c.lawyerName },
  ];
  const extra = actions?.(c);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 28 }}>
          {c.number}
        </Typography.Title>
        <Link to="/consultations">{t('view.back')}</Link>
      </Flex>
      {c.anonymisedAt && <Alert type="info" showIcon message={t('view.anonymised', { date: formatDate(c.anonymisedAt, names.language) })} />}
      <Row gutter={24}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Descriptions bordered size="small" column={1} items={items} />
            {c.question && (
              <section aria-label={t('view.question')}>
                <Typography.Title level={2} style={{ fontSize: 18 }}>{t('view.question')}</Typography.Title>
                <Paragraphs text={c.question} />
              </section>
            )}
            {c.facts && (
              <section aria-label={t('view.facts')}>
                <Typography.Title level={2} style={{ fontSize: 18 }}>{t('view.facts')}</Typography.Title>
                <Paragraphs text={c.facts} />
              </section>
            )}
            {c.advice && (
              <section aria-label={t('view.advice')}>
                <Typography.Title level={2} style={{ fontSize: 18 }}>{t('view.advice')}</Typography.Title>
                <Paragraphs text={c.advice} />
              </section>
            )}
            <section aria-label={t('view.bases')}>
              <Typography.Title level={2} style={{ fontSize: 18 }}>{t('view.bases')}</Typography.Title>
              {c.legalBases.length === 0 ? (
                <Typography.Text type="secondary">{t('view.noBases')}</Typography.Text>
              ) : (
                <ul>
                  {c.legalBases.map((b, i) => (
                    <li key={i}>
                      《{names.statute(b.statute)}》{b.article}
                      {b.note ? `：${b.note}` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {extra && (
              <section aria-label={t('view.actions')}>
                <Typography.Title level={2} style={{ fontSize: 18 }}>{t('view.actions')}</Typography.Title>
                {extra}
              </section>
            )}
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <OpinionCard consultation={c} />
            {p && <SeenBeforePanel person={{ name: p.name, idNumber: p.idNumber, phone: p.phone }} excludeId={c.id} />}
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
