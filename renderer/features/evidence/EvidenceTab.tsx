// The case's evidence tab: add files (picked, dropped or photographed; several at once, each
// hashed with progress and cancel, a duplicate refused by its hash) and typed notes; the ledger in
// order with each item's short hash, size, author, time and a verification mark; preview, correct,
// withdraw and export of single items; signed checkpoints; "verify now" over files, links,
// signatures and proofs; export of the whole ledger.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case, PartySide, User } from '../../../shared/domain/model';
import type { LedgerReport } from '../../../shared/ledger/verify';
import { canEditCase } from '../../../shared/domain/permissions';
import { useServices } from '../../app/services';
import { translateCode } from '../../app/translate';
import { openedFileFromBrowserFile } from '../../platform/browser';
import { formatBytes } from '../backup/format';
import { formatDateTime } from '../cases/common/format';
import { useLang } from '../cases/common/useLang';
import { usePassphrasePrompt } from '../identity/PassphrasePrompt';
import { CameraDialog } from './CameraDialog';
import { readCheckpoints, signCaseCheckpoint, type CheckpointRow } from './checkpoints';
import { ExportDialog, type ExportTarget } from './ExportDialog';
import { PreviewDialog, previewKind } from './PreviewDialog';
import { addEvidenceFile, addEvidenceNote, bytesFile, NOTE_MAX, readLedgerRows, type EvidenceFile, type LedgerEntryRow } from './store';
import { verifyCaseEvidence } from './verification';
import { verifyOutcome } from './verify-outcome';
import { WithdrawDialog } from './WithdrawDialog';
import { RefusalNotice, useRefusal, type RefusalItem } from '../../kit/refusal';

type Check = 'ok' | 'mismatch' | 'missing' | 'broken' | 'unchecked';
const CHECK_COLOR: Record<Check, string> = { ok: 'green', mismatch: 'red', missing: 'red', broken: 'red', unchecked: 'default' };
const SIDES = ['applicant', 'respondent', 'third_party'] as const;
const ERROR_NAMESPACES = ['evidence', 'identity', 'cases'];

function checksOf(report: LedgerReport): Map<number, Check> {
  return new Map(report.entries.map((e) => [e.seq, e.file === 'mismatch' ? 'mismatch' : e.file === 'missing' ? 'missing' : !e.chain ? 'broken' : 'ok']));
}

/** Which later entries withdrew or corrected each item. */
function relationsOf(rows: readonly LedgerEntryRow[]): { withdrawnBy: Map<number, number>; correctedBy: Map<number, number[]> } {
  const withdrawnBy = new Map<number, number>();
  const correctedBy = new Map<number, number[]>();
  for (const { entry } of rows) {
    if (entry.refersTo === null) continue;
    if (entry.action === 'withdraw') withdrawnBy.set(entry.refersTo, entry.seq);
    else correctedBy.set(entry.refersTo, [...(correctedBy.get(entry.refersTo) ?? []), entry.seq]);
  }
  return { withdrawnBy, correctedBy };
}

function evidenceOf(file: File): EvidenceFile {
  return { file: openedFileFromBrowserFile(file), mediaType: file.type };
}

