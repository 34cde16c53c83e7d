// The case's 司法确认 tab (issue 6, the mediation center's side): the joint application from the
// signed agreement (court, jurisdiction, service addresses, the parties' undertakings and hand
// signatures, the institution's digital signature), the materials chosen from the ledger, the
// legal checklist and the 30-day window, the package built with progress and cancel, saved for the
// court, and the court's receipt imported.
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Flex, Input, List, Progress, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandSignature } from '../../../shared/agreement/hand-signature';
import { UNDERTAKINGS } from '../../../shared/confirmation/application/model';
import type { BuildProgress } from '../../../shared/confirmation/build';
import type { CenterApplication, Material } from '../../../shared/confirmation/center-record';
import { JURISDICTION_REASONS } from '../../../shared/confirmation/manifest';
import { DEFAULT_ZIP_LIMITS, openZip } from '../../../shared/confirmation/zip-reader';
import { bytesSource } from '../../../shared/confirmation/zip-source';
import type { Case, Party, User } from '../../../shared/domain/model';
import { orderParties } from '../../../shared/domain/party-order';
import { canEditCase } from '../../../shared/domain/permissions';
import type { SupplementRequest } from '../../../shared/confirmation/court/supplement';
import type { LedgerEntry } from '../../../shared/ledger/entry';
import { useServices } from '../../app/services';
import { translateCode } from '../../app/translate';
import { useSession } from '../auth/session';
import { getParties } from '../cases/store';
import { readLedgerRows } from '../evidence/store';
import { needsPassphrase, readIdentity, summarizeIdentity } from '../identity/store';
import { SignatureDialog, type Signer } from '../signatures/SignatureDialog';
import { reportedChecks, useSaidText } from '../../kit/verifier-texts';
import { LastSubmission, SubmitToCourt } from './SubmitToCourt';
import { focusById, RefusalNotice, useRefusal, type RefusalItem } from '../../kit/refusal';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../cases/common/useLang';
import {
  addApplicationSignature,
  buildApplicationPackage,
  importReceipt,
  receiveSupplementRequest,
  readApplications,
  readiness,
  recordSubmitted,
  saveDetails,
  signApplication,
  startApplication,
  type ApplicationDetails,
  type Readiness,
  type ReceiptFiles,
} from './store';

const ERROR_NAMESPACES = ['confirmation', 'agreements', 'identity', 'evidence', 'signatures', 'cases'] as const;
type MaterialChoice = 'none' | 'property' | 'evidence' | `identity:${string}` | `authority:${string}`;

function choiceOf(material: Material | undefined): MaterialChoice {
  if (!material) return 'none';
  if (material.role === 'identity' || material.role === 'authority') return `${material.role}:${material.party ?? ''}`;
  return material.role;
}

function materialOf(seq: number, choice: MaterialChoice): Material | null {
  if (choice === 'none') return null;
  if (choice === 'property' || choice === 'evidence') return { ledgerSeq: seq, role: choice, party: null };
  const [role, party] = choice.split(':') as ['identity' | 'authority', string];
  return { ledgerSeq: seq, role, party };
}

/** The id of an undertaking's checkbox, so a refusal naming it can take the user there. */
const undertakingId = (u: string) => `undertaking-${u}`;
const undertakingFocus = (u: string) => () => focusById(undertakingId(u));

