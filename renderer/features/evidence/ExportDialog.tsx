// Export of the whole ledger or of one item (selective disclosure), with or without the files.
// Unsigned entries get a checkpoint first, which may ask for the key's passphrase.
import { useState } from 'react';
import { Alert, App, Checkbox, Modal, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import { useServices } from '../../app/services';
import { translateCode } from '../../app/translate';
import { formatBytes } from '../backup/format';
import { usePassphrasePrompt } from '../identity/PassphrasePrompt';
import { exportCaseLedger, exportEvidenceItem, MAX_EXPORT_FILE_BYTES } from './export';

export interface ExportTarget {
  /** null: the whole ledger; else one item. */
  seq: number | null;
  title: string;
  fileBytes: number;
}

export function ExportDialog({ target, caseId, user, onClose, onDone }: { target: ExportTarget | null; caseId: string; user: User; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation(['evidence', 'identity', 'cases']);
  const { db, platform } = useServices();
  const { message } = App.useApp();
  const { ask, prompt } = usePassphrasePrompt();
  const [withFiles, setWithFiles] = useState(true);
  const [busy, setBusy] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tooLarge = (target?.fileBytes ?? 0) > MAX_EXPORT_FILE_BYTES;

  const run = async () => {
    if (!target) return;
    setError(null);
    const answer = await ask();
    if (answer === null) return;
    setBusy({ done: 0, total: 0 });
    try {
      const options = { withFiles: withFiles && !tooLarge, ...answer, onProgress: (done: number, total: number) => setBusy({ done, total }) };
      const result = target.seq === null ? await exportCaseLedger(db, platform, user, caseId, options) : await exportEvidenceItem(db, platform, user, caseId, target.seq, options);
      if (!result.ok) {
        setError(translateCode(t, result.error.code, result.error.params, ['evidence', 'identity', 'cases']));
        return;
      }
      const saved = await platform.files.saveFile(result.value.name, result.value.bytes, 'application/zip');
      if (saved) void message.success(t('export.saved', { name: saved.name }));
      onDone();
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Modal
        open={target !== null}
        title={target?.seq === null ? t('export.ledgerTitle') : t('export.itemTitle', { seq: (target?.seq ?? 0) + 1, title: target?.title })}
        okText={t('export.ok')}
        cancelText={t('add.cancel')}
        okButtonProps={{ loading: busy !== null }}
        onOk={() => void run()}
        onCancel={onClose}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{target?.seq === null ? t('export.ledgerHelp') : t('export.itemHelp')}</Typography.Paragraph>
        <Checkbox checked={withFiles && !tooLarge} disabled={tooLarge} onChange={(e) => setWithFiles(e.target.checked)}>
          {t('export.withFiles', { size: formatBytes(target?.fileBytes ?? 0) })}
        </Checkbox>
        {tooLarge && <Alert type="info" showIcon message={t('export.tooLarge')} style={{ marginTop: 8 }} />}
        {busy && busy.total > 0 && <Progress percent={Math.floor((100 * busy.done) / busy.total)} aria-label={t('export.progress')} />}
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginTop: 8 }} />}
      </Modal>
      {prompt}
    </>
  );
}
