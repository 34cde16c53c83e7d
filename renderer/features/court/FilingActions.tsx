// 处理: the steps the court's clock allows now — accept with a case number, refuse, request
// supplements, extend once, rule — and, once ruled, the ruling to view and download and the receipt
// to export. Steps that sign ask for the court key's passphrase first (as agreement signing does).
// A refused step keeps its dialog open with the reason; a filing changed elsewhere is reloaded.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Descriptions, Flex, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { courtClock, courtToday } from '../../../shared/confirmation/court/court-clock';
import { layerOf, SUPPLEMENT_ITEM_OF_CHECK, type CourtFiling, type SupplementRecord } from '../../../shared/confirmation/court/filing';
import type { StoreResult } from '../../kit/result';
import { useServices } from '../../app/services';
import { useSession } from '../auth/session';
import { usePassphrasePrompt } from '../identity/PassphrasePrompt';
import { formatDateTime } from '../cases/common/format';
import { useLang } from '../cases/common/useLang';
import { acceptFiling, extendFiling, proposeDocketNumber, refuseFiling } from './actions';
import { AcceptDialog, ExtendDialog, RefuseDialog, RuleDialog, SupplementDialog, type RuleValues } from './ActionDialogs';
import { exportReceipt, previewRuling, requestSupplement, ruleOnFiling, rulingPdf, supplementFiles, unauthenticatedInstitution } from './documents';
import { Section } from './Section';
import { RulingViewer } from './RulingViewer';
import { readCourtSettings } from './settings-store';
import { safeName, useCourtErrorText, zipOf } from './ui';

type DialogName = 'accept' | 'refuse' | 'supplement' | 'extend' | 'rule';