export function ConfirmationTab({ record, user, onCaseChanged }: { record: Case; user: User; onCaseChanged: () => void }) {
  const { t } = useTranslation(['confirmation', 'domain', 'app']);
  const { db, platform } = useServices();
  const { institution } = useSession();
  const { message, modal } = App.useApp();
  const [applications, setApplications] = useState<CenterApplication[] | null>(null);
  const [parties, setParties] = useState<Party[]>([]);
  const [entries, setEntries] = useState<LedgerEntry[]>([]);
  const [ready, setReady] = useState<Readiness | null>(null);
  const [passphraseNeeded, setPassphraseNeeded] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const refusal = useRefusal();
  const lang = useLang();
  /** A refusal shown beside control `at` ('tab' when no control was pressed: the top of the tab). */
  const refuse = useCallback((at: string, text: string, items: readonly RefusalItem[] = []) => refusal.refuse(at, text, items), [refusal]);
  const [busy, setBusy] = useState<string | null>(null);
  const [signing, setSigning] = useState<Signer | null>(null);
  const [progress, setProgress] = useState<BuildProgress | null>(null);
  const cancel = useRef<AbortController | null>(null);
  const [pending, setPending] = useState<{ id: string; details: ApplicationDetails } | null>(null);
  const saves = useRef<Promise<void>>(Promise.resolve());
  const [supplement, setSupplement] = useState<SupplementRequest | null>(null);
  const canEdit = canEditCase(user, record) && user.role !== 'clerk';
  const current = applications?.at(-1) ?? null;

  const errorText = useCallback((code: string, params?: Record<string, unknown>) => translateCode(t, code, params, ERROR_NAMESPACES), [t]);
  const said = useSaidText();
  const fail = useCallback(
    (failure: { code: string; params: Record<string, unknown> }, at = 'tab') => {
      const gaps = typeof failure.params.gaps === 'string' ? (JSON.parse(failure.params.gaps) as { code: string; message: string; name: string; undertaking?: string }[]) : null;
      const checks = reportedChecks(failure.params.checks);
      const items: RefusalItem[] | null = gaps
        ? gaps.map((g) => {
            // Each undertaking by its words, and the way to its checkbox (issue 15 item 5).
            const undertaking = g.undertaking ? t(`confirmation:undertaking.${g.undertaking}`) : '';
            const go = g.undertaking ? undertakingFocus(g.undertaking) : undefined;
            return { text: t(`confirmation:gap.${g.code.replace('application.', '')}`, { name: g.name, undertaking, defaultValue: g.message }), ...(go ? { go, goName: undertaking } : {}) };
          })
        : null;
      const list = checks
        ? checks.map(said)
        : items
        ? []
        : typeof failure.params.list === 'string'
          ? failure.params.list.split('\n').filter(Boolean)
          : typeof failure.params.missing === 'string'
            ? failure.params.missing.split(',').map((id) => t(`confirmation:check.${id}.missing`, { defaultValue: id }))
            : [];
      refuse(at, errorText(failure.code, failure.params), items ?? list.map((text) => ({ text })));
    },
    [errorText, said, t, refuse],
  );

  const reload = useCallback(async () => {
    const [list, people, rows, identity] = await Promise.all([readApplications(db, record.id), getParties(db, record.id), readLedgerRows(db, record.id), readIdentity(db)]);
    setApplications(list);
    setParties(people);
    setEntries(rows.map((r) => r.entry));
    setPassphraseNeeded(identity ? needsPassphrase(identity, (await summarizeIdentity(identity)).keyId) : false);
    const latest = list.at(-1);
    setReady(latest && !latest.built ? await readiness(db, user, latest.id) : null);
  }, [db, record.id, user]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const run = async <T,>(name: string, action: () => Promise<{ ok: true; value: T } | { ok: false; error: { code: string; params: Record<string, unknown> } }>, done?: (value: T) => void) => {
    setBusy(name);
    refusal.clear();
    const result = await action();
    setBusy(null);
    if (!result.ok) {
      // A field's save is refused at the top of the tab, a step beside its button.
      fail(result.error, name === 'save' ? 'tab' : name);
      // What the screen showed was not saved: show what is.
      setPending(null);
      await reload().catch(() => undefined);
      return;
    }
    done?.(result.value);
    await reload();
    // Only these change the case itself (its status, its ledger); the others touch the application alone.
    if (['build', 'export', 'receipt', 'sign'].includes(name)) onCaseChanged();
  };

  if (!applications) return <Spin aria-label={t('confirmation:loading')} />;
  const principals = orderParties(parties).filter((p) => p.kind !== 'agent');
  const agents = orderParties(parties).filter((p) => p.kind === 'agent');
  const files = entries.filter((e) => e.kind === 'file' && e.action !== 'withdraw' && !entries.some((w) => w.action === 'withdraw' && w.refersTo === e.seq));

  const errorBox = <RefusalNotice handle={refusal} at="tab" />;

  if (!current) {
    const agreementSigned = record.agreementEffectiveOn !== null;
    return (
      <Flex vertical gap={12}>
        {errorBox}
        <Empty description={agreementSigned ? t('confirmation:start.ready') : t('confirmation:start.needAgreement')}>
          {agreementSigned && canEdit && (
            <Flex vertical gap={8} align="center">
              <Button type="primary" loading={busy === 'start'} onClick={() => void run('start', () => startApplication(db, user, record.id))} aria-describedby={refusal.describedBy('start')}>
                {t('confirmation:start.button')}
              </Button>
              <RefusalNotice handle={refusal} at="start" />
            </Flex>
          )}
        </Empty>
      </Flex>
    );
  }

  const locked = current.application !== null || !canEdit;
  // What the screen shows changes at once; the saved record follows (and wins if the save fails).
  const details: ApplicationDetails = pending?.id === current.id ? pending.details : { jurisdiction: current.jurisdiction, serviceAddresses: current.serviceAddresses, undertakings: current.undertakings, materials: current.materials, concernsProperty: current.concernsProperty };
  const save = (patch: Partial<ApplicationDetails>) => {
    const next = { ...details, ...patch };
    setPending({ id: current.id, details: next });
    // One save after another, each the whole form as shown: quick clicks never race.
    saves.current = saves.current.then(() => run('save', () => saveDetails(db, user, current.id, null, next))).catch(() => undefined);
  };
  const passphraseField = passphraseNeeded && (
    <Input.Password value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-label={t('confirmation:passphrase')} placeholder={t('confirmation:passphrase')} autoComplete="off" style={{ maxWidth: 280 }} />
  );

  const exportPackage = async () => {
    if (!current.built) return;
    setBusy('export');
    let saved: { name: string } | null;
    try {
      // Streamed from the blob store to the file: a package of gigabytes never sits in memory.
      saved = await platform.files.saveBlob(`${current.built.packageId}.zip`, current.built.sha256, 'application/zip');
    } catch (failure) {
      setBusy(null);
      return refuse('export', t('confirmation:package.exportFailed', { detail: (failure as Error).message }));
    }
    setBusy(null);
    if (!saved) return;
    const name = saved.name;
    await run('export', () => recordSubmitted(db, user, current.id), () => void message.success(t('confirmation:package.exported', { name })));
  };

  /** A signed pair (json + p7s): one zip holding both, or the json file and then its signature. */
  const openSignedPair = async (json: string, signature: string, title: string): Promise<{ json: Uint8Array; p7s: Uint8Array; pdf: Uint8Array | null } | null> => {
    const first = await platform.files.openFile({ accept: ['.zip', '.json'], title });
    if (!first) return null;
    const bytes = await first.readBytes();
    if (!first.name.toLowerCase().endsWith('.zip')) {
      const p7s = await platform.files.openFile({ accept: ['.p7s'], title: t('confirmation:receipt.openSignature') });
      return p7s ? { json: bytes, p7s: await p7s.readBytes(), pdf: null } : null;
    }
    try {
      // The court's zip is read like any package: the hardened reader, exact names, bounded sizes.
      const archive = await openZip(bytesSource(bytes), { ...DEFAULT_ZIP_LIMITS, maxEntries: 10, maxTotalBytes: 100 * 1024 * 1024 });
      const entryOf = (name: string) => archive.find(name);
      const jsonEntry = entryOf(json);
      const p7sEntry = entryOf(signature);
      const pdfEntry = entryOf('ruling.pdf');
      if (jsonEntry && p7sEntry) return { json: await archive.read(jsonEntry), p7s: await archive.read(p7sEntry), pdf: pdfEntry ? await archive.read(pdfEntry) : null };
    } catch {
      // Not a zip, or one the reader refuses: reported below like a zip without the files.
    }
    refuse(json === 'receipt.json' ? 'receipt' : 'supplement', t('confirmation:receipt.badZip'));
    return null;
  };

  const openReceipt = async () => {
    const pair = await openSignedPair('receipt.json', 'receipt.p7s', t('confirmation:receipt.open'));
    if (!pair) return;
    let ruling = pair.pdf;
    if (!ruling) {
      const file = await platform.files.openFile({ accept: ['.pdf'], title: t('confirmation:receipt.openRuling') });
      if (!file) return;
      ruling = await file.readBytes();
    }
    const files: ReceiptFiles = { json: pair.json, p7s: pair.p7s, ruling };
    await runTrusting('receipt', (trustSigner) => importReceipt(db, platform, user, current.id, files, trustSigner ? { trustSigner } : {}), ({ record: done }) =>
      void message.success(t(done.receipt?.outcome === 'confirmed' ? 'confirmation:receipt.confirmed' : 'confirmation:receipt.rejected', { docket: done.receipt?.courtCaseNumber })),
    );
  };

  /**
   * A court not yet registered: the mediator compares the certificate's fingerprint with the court
   * before anything it signed is accepted; confirming registers it and repeats the action.
   */
  const runTrusting = async <T,>(name: string, attempt: (trustSigner?: string) => Promise<{ ok: true; value: T } | { ok: false; error: { code: string; params: Record<string, unknown> } }>, done: (value: T) => void) => {
    const first = await attempt();
    if (first.ok) {
      done(first.value);
      await reload();
      onCaseChanged();
      return;
    }
    if (first.error.code !== 'confirmation.court_unknown') return void run(name, async () => first, done);
    const fingerprint = String(first.error.params.fingerprint);
    modal.confirm({
      title: t('confirmation:trust.title', { name: first.error.params.name }),
      content: (
        <>
          <p>{t('confirmation:trust.body')}</p>
          <Typography.Text code>{fingerprint}</Typography.Text>
        </>
      ),
      okText: t('confirmation:trust.ok'),
      cancelText: t('confirmation:trust.cancel'),
      onOk: () => run(name, () => attempt(fingerprint), done),
    });
  };

  const openSupplement = async () => {
    const pair = await openSignedPair('supplement.json', 'supplement.p7s', t('confirmation:supplement.open'));
    if (pair) await runTrusting('supplement', (trustSigner) => receiveSupplementRequest(db, user, current.id, pair, trustSigner ? { trustSigner } : {}), setSupplement);
  };

  const build = async () => {
    await saves.current;
    const controller = new AbortController();
    cancel.current = controller;
    setProgress({ path: '', bytesDone: 0, bytesTotal: 1 });
    await run('build', () => buildApplicationPackage(db, platform, user, current.id, null, { onProgress: setProgress, signal: controller.signal, ...(passphraseNeeded ? { passphrase } : {}) }), () => void message.success(t('confirmation:package.built')));
    cancel.current = null;
    setProgress(null);
  };

  return (
    <Flex vertical gap={16}>
      {errorBox}
      {applications.length > 1 && <Alert type="info" showIcon message={t('confirmation:version', { version: current.version })} />}

      <Card title={t('confirmation:application.title')} size="small" role="region" aria-label={t('confirmation:application.title')}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('confirmation:application.court')}>{institution.court.name || t('confirmation:application.noCourt')}</Descriptions.Item>
        </Descriptions>
        <Flex vertical gap={8}>
          <Flex gap={8} wrap align="center">
            <Typography.Text id="jurisdiction-label">{t('confirmation:application.jurisdiction')}</Typography.Text>
            <Select
              aria-labelledby="jurisdiction-label"
              value={details.jurisdiction.reason}
              disabled={locked}
              style={{ width: 260 }}
              options={JURISDICTION_REASONS.map((r) => ({ value: r, label: t(`confirmation:jurisdiction.${r}`) }))}
              onChange={(reason) => save({ jurisdiction: { ...details.jurisdiction, reason } })}
            />
          </Flex>
          <Input
            aria-label={t('confirmation:application.basis')}
            addonBefore={t('confirmation:application.basis')}
            defaultValue={current.jurisdiction.basis}
            key={`basis-${current.id}`}
            disabled={locked}
            maxLength={300}
            onBlur={(e) => e.target.value !== current.jurisdiction.basis && save({ jurisdiction: { ...details.jurisdiction, basis: e.target.value } })}
          />
          {principals.map((p) => (
            <Input
              key={`${current.id}-${p.id}`}
              aria-label={t('confirmation:application.serviceAddress', { name: p.name })}
              addonBefore={t('confirmation:application.serviceAddress', { name: p.name })}
              defaultValue={current.serviceAddresses[p.id] ?? ''}
              disabled={locked}
              maxLength={200}
              onBlur={(e) => e.target.value !== (current.serviceAddresses[p.id] ?? '') && save({ serviceAddresses: { ...details.serviceAddresses, [p.id]: e.target.value } })}
            />
          ))}
          <Typography.Text strong>{t('confirmation:application.undertakings')}</Typography.Text>
          {UNDERTAKINGS.map((u) => (
            <Checkbox key={u} id={undertakingId(u)} checked={details.undertakings[u]} disabled={locked} onChange={(e) => save({ undertakings: { ...details.undertakings, [u]: e.target.checked } })}>
              {t(`confirmation:undertaking.${u}`)}
            </Checkbox>
          ))}
          <Typography.Text strong>{t('confirmation:application.signatures')}</Typography.Text>
          <List
            size="small"
            dataSource={principals}
            renderItem={(p) => {
              const signed = current.handSignatures.some((s) => s.signerId === p.id);
              return (
                <List.Item
                  actions={
                    !locked
                      ? [
                          <Button key="sign" size="small" onClick={() => setSigning({ id: p.id, role: 'party', name: p.name })} aria-describedby={refusal.describedBy('hand')}>
                            {signed ? t('confirmation:application.signAgain', { name: p.name }) : t('confirmation:application.sign', { name: p.name })}
                          </Button>,
                        ]
                      : []
                  }
                >
                  {p.name} <Tag color={signed ? 'green' : 'default'}>{signed ? t('confirmation:application.signed') : t('confirmation:application.unsigned')}</Tag>
                </List.Item>
              );
            }}
          />
          <RefusalNotice handle={refusal} at="hand" />
          {current.application ? (
            <Alert type="success" showIcon role="status" message={t('confirmation:application.done', { date: current.application.date })} />
          ) : (
            canEdit && (
              <Space wrap>
                {passphraseField}
                <Button type="primary" loading={busy === 'sign'} onClick={() => void saves.current.then(() => run('sign', () => signApplication(db, platform, user, current.id, null, passphraseNeeded ? passphrase : undefined)))} aria-describedby={refusal.describedBy('sign')}>
                  {t('confirmation:application.signPdf')}
                </Button>
              </Space>
            )
          )}
          <RefusalNotice handle={refusal} at="sign" />
        </Flex>
      </Card>

      <Card title={t('confirmation:materials.title')} size="small" role="region" aria-label={t('confirmation:materials.title')}>
        <Checkbox checked={details.concernsProperty} disabled={!canEdit || current.built !== null} onChange={(e) => save({ concernsProperty: e.target.checked })}>
          {t('confirmation:materials.concernsProperty')}
        </Checkbox>
        <Table
          size="small"
          rowKey="seq"
          pagination={false}
          dataSource={files}
          locale={{ emptyText: t('confirmation:materials.none') }}
          columns={[
            { title: t('confirmation:materials.item'), render: (_, e: LedgerEntry) => `${e.seq + 1}. ${e.title}` },
            {
              title: t('confirmation:materials.role'),
              render: (_, e: LedgerEntry) => (
                <Select<MaterialChoice>
                  aria-label={t('confirmation:materials.roleOf', { title: e.title })}
                  value={choiceOf(details.materials.find((m) => m.ledgerSeq === e.seq))}
                  disabled={!canEdit || current.built !== null}
                  style={{ width: 240 }}
                  options={[
                    { value: 'none', label: t('confirmation:materials.none_') },
                    ...parties.map((p) => ({ value: `identity:${p.id}` as MaterialChoice, label: t('confirmation:materials.identity', { name: p.name }) })),
                    ...agents.map((p) => ({ value: `authority:${p.id}` as MaterialChoice, label: t('confirmation:materials.authority', { name: p.name }) })),
                    { value: 'property', label: t('confirmation:materials.property') },
                    { value: 'evidence', label: t('confirmation:materials.evidence') },
                  ]}
                  onChange={(choice) => {
                    const others = details.materials.filter((m) => m.ledgerSeq !== e.seq);
                    const chosen = materialOf(e.seq, choice);
                    save({ materials: chosen ? [...others, chosen] : others });
                  }}
                />
              ),
            },
          ]}
        />
      </Card>

      {ready && (
        <Card title={t('confirmation:check.title')} size="small" role="region" aria-label={t('confirmation:check.title')}>
          <ul aria-label={t('confirmation:check.title')} style={{ paddingInlineStart: 20, margin: 0 }}>
            {[{ id: 'checklist.application', ok: current.application !== null }, ...ready.checklist.filter((c) => c.id !== 'checklist.application')].map((c) => (
              <li key={c.id}>
                <Tag color={c.ok ? 'green' : 'red'}>{c.ok ? t('confirmation:check.present') : t('confirmation:check.absent')}</Tag>
                {t(`confirmation:check.${c.id}.${c.ok ? 'ok' : 'missing'}`)}
              </li>
            ))}
          </ul>
          {ready.deadline && (
            <Alert
              style={{ marginTop: 8 }}
              type={ready.deadline.daysLeft < 0 ? 'error' : ready.deadline.daysLeft <= 5 ? 'warning' : 'info'}
              showIcon
              message={ready.deadline.daysLeft < 0 ? t('confirmation:check.windowPassed', { date: ready.deadline.lastDay }) : t('confirmation:check.window', { date: ready.deadline.lastDay, count: ready.deadline.daysLeft })}
            />
          )}
        </Card>
      )}

      <Card title={t('confirmation:package.title')} size="small" role="region" aria-label={t('confirmation:package.title')}>
        {current.built ? (
          <Flex vertical gap={8}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('confirmation:package.id')}>{current.built.packageId}</Descriptions.Item>
              <Descriptions.Item label="SHA-256">
                <Typography.Text code copyable>
                  {current.built.sha256}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('confirmation:package.size')}>{(current.built.size / 1024 / 1024).toFixed(2)} MiB</Descriptions.Item>
              <Descriptions.Item label={t('confirmation:package.ledger')}>{t('confirmation:package.ledgerItem', { seq: current.built.ledgerSeq + 1 })}</Descriptions.Item>
            </Descriptions>
            {canEdit && !current.receipt && (
              <Space wrap>
                {institution.court.intakeUrl && (
                  <SubmitToCourt
                    application={current}
                    user={user}
                    intakeUrl={institution.court.intakeUrl}
                    onError={(failure) => ('text' in failure ? refuse('submit', failure.text) : fail(failure, 'submit'))}
                    describedBy={refusal.describedBy('submit')}
                    onRecorded={async () => {
                      await reload();
                      onCaseChanged();
                    }}
                  />
                )}
                <Button type={institution.court.intakeUrl ? 'default' : 'primary'} loading={busy === 'export'} onClick={() => void exportPackage()} aria-describedby={refusal.describedBy('export')}>
                  {t('confirmation:package.export')}
                </Button>
                <Button onClick={() => void openSupplement()} aria-describedby={refusal.describedBy('supplement')}>{t('confirmation:supplement.import')}</Button>
                <Button onClick={() => void run('start', () => startApplication(db, user, record.id))} aria-describedby={refusal.describedBy('start')}>{t('confirmation:package.newVersion')}</Button>
              </Space>
            )}
            {['submit', 'export', 'supplement', 'start'].map((at) => <RefusalNotice key={at} handle={refusal} at={at} />)}
            {supplement && (
              <Alert
                type="warning"
                showIcon
                role="status"
                message={t('confirmation:supplement.received', { court: supplement.court.name, date: supplement.dueOn })}
                description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{supplement.missing.map((m) => <li key={`${m.item}-${m.detail}`}>{t(`confirmation:supplement.item.${m.item}`)}：{m.detail}</li>)}</ul>}
              />
            )}
            <LastSubmission built={current.built} />
            {current.built.exportedAt && <Typography.Text type="secondary">{t('confirmation:package.exportedAt', { time: formatDateTime(current.built.exportedAt, lang) })}</Typography.Text>}
          </Flex>
        ) : progress ? (
          <Flex vertical gap={8}>
            <Progress percent={Math.floor((progress.bytesDone / Math.max(1, progress.bytesTotal)) * 100)} aria-label={t('confirmation:package.progress')} />
            <Typography.Text type="secondary">{progress.path}</Typography.Text>
            <Button onClick={() => cancel.current?.abort()}>{t('confirmation:package.cancel')}</Button>
          </Flex>
        ) : (
          canEdit && (
            <Space wrap>
              {current.application && passphraseField}
              <Button type="primary" loading={busy === 'build'} onClick={() => void build()} aria-describedby={refusal.describedBy('build')}>
                {t('confirmation:package.build')}
              </Button>
            </Space>
          )
        )}
        <RefusalNotice handle={refusal} at="build" />
      </Card>

      {current.built && (
        <Card title={t('confirmation:receipt.title')} size="small" role="region" aria-label={t('confirmation:receipt.title')}>
          {current.receipt ? (
            <Alert
              type={current.receipt.outcome === 'confirmed' ? 'success' : 'warning'}
              showIcon
              role="status"
              message={t(current.receipt.outcome === 'confirmed' ? 'confirmation:receipt.confirmed' : 'confirmation:receipt.rejected', { docket: current.receipt.courtCaseNumber })}
              description={t('confirmation:receipt.detail', { court: current.receipt.courtName, signer: current.receipt.signerName, seq: (current.receipt.rulingLedgerSeq ?? 0) + 1 })}
            />
          ) : (
            canEdit && (
              <Button loading={busy === 'receipt'} onClick={() => void openReceipt()} aria-describedby={refusal.describedBy('receipt')}>
                {t('confirmation:receipt.import')}
              </Button>
            )
          )}
          <RefusalNotice handle={refusal} at="receipt" />
        </Card>
      )}

      {signing && (
        <SignatureDialog
          open
          signer={signing}
          statement={t('confirmation:application.statement')}
          confirming={busy === 'hand'}
          onCancel={() => setSigning(null)}
          onConfirm={(signature: HandSignature) => void saves.current.then(() => run('hand', () => addApplicationSignature(db, user, current.id, null, signature), () => setSigning(null)))}
        />
      )}
    </Flex>
  );
}
