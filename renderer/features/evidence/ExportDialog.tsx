// Export of the whole ledger or of one item (selective disclosure), with or without the files.
// Unsigned entries get a checkpoint first, which may ask for the key's passphrase.
import { useState } from 'react';
import { Alert, App, Checkbox, Modal, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import { useServices } from '../../app/services';
import { useCommand } from '../../kit/useCommand';
import { useErrorText } from '../../kit/useErrorText';
import { formatSize } from '../../kit/format';
import { usePassphrasePrompt } from '../identity';
import { exportCaseLedger, exportEvidenceItem, MAX_EXPORT_FILE_BYTES, type ExportedZip } from './export';

const ERROR_NAMESPACES: readonly string[] = ['evidence', 'identity', 'cases'];

export interface ExportTarget {
  /** null: the whole ledger; else one item. */
  seq: number | null;
  title: string;
  fileBytes: number;
}

export function ExportDialog({ target, caseId, user, onClose, onDone }: { target: ExportTarget | null; caseId: string; user: User; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation(['evidence', 'identity', 'cases']);
  const { data, platform } = useServices();
  const { message } = App.useApp();
  const errorText = useErrorText(ERROR_NAMESPACES);
  const { ask, prompt } = usePassphrasePrompt();
  const [withFiles, setWithFiles] = useState(true);
  const [progress, setProgress] = useState<{ done: number; total: number }>({ done: 0, total: 0 });
  const tooLarge = (target?.fileBytes ?? 0) > MAX_EXPORT_FILE_BYTES;

  const exporting = useCommand(
    (seq: number | null, answer: { passphrase?: string }) => {
      setProgress({ done: 0, total: 0 });
      const options = { withFiles: withFiles && !tooLarge, ...answer, onProgress: (done: number, total: number) => setProgress({ done, total }) };
      return seq === null ? exportCaseLedger(data, platform, user, caseId, options) : exportEvidenceItem(data, platform, user, caseId, seq, options);
    },
    {
      onDone: async (zip: ExportedZip) => {
        const saved = await platform.files.saveFile(zip.name, zip.bytes, 'application/zip');
        if (saved) void message.success(t('export.saved', { name: saved.name }));
        onDone();
      },
    },
  );
  const error = exporting.error ? errorText(exporting.error.code, exporting.error.params) : null;

  const run = async () => {
    if (!target) return;
    exporting.clear();
    const answer = await ask();
    if (answer === null) return;
    await exporting.run(target.seq, answer);
  };

  return (
    <>
      <Modal
        open={target !== null}
        title={target?.seq === null ? t('export.ledgerTitle') : t('export.itemTitle', { seq: (target?.seq ?? 0) + 1, title: target?.title })}
        okText={t('export.ok')}
        cancelText={t('add.cancel')}
        okButtonProps={{ loading: exporting.busy }}
        onOk={() => void run()}
        onCancel={onClose}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{target?.seq === null ? t('export.ledgerHelp') : t('export.itemHelp')}</Typography.Paragraph>
        <Checkbox checked={withFiles && !tooLarge} disabled={tooLarge} onChange={(e) => setWithFiles(e.target.checked)}>
          {t('export.withFiles', { size: formatSize(target?.fileBytes ?? 0) })}
        </Checkbox>
        {tooLarge && <Alert type="info" showIcon message={t('export.tooLarge')} style={{ marginTop: 8 }} />}
        {exporting.busy && progress.total > 0 && <Progress percent={Math.floor((100 * progress.done) / progress.total)} aria-label={t('export.progress')} />}
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginTop: 8 }} />}
      </Modal>
      {prompt}
    </>
  );
}
