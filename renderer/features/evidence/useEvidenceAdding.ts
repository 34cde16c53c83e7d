// Adding evidence from the tab: files picked, dropped or photographed (several at once, each hashed
// with progress and a cancel), a corrected version of an item, and typed notes. Each file that is
// refused is named in one refusal beside the buttons that add them.
import { useRef, useState } from 'react';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case, PartySide, User } from '../../../shared/domain/model';
import { useServices } from '../../app/services';
import type { RefusalHandle, RefusalItem } from '../../kit/refusal';
import { formatDateTime } from '../../kit/time';
import { useCommand } from '../../kit/useCommand';
import { useErrorText } from '../../kit/useErrorText';
import { useLang } from '../../kit/useLang';
import { openedFileFromBrowserFile } from '../../platform/browser';
import { addEvidenceFile, addEvidenceNote, bytesFile, type EvidenceFile } from './store';
import { ERROR_NAMESPACES } from './useLedger';

export interface AddingProgress {
  name: string;
  percent: number;
  index: number;
  count: number;
}

export interface NoteValues {
  title: string;
  text: string;
}

export function evidenceOf(file: File): EvidenceFile {
  return { file: openedFileFromBrowserFile(file), mediaType: file.type };
}

export function useEvidenceAdding({ record, user, refusal, reload }: { record: Case; user: User; refusal: RefusalHandle; reload: () => Promise<void> }) {
  const { t } = useTranslation('evidence');
  const { data, platform } = useServices();
  const { message } = App.useApp();
  const language = useLang();
  const errorText = useErrorText(ERROR_NAMESPACES);
  const [side, setSide] = useState<PartySide | 'none'>('applicant');
  const [shown, setShown] = useState(false);
  const [adding, setAdding] = useState<AddingProgress | null>(null);
  const cancel = useRef<{ aborted: boolean }>({ aborted: false });
  const [noteOpen, setNoteOpen] = useState(false);
  const [noteForm] = Form.useForm<NoteValues>();
  const submittedBy = side === 'none' ? null : side;

  const addEvidence = async (items: { evidence: EvidenceFile; title: string }[], corrects: number | null = null) => {
    cancel.current = { aborted: false };
    const added: string[] = [];
    const refused: RefusalItem[] = [];
    refusal.clear();
    for (const [index, { evidence, title }] of items.entries()) {
      if (cancel.current.aborted) break;
      const progress = (percent: number) => setAdding({ name: title, percent, index: index + 1, count: items.length });
      progress(0);
      const result = await addEvidenceFile(
        data,
        platform,
        user,
        record.id,
        evidence,
        { title, submittedBy, shownToOtherParty: shown, ...(corrects !== null ? { corrects } : {}) },
        { signal: cancel.current, onProgress: (p) => progress(p.bytesTotal ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 0) },
      );
      if (result.ok) added.push(result.value.title);
      else refused.push({ text: errorText(result.error.code, result.error.params), field: title });
    }
    setAdding(null);
    // Each file that was not added, by its name, beside the buttons that add them.
    if (refused.length) refusal.refuse('add', t('add.refused', { count: refused.length }), refused);
    if (added.length) void message.success(t('add.added', { titles: added.join('、') }));
    await reload();
  };

  const addFiles = (files: File[]) => addEvidence(files.map((file) => ({ evidence: evidenceOf(file), title: file.name })));

  const addPhoto = (jpeg: Uint8Array) => {
    const title = t('camera.fileTitle', { time: formatDateTime(new Date().toISOString(), language) });
    return addEvidence([{ evidence: { file: bytesFile(`${title}.jpg`, jpeg), mediaType: 'image/jpeg' }, title: `${title}.jpg` }]);
  };

  const note = useCommand((values: NoteValues) => addEvidenceNote(data, platform, user, record.id, { title: values.title, text: values.text, submittedBy, shownToOtherParty: shown }), {
    onDone: (entry) => {
      void message.success(t('add.added', { titles: entry.title }));
      setNoteOpen(false);
      noteForm.resetFields();
    },
    reload,
  });

  const saveNote = async () => {
    const values = await noteForm.validateFields().catch(() => null);
    if (!values) return;
    const result = await note.run(values);
    if (result && !result.ok) refusal.refuse('note', errorText(result.error.code, result.error.params));
  };

  return {
    side,
    setSide,
    shown,
    setShown,
    adding,
    cancelAdding: () => (cancel.current.aborted = true),
    addEvidence,
    addFiles,
    addPhoto,
    noteOpen,
    setNoteOpen,
    noteForm,
    noteBusy: note.busy,
    saveNote,
  };
}

export type EvidenceAdding = ReturnType<typeof useEvidenceAdding>;
