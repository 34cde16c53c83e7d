// The case's evidence tab: add files (picked, dropped or photographed; several at once, each
// hashed with progress and cancel, a duplicate refused by its hash) and typed notes; the ledger in
// order with each item's short hash, size, author, time and a verification mark; preview, correct,
// withdraw and export of single items; signed checkpoints; "verify now" over files, links,
// signatures and proofs (fetching first, from the center server, the files other workstations of
// the institution added); export of the whole ledger. The ledger's view is useLedger, adding is
// useEvidenceAdding; the parts are the panel, the tables and the dialogs.
import { useRef, useState } from 'react';
import { Alert, App, Button, Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case, User } from '../../../shared/domain/model';
import { canEditCase } from '../../../shared/domain/permissions';
import { useServices } from '../../app/services';
import type { LedgerEntryRow } from '../../data';
import { RefusalNotice, useRefusal } from '../../kit/refusal';
import { useCommand } from '../../kit/useCommand';
import { useErrorText } from '../../kit/useErrorText';
import { usePassphrasePrompt } from '../identity';
import { AddEvidencePanel } from './AddEvidencePanel';
import { CameraDialog } from './CameraDialog';
import { signCaseCheckpoint } from './checkpoints';
import { CheckpointTable } from './CheckpointTable';
import { ExportDialog, type ExportTarget } from './ExportDialog';
import { LedgerTable } from './LedgerTable';
import { NoteDialog } from './NoteDialog';
import { PreviewDialog } from './PreviewDialog';
import { useEvidenceAdding } from './useEvidenceAdding';
import { ERROR_NAMESPACES, useLedger } from './useLedger';
import { WithdrawDialog } from './WithdrawDialog';

const fileBytes = (list: readonly LedgerEntryRow[]) => list.reduce((n, r) => n + (r.entry.contentSha256 ? r.entry.size : 0), 0);

export function EvidenceTab({ record, user }: { record: Case; user: User }) {
  const { t } = useTranslation(['evidence', 'identity', 'cases', 'domain', 'app']);
  const { data, platform } = useServices();
  const { message } = App.useApp();
  const errorText = useErrorText(ERROR_NAMESPACES);
  const { ask, prompt } = usePassphrasePrompt();
  const editable = canEditCase(user, record);
  const refusal = useRefusal();
  const ledger = useLedger(record, user);
  const { rows, verifying, outcome, verify } = ledger;
  const adder = useEvidenceAdding({ record, user, refusal, reload: verify });
  const correctionInput = useRef<HTMLInputElement>(null);
  const [correcting, setCorrecting] = useState<number | null>(null);
  const [cameraOpen, setCameraOpen] = useState(false);
  const [previewing, setPreviewing] = useState<LedgerEntryRow | null>(null);
  const [withdrawing, setWithdrawing] = useState<{ seq: number; title: string } | null>(null);
  const [exporting, setExporting] = useState<ExportTarget | null>(null);

  const signing = useCommand((answer: { passphrase?: string }) => signCaseCheckpoint(data, platform, user, record.id, 'on_demand', answer), {
    onDone: (row) => void message.success(t('checkpoint.signed', { size: row.treeSize })),
    reload: verify,
  });
  const signCheckpoint = async () => {
    const answer = await ask();
    if (answer === null) return;
    const result = await signing.run(answer);
    if (result && !result.ok) refusal.refuse('checkpoint', errorText(result.error.code, result.error.params));
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      {editable && (
        <AddEvidencePanel
          adder={adder}
          refusal={refusal}
          correctionInput={correctionInput}
          takeCorrecting={() => {
            setCorrecting(null);
            return correcting;
          }}
          onCamera={() => setCameraOpen(true)}
        />
      )}
      <NoteDialog adder={adder} refusal={refusal} />
      <CameraDialog
        open={cameraOpen}
        onClose={() => setCameraOpen(false)}
        onCapture={(jpeg) => {
          setCameraOpen(false);
          void adder.addPhoto(jpeg);
        }}
      />
      <PreviewDialog entry={previewing?.entry ?? null} onClose={() => setPreviewing(null)} onFetched={() => void verify()} />
      <WithdrawDialog
        target={withdrawing}
        caseId={record.id}
        user={user}
        onClose={() => setWithdrawing(null)}
        onDone={() => {
          setWithdrawing(null);
          void verify();
        }}
      />
      <ExportDialog
        target={exporting}
        caseId={record.id}
        user={user}
        onClose={() => setExporting(null)}
        onDone={() => {
          setExporting(null);
          void verify();
        }}
      />
      {prompt}
      {adder.adding && (
        <Flex gap={12} align="center" role="status">
          <Typography.Text>{t('add.hashing', { name: adder.adding.name, index: adder.adding.index, count: adder.adding.count })}</Typography.Text>
          <Progress percent={adder.adding.percent} style={{ width: 240 }} aria-label={t('add.progress')} />
          <Button size="small" onClick={adder.cancelAdding}>
            {t('add.cancel')}
          </Button>
        </Flex>
      )}
      <Flex gap={12} align="center" wrap>
        <Button onClick={() => void verify(true)} loading={verifying !== null}>
          {t('verify.button')}
        </Button>
        {editable && (
          <Button onClick={() => void signCheckpoint()} loading={signing.busy} disabled={rows.length === 0} aria-describedby={refusal.describedBy('checkpoint')}>
            {t('checkpoint.button')}
          </Button>
        )}
        <Button onClick={() => setExporting({ seq: null, title: record.number, fileBytes: fileBytes(rows) })} disabled={rows.length === 0}>
          {t('export.button')}
        </Button>
        {verifying && verifying.filesTotal > 0 && (
          <>
            <Progress percent={Math.floor((100 * verifying.filesDone) / verifying.filesTotal)} style={{ width: 200 }} aria-label={t('verify.progress')} />
            <Typography.Text role="status">{t('verify.running', { done: verifying.filesDone, total: verifying.filesTotal })}</Typography.Text>
          </>
        )}
      </Flex>
      <RefusalNotice handle={refusal} at="checkpoint" />
      {outcome && <Alert type={outcome.ok ? 'success' : outcome.partial ? 'warning' : 'error'} showIcon role={outcome.ok || outcome.partial ? 'status' : 'alert'} message={outcome.text} />}
      {ledger.fetchProblem && <Alert type="error" showIcon role="alert" message={ledger.fetchProblem} />}
      <LedgerTable
        rows={rows}
        report={ledger.report}
        checks={ledger.checks}
        relations={ledger.relations}
        editable={editable}
        onPreview={setPreviewing}
        onCorrect={(seq) => {
          setCorrecting(seq);
          correctionInput.current?.click();
        }}
        onWithdraw={setWithdrawing}
        onExport={(r) => setExporting({ seq: r.seq, title: r.entry.title, fileBytes: r.entry.contentSha256 ? r.entry.size : 0 })}
      />
      <CheckpointTable checkpoints={ledger.checkpoints} report={ledger.report} />
    </Flex>
  );
}
