// The administrator's next steps after first run, on the page they land on, until every one is
// done: each names what to do, links to where it is done, and is ticked from the workstation's data.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Typography } from 'antd';
import { CheckCircleFilled, RightCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { institutionKindOf } from '../../../shared/domain/institution-kinds';
import { useServices } from '../../app/services';
import { useSession } from '../auth';
import { checklistDone, setupChecklist, type ChecklistItem } from './checklist';
import { readChecklistState } from './checklist-state';

export function SetupChecklist() {
  const { t } = useTranslation('home');
  const { data } = useServices();
  const { user, institution } = useSession();
  const [items, setItems] = useState<ChecklistItem[] | null>(null);
  const [failed, setFailed] = useState(false);
  const isAdmin = user.role === 'admin';
  const kind = institutionKindOf(institution);

  useEffect(() => {
    if (!isAdmin) return;
    let live = true;
    readChecklistState(data)
      .then((state) => live && setItems(setupChecklist(kind, state)))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [data, isAdmin, kind, institution.version]);

  if (!isAdmin) return null;
  if (failed) return <Alert type="warning" showIcon message={t('checklist.unreadable')} />;
  if (!items || checklistDone(items)) return null;
  const left = items.filter((item) => !item.done).length;
  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('checklist.title')}</h2>} role="region" aria-label={t('checklist.title')}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('checklist.intro', { count: left })}
      </Typography.Paragraph>
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        {items.map((item) => (
          <li key={item.step} data-testid={`checklist-${item.step}`} style={{ marginBottom: 6 }}>
            {item.done ? (
              <span>
                <CheckCircleFilled aria-hidden style={{ color: '#389e0d', marginInlineEnd: 6 }} />
                <Typography.Text delete type="secondary">
                  {t(`checklist.step.${item.step}`)}
                </Typography.Text>{' '}
                <Typography.Text type="success">{t('checklist.done')}</Typography.Text>
              </span>
            ) : (
              <span>
                <RightCircleOutlined aria-hidden style={{ marginInlineEnd: 6 }} />
                {/* Underlined: a link inside a sentence must not be told apart by colour alone. */}
                <Link to={item.to} style={{ textDecoration: 'underline' }}>
                  {t(`checklist.step.${item.step}`)}
                </Link>
                <Typography.Text type="secondary"> — {t(`checklist.where.${item.step}`)}</Typography.Text>
              </span>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
