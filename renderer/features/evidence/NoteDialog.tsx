// A typed note (a cross-examination opinion, a phone call) recorded as an item of the ledger.
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { RefusalNotice, type RefusalHandle } from '../../kit/refusal';
import { NOTE_MAX } from './store';
import type { EvidenceAdding } from './useEvidenceAdding';

export function NoteDialog({ adder, refusal }: { adder: EvidenceAdding; refusal: RefusalHandle }) {
  const { t } = useTranslation('evidence');
  return (
    <Modal
      open={adder.noteOpen}
      title={t('add.noteTitle')}
      okText={t('add.noteSubmit')}
      cancelText={t('add.cancel')}
      okButtonProps={{ loading: adder.noteBusy, 'aria-describedby': refusal.describedBy('note') }}
      onOk={() => void adder.saveNote()}
      onCancel={() => adder.setNoteOpen(false)}
      destroyOnHidden
    >
      <RefusalNotice handle={refusal} at="note" />
      <Form form={adder.noteForm} layout="vertical" preserve={false}>
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
  );
}
