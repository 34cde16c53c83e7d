// Where evidence is added: who submitted it and whether the other party sees it, then files picked,
// dropped or photographed, or a typed note; the hidden inputs behind "add" and "correct".
import { useRef, useState, type DragEvent, type RefObject } from 'react';
import { Button, Checkbox, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RefusalNotice, type RefusalHandle } from '../../kit/refusal';
import { evidenceOf, type EvidenceAdding } from './useEvidenceAdding';

const SIDES = ['applicant', 'respondent', 'third_party'] as const;

export interface AddEvidencePanelProps {
  adder: EvidenceAdding;
  refusal: RefusalHandle;
  /** The hidden input a row's "correct" button opens. */
  correctionInput: RefObject<HTMLInputElement | null>;
  /** The item being corrected, taken (and cleared) when its file is chosen. */
  takeCorrecting: () => number | null;
  onCamera: () => void;
}

export function AddEvidencePanel({ adder, refusal, correctionInput, takeCorrecting, onCamera }: AddEvidencePanelProps) {
  const { t } = useTranslation('evidence');
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const busy = adder.adding !== null;

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    if (busy) return;
    const files = [...event.dataTransfer.files];
    if (files.length) void adder.addFiles(files);
  };

  return (
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
          value={adder.side}
          onChange={adder.setSide}
          style={{ width: 160 }}
          options={[...SIDES.map((s) => ({ value: s, label: t(`side.${s}`) })), { value: 'none', label: t('side.none') }]}
        />
        <Checkbox checked={adder.shown} onChange={(e) => adder.setShown(e.target.checked)}>
          {t('add.shown')}
        </Checkbox>
        <Button type="primary" onClick={() => input.current?.click()} disabled={busy} aria-describedby={refusal.describedBy('add')}>
          {t('add.button')}
        </Button>
        <Button onClick={onCamera} disabled={busy} aria-describedby={refusal.describedBy('add')}>
          {t('camera.button')}
        </Button>
        <Button onClick={() => adder.setNoteOpen(true)} disabled={busy}>
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
            if (files.length) void adder.addFiles(files);
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
            const seq = takeCorrecting();
            if (file && seq !== null) void adder.addEvidence([{ evidence: evidenceOf(file), title: file.name }], seq);
          }}
        />
      </Flex>
      <RefusalNotice handle={refusal} at="add" />
    </section>
  );
}

