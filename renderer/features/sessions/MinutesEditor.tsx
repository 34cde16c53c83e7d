// The minutes (笔录) beside the video: the mediator types what is said and agreed; each entry is
// stamped with the time and saved at once (so closing the window loses nothing), and can be
// corrected or removed until the minutes are finalised into the ledger.
import { Alert, Button, Empty, Flex, Input, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MINUTES_ENTRY_LENGTH, type MinutesRecord } from '../../../shared/sessions/model';
import { formatTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';

export interface MinutesEditorProps {
  minutes: MinutesRecord;
  readOnly: boolean;
  onSave(entry: { id: string; at: string; text: string }): Promise<string | null>;
  onDelete(id: string): Promise<string | null>;
}

export function MinutesEditor({ minutes, readOnly, onSave, onDelete }: MinutesEditorProps) {
  const { t } = useTranslation('sessions');
  const language = useLang();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const length = [...draft].length;

  const add = async () => {
    if (draft.trim() === '') return setError(t('minutes.empty'));
    setSaving(true);
    const problem = await onSave({ id: crypto.randomUUID(), at: new Date().toISOString(), text: draft });
    setSaving(false);
    // On failure the text stays in the box.
    setError(problem);
    if (!problem) setDraft('');
  };

  return (
    <section aria-label={t('minutes.title')}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>{t('minutes.title')}</Typography.Title>
      {minutes.entries.length === 0 ? (
        <Empty description={t('minutes.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ol aria-label={t('minutes.entries')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {minutes.entries.map((entry) => (
            <li key={entry.id} style={{ borderBottom: '1px solid #f0f0f0', padding: '6px 0' }}>
              <Flex gap={8} style={{ width: '100%' }} align="start">
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  <time dateTime={entry.at}>{formatTime(entry.at, language)}</time>
                </Typography.Text>
                {editing?.id === entry.id ? (
                  <Flex vertical gap={4} style={{ flex: 1 }}>
                    <Input.TextArea value={editing.text} onChange={(e) => setEditing({ id: entry.id, text: e.target.value })} autoSize aria-label={t('minutes.editing')} />
                    <Flex gap={4}>
                      <Button
                        size="small"
                        type="primary"
                        onClick={async () => {
                          const problem = await onSave({ id: entry.id, at: entry.at, text: editing.text });
                          setError(problem);
                          if (!problem) setEditing(null);
                        }}
                      >
                        {t('minutes.saveEdit')}
                      </Button>
                      <Button size="small" onClick={() => setEditing(null)}>
                        {t('common.cancel')}
                      </Button>
                    </Flex>
                  </Flex>
                ) : (
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', flex: 1 }}>{entry.text}</Typography.Paragraph>
                )}
                {!readOnly && editing?.id !== entry.id && (
                  <Flex gap={0}>
                    <Button size="small" type="link" onClick={() => setEditing({ id: entry.id, text: entry.text })} aria-label={t('minutes.editEntry', { time: formatTime(entry.at, language) })}>
                      {t('minutes.edit')}
                    </Button>
                    <Popconfirm title={t('minutes.deleteConfirm')} okText={t('minutes.delete')} cancelText={t('common.cancel')} onConfirm={async () => setError(await onDelete(entry.id))}>
                      <Button size="small" type="link" danger aria-label={t('minutes.deleteEntry', { time: formatTime(entry.at, language) })}>
                        {t('minutes.delete')}
                      </Button>
                    </Popconfirm>
                  </Flex>
                )}
              </Flex>
            </li>
          ))}
        </ol>
      )}
      {!readOnly && (
        <Flex vertical gap={4} style={{ marginTop: 8 }}>
          <Input.TextArea
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 6 }}
            aria-label={t('minutes.newEntry')}
            placeholder={t('minutes.placeholder')}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void add();
            }}
            status={length > MAX_MINUTES_ENTRY_LENGTH ? 'error' : undefined}
          />
          <Flex justify="space-between" align="center">
            <Typography.Text type={length > MAX_MINUTES_ENTRY_LENGTH ? 'danger' : 'secondary'}>{t('minutes.count', { count: length, max: MAX_MINUTES_ENTRY_LENGTH })}</Typography.Text>
            <Button type="primary" onClick={() => void add()} loading={saving}>
              {t('minutes.add')}
            </Button>
          </Flex>
        </Flex>
      )}
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginTop: 8 }} />}
    </section>
  );
}
