// The dialogs that record a legal act by hand: an oral agreement's content, a paper filing from the
// court's acknowledgement, a paper ruling from its scan. The store refuses what is missing by field;
// the refusal is shown beside the field (or above the form for the case's status), and nothing
// typed is lost.
import { useEffect, useId, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Case, User } from '../../../shared/domain/model';
import type { RulingOutcome } from '../../../shared/confirmation/court/ruling';
import { useServices } from '../../app/services';
import { formFieldErrors, translateCode } from '../../kit/translate';
import { openedFileFromBrowserFile } from '../../platform/browser';
import { CaseChangedError, type StoreResult } from '../../kit/result';
import { useCommand } from '../../kit/useCommand';
import type { EvidenceFile } from '../evidence';
import { recordOralAgreement, recordPaperFiling, registerPaperRuling } from './store';

export const RECORDED_ACTS = ['oral_agreement', 'paper_filing', 'paper_ruling'] as const;
export type RecordedAct = (typeof RECORDED_ACTS)[number];

const NAMESPACES = ['acts', 'cases'] as const;

export interface ActDialogProps {
  act: RecordedAct;
  record: Case;
  user: User;
  today: string;
  onClose(): void;
  onSaved(saved: Case): void;
  onChanged(current: Case): void;
}

interface Values {
  content?: string;
  reachedOn?: Dayjs;
  court?: string;
  receivedOn?: Dayjs;
  courtCaseNumber?: string;
  decidedOn?: Dayjs;
  outcome?: RulingOutcome;
  grounds?: string;
}

const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/** A file input is not a controlled field: its refusal is kept beside it here, not in the form. */
function ScanInput({ label, help, error, onFile }: { label: string; help: string; error: string | null; onFile(file: File | null): void }) {
  return (
    <Form.Item label={label} extra={help} required validateStatus={error ? 'error' : ''} help={error ?? undefined}>
      <input type="file" accept=".pdf,application/pdf,image/*" aria-label={label} onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
    </Form.Item>
  );
}

