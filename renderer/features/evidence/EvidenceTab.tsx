// The case's evidence tab: add files (several at once; each hashed with progress and cancel, a
// duplicate refused by its hash), the ledger in order with each item's short hash, size, author,
// time and a verification mark, and "verify now", which re-hashes every file and checks every link.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Progress, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case, PartySide, User } from '../../../shared/domain/model';
import type { LedgerReport } from '../../../shared/ledger/verify';
import { canEditCase } from '../../../shared/domain/permissions';
import { useServices } from '../../app/services';
import { formatBytes } from '../backup/format';
import { formatDateTime } from '../cases/common/format';
import { useLang } from '../cases/common/useLang';
import { translateCode } from '../../app/translate';
import { addEvidenceFile, addEvidenceNote, NOTE_MAX, readLedgerRows, verifyCaseEvidence, type EvidenceFile, type LedgerEntryRow } from './store';

const CHUNK_BYTES = 4 * 1024 * 1024;
type Check = 'ok' | 'mismatch' | 'missing' | 'broken' | 'unchecked';
const CHECK_COLOR: Record<Check, string> = { ok: 'green', mismatch: 'red', missing: 'red', broken: 'red', unchecked: 'default' };
const SIDES = ['applicant', 'respondent', 'third_party'] as const;

function evidenceFileOf(file: File): EvidenceFile {
  return {
    name: file.name,
    size: file.size,
    mediaType: file.type,
    async *chunks() {
      for (let at = 0; at < file.size; at += CHUNK_BYTES) yield new Uint8Array(await file.slice(at, at + CHUNK_BYTES).arrayBuffer());
    },
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
  };
}

function checksOf(report: LedgerReport): Map<number, Check> {
  return new Map(report.entries.map((e) => [e.seq, e.file === 'mismatch' ? 'mismatch' : e.file === 'missing' ? 'missing' : !e.chain ? 'broken' : 'ok']));
}

export function EvidenceTab({ record, user }: { record: Case; user: User }) {
  const { t } = useTranslation(['evidence', 'cases', 'domain', 'app']);
  const { db, platform } = useServices();
  const { message } = App.useApp();
  const language = useLang();
  const errorText = useCallback((code: string, params?: Record<string, unknown>) => translateCode(t, code, params, ['evidence', 'cases']), [t]);
  const input = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<LedgerEntryRow[]>([]);
  const [checks, setChecks] = useState<Map<number, Check>>(new Map());
  const [side, setSide] = useState<PartySide | 'none'>('applicant');
  const [shown, setShown] = useState(false);
  const [adding, setAdding] = useState<{ name: string; percent: number } | null>(null);
  const cancel = useRef<{ aborted: boolean }>({ aborted: false });
  const [verifying, setVerifying] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const editable = canEditCase(user, record);
  const [noteOpen, setNoteOpen] = useState(false);
  const [noteForm] = Form.useForm<{ title: string; text: string }>();
  const [noteBusy, setNoteBusy] = useState(false);

  const verify = useCallback(async () => {
    setVerifying({ done: 0, total: 0 });
    try {
      const result = await verifyCaseEvidence(db, platform, user, record.id, (done, total) => setVerifying({ done, total }));
      if (!result.ok) {
        setOutcome({ ok: false, text: errorText(result.error.code, result.error.params) });
        return;
      }
      const report = result.value;
      setChecks(checksOf(report));
      const loaded = await readLedgerRows(db, record.id);
      setRows(loaded);
      const firstBad = report.entries.find((e) => e.file !== 'ok' && e.file !== 'not_checked');
      const title = firstBad ? loaded[firstBad.seq]?.entry.title : undefined;
      if (report.ok) setOutcome(loaded.length ? { ok: true, text: t('verify.allOk', { count: loaded.length }) } : null);
      else if (firstBad) setOutcome({ ok: false, text: t('verify.firstBad', { seq: firstBad.seq + 1, title }) });
      else setOutcome({ ok: false, text: t('verify.problem', { detail: report.firstProblem?.detail ?? '' }) });
    } finally {
      setVerifying(null);
    }
  }, [db, platform, user, record.id, errorText, t]);

  useEffect(() => {
    void verify();
  }, [verify]);

  const addFiles = async (files: File[]) => {
    cancel.current = { aborted: false };
    const added: string[] = [];
    for (const file of files) {
      if (cancel.current.aborted) break;
      setAdding({ name: file.name, percent: 0 });
      const result = await addEvidenceFile(
        db,
        platform,
        user,
        record.id,
        evidenceFileOf(file),
        { title: file.name, submittedBy: side === 'none' ? null : side, shownToOtherParty: shown },
        {
          signal: cancel.current,
          onProgress: (p) => setAdding({ name: file.name, percent: p.bytesTotal ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 0 }),
        },
      );
      if (result.ok) added.push(result.value.title);
      else void message.error(errorText(result.error.code, result.error.params));
    }
    setAdding(null);
    if (added.length) void message.success(t('add.added', { titles: added.join('、') }));
    await verify();
  };

  const saveNote = async () => {
    const values = await noteForm.validateFields().catch(() => null);
    if (!values) return;
    setNoteBusy(true);
    try {
      const result = await addEvidenceNote(db, platform, user, record.id, {
        title: values.title,
        text: values.text,
        submittedBy: side === 'none' ? null : side,
        shownToOtherParty: shown,
      });
      if (!result.ok) {
        void message.error(errorText(result.error.code, result.error.params));
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

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      {editable && (
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
          <Button type="primary" onClick={() => input.current?.click()} disabled={adding !== null}>
            {t('add.button')}
          </Button>
          <Button onClick={() => setNoteOpen(true)} disabled={adding !== null}>
            {t('add.note')}
          </Button>
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
        </Flex>
      )}
      <Modal
        open={noteOpen}
        title={t('add.noteTitle')}
        okText={t('add.noteSubmit')}
        cancelText={t('add.cancel')}
        okButtonProps={{ loading: noteBusy }}
        onOk={() => void saveNote()}
        onCancel={() => setNoteOpen(false)}
        destroyOnHidden
      >
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
      {adding && (
        <Flex gap={12} align="center" role="status">
          <Typography.Text>{t('add.hashing', { name: adding.name })}</Typography.Text>
          <Progress percent={adding.percent} style={{ width: 240 }} />
          <Button size="small" onClick={() => (cancel.current.aborted = true)}>
            {t('add.cancel')}
          </Button>
        </Flex>
      )}
      <Flex gap={12} align="center">
        <Button onClick={() => void verify()} loading={verifying !== null}>
          {t('verify.button')}
        </Button>
        {verifying && verifying.total > 0 && <Typography.Text role="status">{t('verify.running', verifying)}</Typography.Text>}
      </Flex>
      {outcome && <Alert type={outcome.ok ? 'success' : 'error'} showIcon role={outcome.ok ? 'status' : 'alert'} message={outcome.text} />}
      <section aria-label={t('table.label')}>
        <Table<LedgerEntryRow>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: t('table.empty') }}
          columns={[
            { title: t('table.seq'), key: 'seq', render: (_, r) => r.seq + 1, width: 60 },
            { title: t('table.title'), key: 'title', render: (_, r) => r.entry.title },
            { title: t('table.kind'), key: 'kind', render: (_, r) => t(`kind.${r.entry.kind}`) },
            { title: t('table.size'), key: 'size', render: (_, r) => formatBytes(r.entry.size) },
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
                return <Tag color={CHECK_COLOR[check]}>{t(`check.${check}`)}</Tag>;
              },
            },
          ]}
        />
      </section>
    </Flex>
  );
}
