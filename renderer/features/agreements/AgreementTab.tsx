// The case's 协议 tab (issue 4): draft → finalise → hand signatures → digital signatures → signed,
// read-only; a change to a signed agreement is a new version, the old one kept and listed.
import { Alert, App, Button, Descriptions, Empty, Flex, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementContent, AgreementRecord } from '../../../shared/agreement/model';
import type { HandSignature } from '../../../shared/agreement/hand-signature';
import { confirmationDeadline } from '../../../shared/domain/deadlines';
import type { Case, Party, User } from '../../../shared/domain/model';
import { canEditCase } from '../../../shared/domain/permissions';
import { useServices } from '../../app/services';
import { translateCode, type FieldErrorLike } from '../../app/translate';
import { getParties } from '../cases/store';
import { readIdentity, needsPassphrase, summarizeIdentity } from '../identity/store';
import { mediatorNeedsPassphrase } from '../identity/mediators';
import { AgreementEditor } from './AgreementEditor';
import { AgreementPreview, renderPreview, unsignedPreviewInput } from './AgreementPreview';
import { agreementFonts } from '../../kit/pdf-fonts';
import { formPath } from './form-model';
import { problemField } from './problem-fields';
import { RefusalNotice, useRefusal, type RefusalItem } from '../../kit/refusal';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../cases/common/useLang';
import { printPdf } from './print';
import { SigningPanel } from './SigningPanel';
import type { SigningStep } from './signing-steps';
import { addHandSignature, createDraft, finaliseAgreement, readAgreements, reopenAgreement, saveDraft } from './store';

const ERROR_NAMESPACES = ['agreements', 'signatures', 'identity', 'evidence', 'cases'] as const;

interface Loaded {
  agreements: AgreementRecord[];
  parties: Party[];
  institutionName: string;
  mediator: { id: string; name: string };
  needs: { mediatorPassphrase: boolean; institutionPassphrase: boolean };
}

/** What the signers read before they sign: the finalised text with the signatures so far. */
function FinalPreview({ agreement, caseNumber, institutionName, mediator }: { agreement: AgreementRecord; caseNumber: string; institutionName: string; mediator: { id: string; name: string } }) {
  const input = useMemo(
    () => unsignedPreviewInput(agreement, agreement.content, agreement.parties ?? [], { caseNumber, institutionName, mediator }),
    [agreement, caseNumber, institutionName, mediator],
  );
  return <AgreementPreview input={input} />;
}