export function ActDialog({ act, record, user, today, onClose, onSaved, onChanged }: ActDialogProps) {
  const { t } = useTranslation(['acts', 'cases', 'domain', 'app']);
  const { data, platform } = useServices();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const [scan, setScan] = useState<File | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  // The refusal is tied to the OK button, so a screen reader reads why with it.
  const refusalId = useId();
  const [scanError, setScanError] = useState<string | null>(null);
  // The court the institution files with, as a start for the court's name.
  useEffect(() => {
    if (act === 'oral_agreement') return;
    void data.institution.get().then((institution) => {
      if (institution && !form.getFieldValue('court')) form.setFieldValue('court', institution.court.name);
    });
  }, [act, data, form]);
  const title = t(`acts:${act === 'oral_agreement' ? 'oral' : act === 'paper_filing' ? 'filing' : 'ruling'}.title`);

  const save = useCommand((v: Values): Promise<StoreResult<{ case: Case }>> => {
    const evidence: EvidenceFile = scan ? { file: openedFileFromBrowserFile(scan), mediaType: scan.type } : { file: openedFileFromBrowserFile(new File([], '')), mediaType: '' };
    const context = { today };
    if (act === 'oral_agreement') return recordOralAgreement(data, platform, user, record.id, record.version, { content: v.content ?? '', reachedOn: day(v.reachedOn) }, context);
    if (act === 'paper_filing') return recordPaperFiling(data, platform, user, record.id, record.version, { court: v.court ?? '', receivedOn: day(v.receivedOn), scan: evidence }, context);
    return registerPaperRuling(data, platform, user, record.id, record.version, { court: v.court ?? '', courtCaseNumber: v.courtCaseNumber ?? '', decidedOn: day(v.decidedOn), outcome: v.outcome ?? 'confirmed', grounds: v.grounds ?? '', scan: evidence }, context);
  });
  const busy = save.busy;

  const submit = async () => {
    setRefusal(null);
    setScanError(null);
    form.setFields((['content', 'reachedOn', 'court', 'receivedOn', 'courtCaseNumber', 'decidedOn', 'grounds'] as const).map((name) => ({ name, errors: [] })));
    const result = await save.run(form.getFieldsValue());
    if (!result) return;
    if (result.ok) {
      void message.success(t('acts:done', { status: t(`domain:status.${result.value.case.status}`) }));
      onSaved(result.value.case);
      return;
    }
    const error = result.error;
    if (error instanceof CaseChangedError) {
      onChanged(error.current);
      return;
    }
    const all = formFieldErrors(t, error.fieldErrors, [], NAMESPACES);
    const fields = all.filter((f) => f.name[0] !== 'scan');
    form.setFields(fields);
    setScanError(all.find((f) => f.name[0] === 'scan')?.errors.join(' ') ?? null);
    // What no field shows (the case's status, a missing written agreement) is said above the form.
    if (all.length === 0) setRefusal(translateCode(t, error.code, error.params, NAMESPACES));
  };

  const pastOnly = (d: Dayjs) => d.format('YYYY-MM-DD') > today;
  const initial: Values = act === 'oral_agreement' ? { reachedOn: dayjs(today) } : act === 'paper_filing' ? { receivedOn: dayjs(today), court: '' } : { decidedOn: dayjs(today), outcome: 'confirmed' };

  // Disabled while saving rather than antd's loading state, whose icon stays in the button's
  // accessible name ("loading …") once it has ended.
  return (
    <Modal open title={title} okText={t(`acts:${act === 'oral_agreement' ? 'oral' : act === 'paper_filing' ? 'filing' : 'ruling'}.ok`)} cancelText={t('acts:cancel')} okButtonProps={{ disabled: busy, 'aria-describedby': refusal ? refusalId : undefined }} onOk={() => void submit()} onCancel={onClose} destroyOnHidden width={600}>
      <Form form={form} layout="vertical" initialValues={initial} name={`act-${act}`}>
        {act === 'oral_agreement' && (
          <>
            <Typography.Paragraph type="secondary">{t('acts:oral.intro')}</Typography.Paragraph>
            <Form.Item name="content" label={t('acts:oral.content')} extra={t('acts:oral.contentHelp')} required>
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} />
            </Form.Item>
            <Form.Item name="reachedOn" label={t('acts:oral.reachedOn')} required>
              <DatePicker aria-label={t('acts:oral.reachedOn')} disabledDate={pastOnly} allowClear={false} />
            </Form.Item>
          </>
        )}
        {act === 'paper_filing' && (
          <>
            <Typography.Paragraph type="secondary">{t('acts:filing.intro')}</Typography.Paragraph>
            <Form.Item name="court" label={t('acts:filing.court')} required>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="receivedOn" label={t('acts:filing.receivedOn')} extra={t('acts:filing.receivedOnHelp')} required>
              <DatePicker aria-label={t('acts:filing.receivedOn')} disabledDate={pastOnly} allowClear={false} />
            </Form.Item>
            <ScanInput label={t('acts:filing.scan')} help={t('acts:filing.scanHelp')} error={scanError} onFile={setScan} />
          </>
        )}
        {act === 'paper_ruling' && (
          <>
            <Typography.Paragraph type="secondary">{t('acts:ruling.intro')}</Typography.Paragraph>
            <Form.Item name="court" label={t('acts:ruling.court')} required>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="courtCaseNumber" label={t('acts:ruling.courtCaseNumber')} extra={t('acts:ruling.courtCaseNumberHelp')} required>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="decidedOn" label={t('acts:ruling.decidedOn')} required>
              <DatePicker aria-label={t('acts:ruling.decidedOn')} disabledDate={pastOnly} allowClear={false} />
            </Form.Item>
            <Form.Item name="outcome" label={t('acts:ruling.outcome')}>
              <Radio.Group
                options={[
                  { value: 'confirmed', label: t('acts:ruling.confirmed') },
                  { value: 'rejected', label: t('acts:ruling.rejected') },
                ]}
              />
            </Form.Item>
            {outcome === 'rejected' && (
              <Form.Item name="grounds" label={t('acts:ruling.grounds')} extra={t('acts:ruling.groundsHelp')} required>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
              </Form.Item>
            )}
            <ScanInput label={t('acts:ruling.scan')} help={t('acts:ruling.scanHelp')} error={scanError} onFile={setScan} />
          </>
        )}
      </Form>
      {refusal && (
        <div id={refusalId}>
          <Alert type="error" showIcon role="alert" message={t('acts:refused')} description={refusal} />
        </div>
      )}
    </Modal>
  );
}