export function FilingActions({ filing, onChanged, onReload }: { filing: CourtFiling; onChanged(filing: CourtFiling): void; onReload(): Promise<void> }) {
  const { t } = useTranslation('court');
  const { db, platform } = useServices();
  const { user } = useSession();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useCourtErrorText();
  const { ask, prompt } = usePassphrasePrompt();
  const [open, setOpen] = useState<DialogName | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [proposed, setProposed] = useState<string | null>(null);
  const [judge, setJudge] = useState('');
  const [viewing, setViewing] = useState<Uint8Array | null>(null);
  const [pageError, setPageError] = useState<string | null>(null);

  const today = courtToday(new Date());
  const clock = courtClock(filing.clock, today);
  const checklistMissing = filing.checks.some((c) => !c.ok && layerOf(c.id) === 'checklist');
  const suggested = useMemo(
    () =>
      filing.checks
        .filter((c) => !c.ok && SUPPLEMENT_ITEM_OF_CHECK[c.id])
        .map((c) => ({ item: SUPPLEMENT_ITEM_OF_CHECK[c.id] as NonNullable<(typeof SUPPLEMENT_ITEM_OF_CHECK)[string]>, detail: t(`checks.${c.id.replace(/\./g, '_')}`) })),
    [filing.checks, t],
  );

  useEffect(() => {
    void readCourtSettings(db).then((s) => setJudge(s.judge));
  }, [db]);

  const show = async (name: DialogName) => {
    setError(null);
    if (name === 'accept') setProposed(await proposeDocketNumber(db));
    setOpen(name);
  };

  /** Runs a step; on success closes the dialog and shows the new filing, otherwise says why. */
  const step = async <T,>(run: () => Promise<StoreResult<T> | null>, done: (value: T) => string | null, next: (value: T) => CourtFiling): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      const result = await run();
      if (result === null) return null; // the passphrase prompt was cancelled
      if (!result.ok) {
        setError(errorText(result.error));
        if (result.error.code === 'court.filing_changed') await onReload();
        return null;
      }
      onChanged(next(result.value));
      setOpen(null);
      const said = done(result.value);
      if (said) void message.success(said);
      return result.value;
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      return null;
    } finally {
      setBusy(false);
    }
  };

  /** The passphrase when the court key needs one; null when the clerk cancelled. */
  const withKey = async <T,>(run: (passphrase: string | undefined) => Promise<StoreResult<T>>): Promise<StoreResult<T> | null> => {
    const answer = await ask();
    if (answer === null) return null;
    return run(answer.passphrase);
  };

  const passphraseOf = (passphrase: string | undefined) => (passphrase !== undefined ? { passphrase } : {});

  const save = async (name: string, bytes: Uint8Array, type: string) => {
    await platform.files.saveFile(name, bytes, type);
  };

  const downloadRuling = async () => {
    setPageError(null);
    const pdf = await rulingPdf(platform, filing);
    if (!pdf) return setPageError(errorText({ code: 'court.blob_missing', params: { what: 'PDF' } }));
    await save(`民事裁定书-${safeName(filing.docketNumber ?? filing.packageSha256.slice(0, 12))}.pdf`, pdf, 'application/pdf');
  };

  const viewRuling = async () => {
    setPageError(null);
    const pdf = await rulingPdf(platform, filing);
    if (!pdf) return setPageError(errorText({ code: 'court.blob_missing', params: { what: 'PDF' } }));
    setViewing(pdf);
  };

  const receipt = async () => {
    setPageError(null);
    setBusy(true);
    try {
      const run = filing.receipt ? () => exportReceipt(db, platform, user, filing.id, filing.rev, {}) : () => withKey((passphrase) => exportReceipt(db, platform, user, filing.id, filing.rev, passphraseOf(passphrase)));
      const result = await run();
      if (result === null) return;
      if (!result.ok) {
        setPageError(errorText(result.error));
        if (result.error.code === 'court.filing_changed') await onReload();
        return;
      }
      onChanged(result.value.filing);
      const name = `回执-${safeName(filing.docketNumber ?? filing.packageSha256.slice(0, 12))}.zip`;
      await save(name, zipOf(result.value.files), 'application/zip');
      void message.success(t('actions.receiptDone', { name }));
    } finally {
      setBusy(false);
    }
  };

  const supplementDownload = async (record: SupplementRecord) => {
    const files = await supplementFiles(platform, record).catch((caught: unknown) => {
      setPageError(caught instanceof Error ? caught.message : String(caught));
      return null;
    });
    if (files) await save(`补正通知-${safeName(filing.docketNumber ?? filing.package?.packageId ?? filing.packageSha256.slice(0, 12))}-${record.requestedAt.slice(0, 10)}.zip`, zipOf(files), 'application/zip');
  };

  /** What every step dialog shares: whether it is open, the step running, its refusal, closing. */
  const dialog = (name: DialogName) => ({ open: open === name, busy, error, onCancel: () => setOpen(null) });

  // A superseded filing takes no more steps: the case continues on the new version.
  const awaiting = !filing.supersededBy && (clock.stage === 'awaiting_acceptance' || clock.stage === 'awaiting_decision');
  const verified = filing.verdict === 'verified';
  const ruling = filing.ruling;

  return (
    <Section title={t('actions.title')}>
      <Flex vertical gap={12}>
        {pageError && <Alert type="error" showIcon role="alert" message={pageError} />}
        <Space wrap>
          {awaiting && clock.stage === 'awaiting_acceptance' && verified && (
            <Button type="primary" onClick={() => void show('accept')}>
              {t('actions.accept')}
            </Button>
          )}
          {awaiting && clock.stage === 'awaiting_acceptance' && (
            <Button danger onClick={() => void show('refuse')}>
              {t('actions.refuse')}
            </Button>
          )}
          {awaiting && verified && <Button onClick={() => void show('supplement')}>{t('actions.supplement')}</Button>}
          {awaiting && clock.mayExtend && <Button onClick={() => void show('extend')}>{t('actions.extend')}</Button>}
          {awaiting && clock.stage === 'awaiting_decision' && (
            <Button type="primary" onClick={() => void show('rule')}>
              {t('actions.rule')}
            </Button>
          )}
          {ruling && (
            <>
              <Button onClick={() => void viewRuling()}>{t('actions.viewRuling')}</Button>
              <Button onClick={() => void downloadRuling()}>{t('actions.downloadRuling')}</Button>
              <Button type="primary" loading={busy} onClick={() => void receipt()}>
                {t('actions.exportReceipt')}
              </Button>
            </>
          )}
        </Space>
        {!awaiting && !ruling && <Typography.Text type="secondary">{t('actions.noneLeft')}</Typography.Text>}
        {ruling && (
          <Descriptions size="small" column={1} title={t('ruling.title')}>
            <Descriptions.Item label={t('ruling.title')}>
              {t('ruling.summary', { date: ruling.decidedOn, outcome: t(`ruling.${ruling.outcome}`), judge: ruling.judge, clerk: ruling.clerk })}
            </Descriptions.Item>
            {ruling.grounds.length > 0 && <Descriptions.Item label={t('ruleDialog.grounds')}>{ruling.grounds.map((g) => t(`grounds.${g}`)).join('；')}</Descriptions.Item>}
            {ruling.identityAcknowledged && (
              <Descriptions.Item label={t('ruling.identityAcknowledged')}>
                {t('ruling.identityAcknowledgedText', { name: ruling.identityAcknowledged.institution, mismatch: ruling.identityAcknowledged.mismatch ? t('ruling.identityMismatch') : '' })}
              </Descriptions.Item>
            )}
            {filing.receipt && <Descriptions.Item label={t('actions.exportReceipt')}>{t('ruling.receiptIssued', { date: formatDateTime(filing.receipt.issuedAt, lang) })}</Descriptions.Item>}
          </Descriptions>
        )}
        {filing.supplements.length > 0 && (
          <List
            size="small"
            header={t('supplementDialog.history')}
            dataSource={filing.supplements}
            renderItem={(record) => (
              <List.Item
                actions={[
                  <Button key="download" size="small" onClick={() => void supplementDownload(record)}>
                    {t('supplementDialog.download')}
                  </Button>,
                ]}
              >
                {t('supplementDialog.historyItem', { date: formatDateTime(record.requestedAt, lang), due: record.dueOn, items: record.missing.map((m) => `${t(`supplementDialog.items.${m.item}`)}（${m.detail}）`).join('；') })}
              </List.Item>
            )}
          />
        )}
      </Flex>

      <AcceptDialog
        {...dialog('accept')}
        proposed={proposed}
        checklistMissing={checklistMissing}
        onSubmit={(v) => void step(() => acceptFiling(db, user, filing.id, filing.rev, v.docketNumber), (f) => t('actions.accepted', { number: f.docketNumber ?? '' }), (f) => f)}
      />
      <RefuseDialog {...dialog('refuse')} onSubmit={(v) => void step(() => refuseFiling(db, user, filing.id, filing.rev, v.reason), () => t('actions.refusedDone'), (f) => f)} />
      <SupplementDialog
        {...dialog('supplement')}
        suggested={suggested}
        today={today}
        onSubmit={(v) =>
          void step(
            () => withKey((passphrase) => requestSupplement(db, platform, user, filing.id, filing.rev, { ...v, ...passphraseOf(passphrase) })),
            () => t('actions.supplementDone'),
            (r) => r.filing,
          ).then(async (r) => {
            if (r) await save(`补正通知-${safeName(r.filing.docketNumber ?? r.filing.package?.packageId ?? r.filing.packageSha256.slice(0, 12))}.zip`, zipOf(r.files), 'application/zip');
          })
        }
      />
      <ExtendDialog {...dialog('extend')} from={clock.decideBy} onSubmit={() => void step(() => extendFiling(db, user, filing.id, filing.rev), (f) => t('actions.extended', { date: courtClock(f.clock, today).decideBy ?? '' }), (f) => f)} />
      <RuleDialog
        {...dialog('rule')}
        judge={judge}
        unauthenticated={unauthenticatedInstitution(filing)}
        onPreview={async (v: RuleValues) => {
          setError(null);
          const previewed = await previewRuling(db, user, filing.id, filing.rev, v);
          if (previewed.ok) return previewed.value.text;
          setError(errorText(previewed.error));
          if (previewed.error.code === 'court.filing_changed') await onReload();
          return null;
        }}
        onSubmit={(v) => void step(() => withKey((passphrase) => ruleOnFiling(db, platform, user, filing.id, filing.rev, { ...v, ...passphraseOf(passphrase) })), () => t('actions.ruled'), (f) => f)}
      />
      <RulingViewer bytes={viewing} title={t('ruling.viewer', { number: filing.docketNumber ?? '' })} onClose={() => setViewing(null)} />
      {prompt}
    </Section>
  );
}