export function AgreementTab({ record, user, onCaseChanged }: { record: Case; user: User; onCaseChanged: () => void }) {
  const { t } = useTranslation(['agreements', 'domain', 'app']);
  const { db, platform } = useServices();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<SigningStep | null>(null);
  const [error, setError] = useState<{ text: string; list: string[] } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ name: (string | number)[]; errors: string[] }[]>([]);
  const refusal = useRefusal();
  const lang = useLang();
  // The editor's way to a field (scroll and focus), set while an editor is shown.
  const goToField = useRef<((name: (string | number)[]) => void) | null>(null);
  const canEdit = canEditCase(user, record);
  const isCaseMediator = user.role === 'mediator' && record.mediatorId === user.id;

  const errorText = useCallback((code: string, params?: Record<string, unknown>) => translateCode(t, code, params, ERROR_NAMESPACES), [t]);
  const translateErrors = useCallback(
    (errors: readonly FieldErrorLike[]) => {
      const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
      for (const error of errors) {
        const name = formPath(typeof error.path === 'string' ? [error.path] : (error.path ?? []));
        if (name.length === 0 || name[0] === 'parties') continue;
        const key = JSON.stringify(name);
        const entry = byField.get(key) ?? { name, errors: [] };
        entry.errors.push(errorText(error.code, error.params));
        byField.set(key, entry);
      }
      return [...byField.values()];
    },
    [errorText],
  );

  const load = useCallback(async () => {
    const [agreements, parties, institution, mediatorUser, identity] = await Promise.all([
      readAgreements(db, record.id),
      getParties(db, record.id),
      db.institution.get('institution'),
      record.mediatorId ? db.users.get(record.mediatorId) : Promise.resolve(undefined),
      readIdentity(db),
    ]);
    const institutionNeeds = identity ? needsPassphrase(identity, (await summarizeIdentity(identity)).keyId) : false;
    setLoaded({
      agreements,
      parties,
      institutionName: institution?.name ?? '',
      mediator: { id: record.mediatorId ?? '', name: mediatorUser?.displayName ?? '' },
      needs: { mediatorPassphrase: await mediatorNeedsPassphrase(db, user.id), institutionPassphrase: institutionNeeds },
    });
  }, [db, record.id, record.mediatorId, user.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const mediator = useMemo(() => loaded?.mediator ?? { id: '', name: '' }, [loaded?.mediator]);

  if (!loaded) return <Spin aria-label={t('tab.loading')} />;
  const latest = loaded.agreements.at(-1) ?? null;
  const shown = loaded.agreements.find((a) => a.version === selected) ?? latest;

  /** Each problem with the field it is about, and a way there when the field is on the editor. */
  const refusalItems = (problems: readonly FieldErrorLike[], content: AgreementContent | null): RefusalItem[] =>
    problems.map((p) => {
      const path = typeof p.path === 'string' ? [p.path] : [...(p.path ?? [])];
      const field = content ? problemField(path, content, t) : null;
      const name = field?.name ?? null;
      return {
        text: errorText(p.code, p.params),
        ...(field ? { field: field.label } : {}),
        ...(name ? { go: () => goToField.current?.(name) } : {}),
      };
    });

  /** A refusal of the step at control `at`, shown beside it; without `at`, at the top of the tab. */
  const failed = (code: string, params: Record<string, unknown>, problems: readonly FieldErrorLike[] = [], at?: string, content: AgreementContent | null = null) => {
    setFieldErrors(translateErrors(problems));
    if (at) {
      setError(null);
      refusal.refuse(at, errorText(code, params), refusalItems(problems, content));
      return;
    }
    setError({ text: errorText(code, params), list: problems.map((p) => errorText(p.code, p.params)) });
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    refusal.clear();
    try {
      await work();
    } catch (error) {
      // Not a refusal the stores explain: say what happened; nothing was recorded half-way.
      setError({ text: t('tab.unexpected', { message: (error as Error).message }), list: [] });
    } finally {
      setBusy(false);
      setStep(null);
    }
  };

  const startDraft = (at: 'draft' | 'newVersion' = 'draft') =>
    run(async () => {
      const result = await createDraft(db, user, record.id);
      if (!result.ok) return failed(result.error.code, result.error.params, [], at);
      setSelected(result.value.version);
      await load();
    });

  const onSave = (content: AgreementContent, then: 'save' | 'finalise') =>
    run(async () => {
      if (!shown) return;
      const saved = await saveDraft(db, user, shown.id, shown.rev, content);
      if (!saved.ok) return failed(saved.error.code, saved.error.params, saved.error.fieldErrors, then, content);
      setFieldErrors([]);
      if (then === 'finalise') {
        const [{ fontCoverage }, fonts] = await Promise.all([import('../../../shared/agreement/pdf/fonts'), agreementFonts()]);
        const final = await finaliseAgreement(db, user, saved.value.id, saved.value.rev, fontCoverage(fonts).any);
        await load();
        if (!final.ok) return failed(final.error.code, final.error.params, final.error.fieldErrors, 'finalise', content);
        void message.success(t('editor.finalised'));
      } else {
        await load();
        void message.success(t('editor.saved'));
      }
    });

  const onHandSignature = async (signature: HandSignature): Promise<boolean> => {
    if (!shown) return false;
    const result = await addHandSignature(db, platform, user, shown.id, shown.rev, signature);
    if (!result.ok) {
      failed(result.error.code, result.error.params, [], 'handSignature');
      return false;
    }
    setError(null);
    await load();
    return true;
  };

  const onReopen = () =>
    run(async () => {
      if (!shown) return;
      const result = await reopenAgreement(db, user, shown.id, shown.rev);
      if (!result.ok) return failed(result.error.code, result.error.params, [], 'reopen');
      await load();
    });

  const onSign = (passphrases: { mediatorPassphrase?: string; institutionPassphrase?: string }) =>
    run(async () => {
      if (!shown) return;
      const { signAgreement } = await import('./signing');
      const result = await signAgreement(db, platform, user, shown.id, shown.rev, { ...passphrases, onStep: setStep });
      await load();
      // A checkpoint that failed after the agreement was recorded still moved the case.
      if (result.ok || result.error.code === 'agreement.checkpoint_failed') onCaseChanged();
      if (!result.ok) return failed(result.error.code, result.error.params, [], 'sign');
      void message.success(t('signed.done'));
    });

  const pdfOf = async (agreement: AgreementRecord): Promise<Uint8Array | null> => (agreement.signed ? platform.blobs.get(agreement.signed.pdfSha256) : null);
  const fileName = (agreement: AgreementRecord, suffix = '') => `人民调解协议书-${record.number}-第${agreement.version}版${suffix}.pdf`.replace(/[\\/:*?"<>|]/g, '_');

  const save = (agreement: AgreementRecord) =>
    run(async () => {
      const bytes = await pdfOf(agreement);
      if (!bytes) return failed('agreement.pdf_missing', {});
      const savedFile = await platform.files.saveFile(fileName(agreement), bytes, 'application/pdf');
      if (savedFile) void message.success(t('signed.savedAs', { name: savedFile.name }));
    });

  const print = (agreement: AgreementRecord) =>
    run(async () => {
      const bytes = await pdfOf(agreement);
      if (!bytes) return failed('agreement.pdf_missing', {});
      await printPdf(bytes);
    });

  const translation = (agreement: AgreementRecord) =>
    run(async () => {
      const bytes = await renderPreview({
        caseNumber: record.number,
        parties: agreement.parties ?? loaded.parties,
        content: agreement.content,
        institutionName: loaded.institutionName,
        mediator,
        signatures: agreement.handSignatures.map((h) => h.signature),
        version: agreement.version,
        draft: agreement.status !== 'signed' && agreement.status !== 'superseded',
        language: 'en-US',
      });
      await platform.files.saveFile(fileName(agreement, '-English'), bytes, 'application/pdf');
    });

  const editing = shown !== null && shown.status === 'draft' && shown === latest && canEdit;
  const signing = shown !== null && shown.status === 'final' && canEdit;

  const statusTag = (a: AgreementRecord) => <Tag color={{ draft: 'default', final: 'blue', signed: 'green', superseded: 'orange' }[a.status]}>{t(`status.${a.status}`)}</Tag>;

  return (
    <Flex vertical gap={12}>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={error.text}
          description={error.list.length > 0 ? <List size="small" dataSource={error.list} renderItem={(item) => <List.Item>{item}</List.Item>} aria-label={t('editor.problems')} /> : undefined}
          closable
          onClose={() => setError(null)}
        />
      )}
      {!shown ? (
        <Empty description={t('tab.none')}>
          {canEdit && (
            <Flex vertical gap={8} align="center">
              <Button type="primary" onClick={() => void startDraft()} loading={busy} aria-describedby={refusal.describedBy('draft')}>
                {t('tab.draft')}
              </Button>
              <RefusalNotice handle={refusal} at="draft" />
            </Flex>
          )}
        </Empty>
      ) : (
        <>
          <Flex gap={12} align="center" wrap>
            <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
              {t('tab.title', { version: shown.version })}
            </Typography.Title>
            {statusTag(shown)}
            {loaded.agreements.length > 1 && (
              <Select
                aria-label={t('tab.versions')}
                value={shown.version}
                onChange={(v) => setSelected(v)}
                options={loaded.agreements.map((a) => ({ value: a.version, label: `${t('tab.versionLabel', { version: a.version })} · ${t(`status.${a.status}`)}` }))}
                style={{ minWidth: 200 }}
              />
            )}
          </Flex>
          {editing && (
            <AgreementEditor
              key={`${shown.id}-${shown.rev}`}
              agreement={shown}
              parties={loaded.parties}
              category={record.category}
              amountFen={record.amountFen}
              caseNumber={record.number}
              institutionName={loaded.institutionName}
              mediator={mediator}
              busy={busy}
              fieldErrors={fieldErrors}
              onSave={(content, then) => void onSave(content, then)}
              onInvalid={(errors, then) => {
                setFieldErrors(errors);
                setError(null);
                refusal.refuse(
                  then,
                  t('editor.fixFields'),
                  errors.flatMap((e) => {
                    const field = problemField(e.name, shown.content, t);
                    return e.errors.map((text) => ({ text, ...(field ? { field: field.label } : {}), go: () => goToField.current?.(e.name) }));
                  }),
                );
              }}
              translateErrors={translateErrors}
              refusal={refusal}
              goToFieldRef={goToField}
            />
          )}
          {signing && (
            <>
              <SigningPanel
                agreement={shown}
                parties={shown.parties ?? loaded.parties}
                mediator={mediator}
                isCaseMediator={isCaseMediator}
                needs={loaded.needs}
                busy={busy}
                step={step}
                onHandSignature={onHandSignature}
                onReopen={() => void onReopen()}
                onSign={(p) => void onSign(p)}
                refusal={refusal}
              />
              <FinalPreview agreement={shown} caseNumber={record.number} institutionName={loaded.institutionName} mediator={mediator} />
            </>
          )}
          {!editing && !signing && (
            <Flex vertical gap={8}>
              {shown.signed ? (
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { key: 'signedAt', label: t('signed.signedAt'), children: formatDateTime(shown.signed.signedAt, lang) },
                    { key: 'effective', label: t('signed.effectiveOn'), children: shown.signed.effectiveOn },
                    { key: 'deadline', label: t('signed.confirmationDeadline'), children: confirmationDeadline(shown.signed.effectiveOn) },
                    { key: 'sha', label: t('signed.sha256'), children: <Typography.Text copyable={{ text: shown.signed.pdfSha256 }} code>{shown.signed.pdfSha256.slice(0, 16)}…</Typography.Text> },
                    { key: 'mediator', label: t('signed.mediatorCertificate'), children: <Typography.Text code>{shown.signed.mediatorFingerprint.slice(0, 23)}…</Typography.Text> },
                    { key: 'institution', label: t('signed.institutionCertificate'), children: <Typography.Text code>{shown.signed.institutionFingerprint.slice(0, 23)}…</Typography.Text> },
                  ]}
                />
              ) : (
                <Alert type="info" showIcon message={t('tab.readOnly')} />
              )}
              {shown.status === 'superseded' && <Alert type="warning" showIcon message={t('signed.superseded')} />}
              <Space wrap>
                {shown.signed && (
                  <>
                    <Button onClick={() => void save(shown)} disabled={busy}>
                      {t('signed.save')}
                    </Button>
                    <Button onClick={() => void print(shown)} disabled={busy}>
                      {t('signed.print')}
                    </Button>
                  </>
                )}
                <Button onClick={() => void translation(shown)} disabled={busy}>
                  {t('signed.translation')}
                </Button>
                {canEdit && shown === latest && shown.status === 'signed' && (
                  <Button onClick={() => void startDraft('newVersion')} disabled={busy} aria-describedby={refusal.describedBy('newVersion')}>
                    {t('signed.newVersion')}
                  </Button>
                )}
              </Space>
              <RefusalNotice handle={refusal} at="newVersion" />
            </Flex>
          )}
        </>
      )}
    </Flex>
  );
}