export function EvidenceTab({ record, user }: { record: Case; user: User }) {
  const { t } = useTranslation(['evidence', 'identity', 'cases', 'domain', 'app']);
  const { db, platform } = useServices();
  const { message } = App.useApp();
  const language = useLang();
  const errorText = useCallback((code: string, params?: Record<string, unknown>) => translateCode(t, code, params, ERROR_NAMESPACES), [t]);
  const { ask, prompt } = usePassphrasePrompt();
  const input = useRef<HTMLInputElement>(null);
  const correctionInput = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<LedgerEntryRow[]>([]);
  const [checkpoints, setCheckpoints] = useState<CheckpointRow[]>([]);
  const [report, setReport] = useState<LedgerReport | null>(null);
  const [side, setSide] = useState<PartySide | 'none'>('applicant');
  const [shown, setShown] = useState(false);
  const [adding, setAdding] = useState<{ name: string; percent: number; index: number; count: number } | null>(null);
  const cancel = useRef<{ aborted: boolean }>({ aborted: false });
  const [verifying, setVerifying] = useState<{ filesDone: number; filesTotal: number } | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const editable = canEditCase(user, record);
  const [noteOpen, setNoteOpen] = useState(false);
  const refusal = useRefusal();
  const [noteForm] = Form.useForm<{ title: string; text: string }>();
  const [noteBusy, setNoteBusy] = useState(false);
  const [cameraOpen, setCameraOpen] = useState(false);
  const [previewing, setPreviewing] = useState<LedgerEntryRow | null>(null);
  const [withdrawing, setWithdrawing] = useState<{ seq: number; title: string } | null>(null);
  const [correcting, setCorrecting] = useState<number | null>(null);
  const [exporting, setExporting] = useState<ExportTarget | null>(null);
  const [signing, setSigning] = useState(false);
  const [dragging, setDragging] = useState(false);
  const checks = useMemo(() => (report ? checksOf(report) : new Map<number, Check>()), [report]);
  const relations = useMemo(() => relationsOf(rows), [rows]);

  const verify = useCallback(async () => {
    setVerifying({ filesDone: 0, filesTotal: 0 });
    try {
      // The list shows at once; the marks follow when every file has been re-hashed.
      const [loaded, signed] = await Promise.all([readLedgerRows(db, record.id), readCheckpoints(db, record.id)]);
      setRows(loaded);
      setCheckpoints(signed);
      const result = await verifyCaseEvidence(db, platform, user, record.id, setVerifying);
      if (!result.ok) {
        setOutcome({ ok: false, text: errorText(result.error.code, result.error.params) });
        return;
      }
      setReport(result.value);
      setOutcome(verifyOutcome(result.value, loaded.map((r) => r.entry.title), (key, values) => t(key, values)));
    } finally {
      setVerifying(null);
    }
  }, [db, platform, user, record.id, errorText, t]);

  useEffect(() => {
    void verify();
  }, [verify]);

  const addEvidence = async (items: { evidence: EvidenceFile; title: string }[], corrects: number | null = null) => {
    cancel.current = { aborted: false };
    const added: string[] = [];
    const refused: RefusalItem[] = [];
    refusal.clear();
    for (const [index, { evidence, title }] of items.entries()) {
      if (cancel.current.aborted) break;
      setAdding({ name: title, percent: 0, index: index + 1, count: items.length });
      const result = await addEvidenceFile(
        db,
        platform,
        user,
        record.id,
        evidence,
        { title, submittedBy: side === 'none' ? null : side, shownToOtherParty: shown, ...(corrects !== null ? { corrects } : {}) },
        {
          signal: cancel.current,
          onProgress: (p) => setAdding({ name: title, percent: p.bytesTotal ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 0, index: index + 1, count: items.length }),
        },
      );
      if (result.ok) added.push(result.value.title);
      else refused.push({ text: errorText(result.error.code, result.error.params), field: title });
    }
    setAdding(null);
    // Each file that was not added, by its name, beside the buttons that add them.
    if (refused.length) refusal.refuse('add', t('add.refused', { count: refused.length }), refused);
    if (added.length) void message.success(t('add.added', { titles: added.join('、') }));
    await verify();
  };

  const addFiles = (files: File[]) => addEvidence(files.map((file) => ({ evidence: evidenceOf(file), title: file.name })));

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!editable || adding) return;
    const files = [...event.dataTransfer.files];
    if (files.length) void addFiles(files);
  };

  const onPhoto = (jpeg: Uint8Array) => {
    setCameraOpen(false);
    const title = t('camera.fileTitle', { time: formatDateTime(new Date().toISOString(), language) });
    void addEvidence([{ evidence: { file: bytesFile(`${title}.jpg`, jpeg), mediaType: 'image/jpeg' }, title: `${title}.jpg` }]);
  };

  const saveNote = async () => {
    const values = await noteForm.validateFields().catch(() => null);
    if (!values) return;
    setNoteBusy(true);
    try {
      const result = await addEvidenceNote(db, platform, user, record.id, { title: values.title, text: values.text, submittedBy: side === 'none' ? null : side, shownToOtherParty: shown });
      if (!result.ok) {
        refusal.refuse('note', errorText(result.error.code, result.error.params));
        return;
      }
      void message.success(t('add.added', { titles: result.value.title }));
      setNoteOpen(false);
      noteForm.resetFields();
      await verify();
    } finally {
      setNoteBusy(false);
    }
  };

  const signCheckpoint = async () => {
    const answer = await ask();
    if (answer === null) return;
    setSigning(true);
    try {
      const result = await signCaseCheckpoint(db, platform, user, record.id, 'on_demand', answer);
      if (!result.ok) {
        refusal.refuse('checkpoint', errorText(result.error.code, result.error.params));
        return;
      }
      void message.success(t('checkpoint.signed', { size: result.value.treeSize }));
      await verify();
    } finally {
      setSigning(false);
    }
  };

  const fileBytes = (list: readonly LedgerEntryRow[]) => list.reduce((n, r) => n + (r.entry.contentSha256 ? r.entry.size : 0), 0);
  const checkpointReport = (index: number) => report?.checkpoints[index];

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      {editable && (
        <section
          aria-label={t('add.dropZone')}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          style={{ border: `1px dashed ${dragging ? '#1677ff' : '#d9d9d9'}`, borderRadius: 8, padding: 12, background: dragging ? '#e6f4ff' : undefined }}
        >
          <Flex gap={12} align="center" wrap>
            <Select
              aria-label={t('add.submittedBy')}
              value={side}
              onChange={setSide}
              style={{ width: 160 }}
              options={[...SIDES.map((s) => ({ value: s, label: t(`side.${s}`) })), { value: 'none', label: t('side.none') }]}
            />
            <Checkbox checked={shown} onChange={(e) => setShown(e.target.checked)}>
              {t('add.shown')}
            </Checkbox>
            <Button type="primary" onClick={() => input.current?.click()} disabled={adding !== null} aria-describedby={refusal.describedBy('add')}>
              {t('add.button')}
            </Button>
            <Button onClick={() => setCameraOpen(true)} disabled={adding !== null} aria-describedby={refusal.describedBy('add')}>
              {t('camera.button')}
            </Button>
            <Button onClick={() => setNoteOpen(true)} disabled={adding !== null}>
              {t('add.note')}
            </Button>
            <Typography.Text type="secondary">{t('add.dropHint')}</Typography.Text>
            <input
              ref={input}
              type="file"
              multiple
              hidden
              aria-label={t('add.input')}
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = '';
                if (files.length) void addFiles(files);
              }}
            />
            <input
              ref={correctionInput}
              type="file"
              hidden
              aria-label={t('correct.input')}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                const seq = correcting;
                setCorrecting(null);
                if (file && seq !== null) void addEvidence([{ evidence: evidenceOf(file), title: file.name }], seq);
              }}
            />
          </Flex>
          <RefusalNotice handle={refusal} at="add" />
        </section>
      )}
      <Modal
        open={noteOpen}
        title={t('add.noteTitle')}
        okText={t('add.noteSubmit')}
        cancelText={t('add.cancel')}
        okButtonProps={{ loading: noteBusy, 'aria-describedby': refusal.describedBy('note') }}
        onOk={() => void saveNote()}
        onCancel={() => setNoteOpen(false)}
        destroyOnHidden
      >
        <RefusalNotice handle={refusal} at="note" />
        <Form form={noteForm} layout="vertical" preserve={false}>
          <Form.Item name="title" label={t('add.noteName')} rules={[{ required: true, whitespace: true, message: t('add.required', { field: t('add.noteName') }) }, { max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="text"
            label={t('add.noteText')}
            extra={t('add.noteTextHelp')}
            rules={[{ required: true, whitespace: true, message: t('add.required', { field: t('add.noteText') }) }, { max: NOTE_MAX }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={NOTE_MAX} />
          </Form.Item>
        </Form>
      </Modal>
      <CameraDialog open={cameraOpen} onClose={() => setCameraOpen(false)} onCapture={onPhoto} />
      <PreviewDialog entry={previewing?.entry ?? null} onClose={() => setPreviewing(null)} />
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
      {adding && (
        <Flex gap={12} align="center" role="status">
          <Typography.Text>{t('add.hashing', { name: adding.name, index: adding.index, count: adding.count })}</Typography.Text>
          <Progress percent={adding.percent} style={{ width: 240 }} aria-label={t('add.progress')} />
          <Button size="small" onClick={() => (cancel.current.aborted = true)}>
            {t('add.cancel')}
          </Button>
        </Flex>
      )}
      <Flex gap={12} align="center" wrap>
        <Button onClick={() => void verify()} loading={verifying !== null}>
          {t('verify.button')}
        </Button>
        {editable && (
          <Button onClick={() => void signCheckpoint()} loading={signing} disabled={rows.length === 0} aria-describedby={refusal.describedBy('checkpoint')}>
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
      {outcome && <Alert type={outcome.ok ? 'success' : 'error'} showIcon role={outcome.ok ? 'status' : 'alert'} message={outcome.text} />}
      <section aria-label={t('table.label')}>
        <Table<LedgerEntryRow>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('table.empty') }}
          columns={[
            { title: t('table.seq'), key: 'seq', render: (_, r) => r.seq + 1, width: 60 },
            {
              title: t('table.title'),
              key: 'title',
              render: (_, r) => (
                <Space size={4} wrap>
                  <span>{r.entry.title}</span>
                  {r.entry.action !== 'add' && r.entry.refersTo !== null && <Tag color="blue">{t(`relation.${r.entry.action}`, { seq: r.entry.refersTo + 1 })}</Tag>}
                  {relations.withdrawnBy.has(r.seq) && <Tag color="red">{t('relation.withdrawnBy', { seq: (relations.withdrawnBy.get(r.seq) as number) + 1 })}</Tag>}
                  {relations.correctedBy.has(r.seq) && <Tag color="orange">{t('relation.correctedBy', { seqs: (relations.correctedBy.get(r.seq) as number[]).map((s) => s + 1).join('、') })}</Tag>}
                </Space>
              ),
            },
            { title: t('table.kind'), key: 'kind', render: (_, r) => t(`kind.${r.entry.kind}`) },
            { title: t('table.size'), key: 'size', render: (_, r) => (r.entry.contentSha256 ? formatBytes(r.entry.size) : '—') },
            {
              title: t('table.hash'),
              key: 'hash',
              render: (_, r) =>
                r.entry.contentSha256 && (
                  <Typography.Text code copyable={{ text: r.entry.contentSha256 }} title={r.entry.contentSha256}>
                    {r.entry.contentSha256.slice(0, 12)}
                  </Typography.Text>
                ),
            },
            { title: t('table.submittedBy'), key: 'side', render: (_, r) => t(`side.${r.entry.submittedBy ?? 'none'}`) },
            { title: t('table.shown'), key: 'shown', render: (_, r) => (r.entry.shownToOtherParty ? t('table.shownYes') : t('table.shownNo')) },
            { title: t('table.author'), key: 'author', render: (_, r) => r.entry.author.name },
            { title: t('table.time'), key: 'time', render: (_, r) => formatDateTime(r.entry.createdAt, language) },
            {
              title: t('table.check'),
              key: 'check',
              render: (_, r) => {
                const check = checks.get(r.seq) ?? 'unchecked';
                const covered = report?.entries[r.seq]?.coveredBy ?? null;
                return (
                  <Space size={4} wrap>
                    <Tag color={CHECK_COLOR[check]}>{t(`check.${check}`)}</Tag>
                    {covered !== null && <Tag color="cyan">{t('check.signed')}</Tag>}
                  </Space>
                );
              },
            },
            {
              title: t('table.actions'),
              key: 'actions',
              render: (_, r) => {
                const open = r.entry.action !== 'withdraw' && !relations.withdrawnBy.has(r.seq);
                return (
                  <Space size={0} wrap>
                    {previewKind(r.entry) !== 'none' && (
                      <Button type="link" size="small" onClick={() => setPreviewing(r)} aria-label={t('actions.previewOf', { seq: r.seq + 1 })}>
                        {t('actions.preview')}
                      </Button>
                    )}
                    {editable && open && (
                      <Button
                        type="link"
                        size="small"
                        aria-label={t('actions.correctOf', { seq: r.seq + 1 })}
                        onClick={() => {
                          setCorrecting(r.seq);
                          correctionInput.current?.click();
                        }}
                      >
                        {t('actions.correct')}
                      </Button>
                    )}
                    {editable && open && (
                      <Button type="link" size="small" danger aria-label={t('actions.withdrawOf', { seq: r.seq + 1 })} onClick={() => setWithdrawing({ seq: r.seq, title: r.entry.title })}>
                        {t('actions.withdraw')}
                      </Button>
                    )}
                    <Button
                      type="link"
                      size="small"
                      aria-label={t('actions.exportOf', { seq: r.seq + 1 })}
                      onClick={() => setExporting({ seq: r.seq, title: r.entry.title, fileBytes: r.entry.contentSha256 ? r.entry.size : 0 })}
                    >
                      {t('actions.export')}
                    </Button>
                  </Space>
                );
              },
            },
          ]}
        />
      </section>
      <section aria-label={t('checkpoint.label')}>
        <Typography.Title level={2} style={{ fontSize: 16 }}>{t('checkpoint.label')}</Typography.Title>
        {checkpoints.length === 0 ? (
          <Typography.Text type="secondary">{t('checkpoint.none')}</Typography.Text>
        ) : (
          <Table<CheckpointRow>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={checkpoints}
            columns={[
              { title: t('checkpoint.size'), key: 'size', render: (_, c) => t('checkpoint.covers', { size: c.treeSize }) },
              { title: t('checkpoint.time'), key: 'time', render: (_, c) => formatDateTime(c.signed.checkpoint.time, language) },
              { title: t('checkpoint.reason'), key: 'reason', render: (_, c) => t(`checkpoint.reasons.${c.reason}`) },
              { title: t('checkpoint.by'), key: 'by', render: (_, c) => c.signedBy.name },
              {
                title: t('checkpoint.root'),
                key: 'root',
                render: (_, c) => (
                  <Typography.Text code copyable={{ text: c.signed.checkpoint.rootHash }}>
                    {c.signed.checkpoint.rootHash.slice(0, 12)}
                  </Typography.Text>
                ),
              },
              {
                title: t('table.check'),
                key: 'check',
                render: (_, c, index) => {
                  const checked = checkpointReport(index);
                  if (!checked) return <Tag>{t('check.unchecked')}</Tag>;
                  const ok = checked.signature && checked.root;
                  return <Tag color={ok ? 'green' : 'red'}>{ok ? t('checkpoint.valid') : !checked.signature ? t('checkpoint.badSignature') : t('checkpoint.badRoot')}</Tag>;
                },
              },
            ]}
          />
        )}
      </section>
    </Flex>
  );
}
