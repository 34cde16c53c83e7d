// The conflict screen (issue 17 items 4 and 8): a record changed here and on the server is never
// overwritten; both versions are shown side by side and the user keeps one.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StoreError } from '../../kit/result';
import { linkRefusal } from './join';
import type { SyncConflict } from './sync';
import { useCenter, useRefusalText } from './useCenter';

/** A version's fields as the record holds them (indented JSON), or that it is gone. */
function Version({ body, label }: { body: unknown; label: string }) {
  const { t } = useTranslation('center');
  if (body === null || body === undefined) return <Typography.Text type="secondary">{t('conflicts.gone')}</Typography.Text>;
  return (
    <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 320, overflow: 'auto', margin: 0, fontSize: 12 }} tabIndex={0} role="region" aria-label={label}>
      {JSON.stringify(body, null, 2)}
    </pre>
  );
}

function ConflictItem({ conflict }: { conflict: SyncConflict }) {
  const { t } = useTranslation('center');
  const { connection } = useCenter();
  const { message } = App.useApp();
  const refusalText = useRefusalText();
  const [busy, setBusy] = useState<'mine' | 'theirs' | null>(null);
  const [refusal, setRefusal] = useState<StoreError | null>(null);
  const name = t('conflicts.record', { kind: t(`conflicts.kind.${conflict.kind}`), id: conflict.id });
  const decide = async (keep: 'mine' | 'theirs') => {
    setBusy(keep);
    setRefusal(null);
    try {
      await connection.decide(conflict.kind, conflict.id, keep);
      message.success(t('conflicts.decided'));
    } catch (error) {
      setRefusal(linkRefusal(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card size="small" title={name} role="group" aria-label={name}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Typography.Title level={4} style={{ fontSize: 14 }}>
            {t('conflicts.mine')}
          </Typography.Title>
          <Version body={conflict.mine} label={t('conflicts.mine')} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Title level={4} style={{ fontSize: 14 }}>
            {t('conflicts.theirs', { version: conflict.theirs?.version ?? '—' })}
          </Typography.Title>
          <Version body={conflict.theirs?.body ?? null} label={t('conflicts.theirs', { version: conflict.theirs?.version ?? '—' })} />
        </Col>
      </Row>
      <Space style={{ marginTop: 12 }} wrap>
        <Button onClick={() => void decide('mine')} loading={busy === 'mine'} disabled={busy !== null}>
          {t('conflicts.keepMine')}
        </Button>
        <Button onClick={() => void decide('theirs')} loading={busy === 'theirs'} disabled={busy !== null}>
          {t('conflicts.takeTheirs')}
        </Button>
      </Space>
      {refusal && <Alert type="error" showIcon role="alert" message={refusalText(refusal)} style={{ marginTop: 12 }} />}
    </Card>
  );
}

export function ConflictList() {
  const { t } = useTranslation('center');
  const { state } = useCenter();
  if (state.conflicts.length === 0) return null;
  return (
    <section aria-labelledby="center-conflicts-title">
      <Typography.Title level={3} id="center-conflicts-title" style={{ fontSize: 16 }}>
        {t('conflicts.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('conflicts.intro')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {state.conflicts.map((conflict) => (
          <ConflictItem key={`${conflict.kind}/${conflict.id}`} conflict={conflict} />
        ))}
      </Space>
    </section>
  );
}
