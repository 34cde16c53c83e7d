// One received package on one screen: the verdict, every layer of the verification with each
// failure named, the legal checklist, the 30-day limit, who the organisation is (authenticated only
// against a certificate the court registered), the court's own clock, what has been decided, and
// the clerk's actions.
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Card, Descriptions, Flex, List, Result, Spin, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { courtClock, courtToday } from '../../../shared/confirmation/court/court-clock';
import { carriesOver, CHECK_LAYERS, filingIdOf, filingStage, isIntegrityCheck, layerOf, type CheckLayer, type CourtFiling, type FilingPackage } from '../../../shared/confirmation/court/filing';
import { useServices } from '../../app/services';
import { useSession } from '../auth';
import { EntrustmentOfPackage } from '../referrals';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { FilingActions } from './FilingActions';
import { readFiling } from './filings';
import { Section } from './Section';
import { formatSize } from '../../kit/format';
import { clockColor, useDaysText } from './ui';
import { useSaidText, VERIFICATION_NS, type Said } from '../../kit/verifier-texts';

type Check = CourtFiling['checks'][number];

function useCheckName(): (id: string) => string {
  const { t } = useTranslation('court');
  return (id) => t(`checks.${id.replace(/\./g, '_')}`, { defaultValue: id });
}

/** Why an unusable package could not be read, in the clerk's language where it was recorded so. */
const unusableSaid = (filing: CourtFiling): Said => ({ message: filing.unusableReason ?? '', detail: filing.unusableDetail });

function CheckList({ checks, okText, failText }: { checks: Check[]; okText: string; failText: string }) {
  const checkName = useCheckName();
  const said = useSaidText();
  return (
    <List
      size="small"
      dataSource={checks}
      renderItem={(check) => (
        <List.Item data-check={check.id}>
          <Flex vertical gap={2} style={{ width: '100%' }}>
            <span>
              <Tag color={check.ok ? 'green' : 'red'}>{check.ok ? okText : failText}</Tag>
              <Typography.Text strong={!check.ok}>{checkName(check.id)}</Typography.Text>
            </span>
            <Typography.Text type={check.ok ? 'secondary' : 'danger'} style={{ fontSize: 12 }}>
              {said(check)}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

function Layers({ filing }: { filing: CourtFiling }) {
  const { t } = useTranslation('court');
  const said = useSaidText();
  const integrity: CheckLayer[] = CHECK_LAYERS.filter((l) => l !== 'checklist' && l !== 'deadline');
  const byLayer = new Map<CheckLayer, Check[]>();
  for (const check of filing.checks) {
    const layer = layerOf(check.id);
    byLayer.set(layer, [...(byLayer.get(layer) ?? []), check]);
  }
  return (
    <Section title={t('layers.title')}>
      <Flex vertical gap={12}>
        {filing.unusableReason && <Alert type="error" showIcon message={said(unusableSaid(filing))} />}
        {integrity
          .filter((layer) => byLayer.has(layer))
          .map((layer) => {
            const checks = byLayer.get(layer) ?? [];
            const failed = checks.some((c) => !c.ok);
            return (
              <div key={layer} aria-label={t(`layers.${layer}`)} role="group">
                <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                  <Tag color={failed ? 'red' : 'green'}>{failed ? t('layers.failed') : t('layers.passed')}</Tag>
                  {t(`layers.${layer}`)}
                </Typography.Title>
                <CheckList checks={checks} okText={t('layers.passed')} failText={t('layers.failed')} />
              </div>
            );
          })}
        {filing.badFiles.length > 0 && (
          <Table
            size="small"
            rowKey="path"
            title={() => t('layers.badFiles')}
            pagination={false}
            dataSource={filing.badFiles}
            columns={[
              { key: 'path', dataIndex: 'path', title: t('filing.files') },
              { key: 'problem', title: t('layers.failed'), render: (_, row) => said({ message: row.problem, detail: row.detail }) },
            ]}
          />
        )}
      </Flex>
    </Section>
  );
}

function Identity({ filing }: { filing: CourtFiling }) {
  const { t } = useTranslation('court');
  const institution = filing.package?.institution;
  if (!institution) return null;
  return (
    <Section title={t('identity.title')}>
      {institution.pinned === true ? (
        <Alert type="success" showIcon message={t('identity.authenticated', { name: institution.name })} />
      ) : (
        <Alert
          type="warning"
          showIcon
          message={t('identity.unauthenticated')}
          description={institution.pinned === false ? t('identity.mismatch') : t('identity.unauthenticatedBody', { name: institution.name })}
        />
      )}
      <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
        <Descriptions.Item label={t('identity.subject')}>{institution.subject ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('identity.fingerprint')}>
          <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
            {institution.fingerprint256 ?? '—'}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Section>
  );
}

function Clock({ filing }: { filing: CourtFiling }) {
  const { t } = useTranslation('court');
  const daysText = useDaysText();
  const today = courtToday(new Date());
  const clock = courtClock(filing.clock, today);
  const r = filing.clock;
  const running = clock.runningDeadline !== null && !filing.supersededBy;
  return (
    <Section title={t('clock.title')} extra={<Tag color={filing.supersededBy ? 'default' : clockColor(clock)}>{t(`stage.${filingStage(filing, today)}`)}</Tag>}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('clock.received')}>{r.receivedOn}</Descriptions.Item>
        <Descriptions.Item label={t('clock.acceptBy')}>{clock.acceptBy}</Descriptions.Item>
        {r.acceptedOn && <Descriptions.Item label={t('clock.accepted')}>{r.acceptedOn}</Descriptions.Item>}
        {r.refusedOn && <Descriptions.Item label={t('clock.refused')}>{r.refusedOn}</Descriptions.Item>}
        {clock.decideBy && <Descriptions.Item label={r.extended ? t('clock.decideByExtended') : t('clock.decideBy')}>{clock.decideBy}</Descriptions.Item>}
        {r.decidedOn && <Descriptions.Item label={t('clock.decided')}>{r.decidedOn}</Descriptions.Item>}
        {running && (
          <Descriptions.Item label={t('clock.running')}>
            <Tag color={clockColor(clock)} data-testid="court-days-left">{`${clock.runningDeadline} · ${daysText(clock)}`}</Tag>
          </Descriptions.Item>
        )}
      </Descriptions>
      {clock.problems.length > 0 && <Alert type="warning" showIcon message={t('clock.problems')} description={clock.problems.join(' ')} />}
    </Section>
  );
}

function Checklist({ filing }: { filing: CourtFiling }) {
  const { t } = useTranslation('court');
  const checks = filing.checks.filter((c) => layerOf(c.id) === 'checklist');
  if (checks.length === 0) return null;
  return (
    <Section title={t('checklist.title')}>
      <CheckList checks={checks} okText={t('checklist.present')} failText={t('checklist.missing')} />
    </Section>
  );
}

function Deadline({ filing }: { filing: CourtFiling }) {
  const { t } = useTranslation(['court', VERIFICATION_NS]);
  const said = useSaidText();
  const lang = useLang();
  const check = filing.checks.find((c) => c.id === 'deadline');
  if (!check || !filing.package) return null;
  // A version continuing its predecessor's case is counted from the first filing, which its clock holds.
  const continued = filing.predecessor !== null && carriesOver(filing.predecessor.outcome);
  return (
    <Section title={t('deadline.title')} extra={<Tag color={check.ok ? 'green' : 'red'}>{check.ok ? t('deadline.ok') : t('deadline.late')}</Tag>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('deadline.effective')}>{filing.package.agreementEffectiveOn}</Descriptions.Item>
        <Descriptions.Item label={t('deadline.due')}>{filing.package.confirmationDeadline}</Descriptions.Item>
        <Descriptions.Item label={continued ? t('verification:screen.firstReceived') : t('deadline.received')}>{filing.clock.receivedOn}</Descriptions.Item>
        {continued && <Descriptions.Item label={t('verification:screen.versionReceived')}>{formatDateTime(filing.receivedAt, lang)}</Descriptions.Item>}
      </Descriptions>
      <Typography.Text type={check.ok ? 'secondary' : 'danger'} style={{ fontSize: 12 }}>
        {said(check)}
      </Typography.Text>
    </Section>
  );
}

/** Why the import refused the package: its failed integrity checks, as the refusal recorded them. */
function useAutomaticReason(): (filing: CourtFiling) => string {
  const said = useSaidText();
  return (filing) => {
    if (filing.verdict === 'unusable') return said(unusableSaid(filing));
    const damaged = filing.checks.filter((c) => !c.ok && isIntegrityCheck(c.id));
    return damaged.length > 0 ? damaged.map(said).join('\n') : (filing.refusal?.reason ?? '');
  };
}

function Verdict({ filing }: { filing: CourtFiling }) {
  const { t } = useTranslation('court');
  const checkName = useCheckName();
  const lang = useLang();
  const said = useSaidText();
  const automaticReason = useAutomaticReason();
  const missing = filing.checks.filter((c) => !c.ok && layerOf(c.id) === 'checklist').map((c) => checkName(c.id));
  return (
    <Flex vertical gap={12}>
      {filing.verdict === 'verified' ? (
        <Alert type="success" showIcon message={t('filing.okTitle')} description={t('filing.okBody')} />
      ) : (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={filing.verdict === 'unusable' ? t('filing.unusableTitle') : t('filing.failedTitle')}
          description={
            filing.verdict === 'unusable'
              ? said(unusableSaid(filing))
              : `${t('filing.failedBody')} ${filing.checks
                  .filter((c) => !c.ok && layerOf(c.id) !== 'checklist' && c.id !== 'deadline' && c.id !== 'institution.pinned')
                  .map((c) => checkName(c.id))
                  .join('、')}`
          }
        />
      )}
      {filing.verdict === 'verified' && missing.length > 0 && <Alert type="warning" showIcon message={t('filing.checklistWarn', { items: missing.join('、') })} />}
      {filing.refusal && (
        <Alert
          type="info"
          showIcon
          message={t('refusal.title')}
          description={
            <Flex vertical gap={4}>
              <span>{filing.refusal.automatic ? t('refusal.automatic') : t('refusal.by', { name: filing.refusal.by.name, date: formatDateTime(filing.refusal.at, lang) })}</span>
              <span>
                {t('refusal.reason')}：<span style={{ whiteSpace: 'pre-wrap' }}>{filing.refusal.automatic ? automaticReason(filing) : filing.refusal.reason}</span>
              </span>
            </Flex>
          }
        />
      )}
    </Flex>
  );
}

/** What became of the earlier version this one names in its manifest (补正). */
function Predecessor({ filing, supersedes }: { filing: CourtFiling; supersedes: NonNullable<FilingPackage['supersedes']> }) {
  const { t } = useTranslation('court');
  const outcome = filing.predecessor?.outcome ?? null;
  const detail = outcome
    ? t(`filing.predecessor.${outcome}`, { docket: filing.docketNumber ?? '', accepted: filing.clock.acceptedOn ?? '', received: filing.clock.receivedOn, sha: supersedes.packageSha256.slice(0, 16) })
    : null;
  const known = outcome !== null && outcome !== 'unknown';
  return (
    <Alert
      type={outcome === null || carriesOver(outcome) ? 'info' : 'warning'}
      showIcon
      style={{ marginTop: 12 }}
      data-testid="court-predecessor"
      message={t('filing.supersedes', { id: supersedes.packageId, sha: supersedes.packageSha256.slice(0, 16) })}
      description={detail}
      action={known || outcome === null ? <Link to={`/court/${supersedes.packageSha256}`}>{t('filing.supersedesKnown')}</Link> : undefined}
    />
  );
}

/** On a filing a newer version replaced: where the case continues. */
function Superseded({ filing }: { filing: CourtFiling }) {
  const { t } = useTranslation('court');
  const lang = useLang();
  if (!filing.supersededBy) return null;
  const { packageSha256, packageId, at } = filing.supersededBy;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      data-testid="court-superseded-by"
      message={t('filing.supersededTitle')}
      description={t('filing.supersededBody', { id: packageId, date: formatDateTime(at, lang) })}
      action={<Link to={`/court/${packageSha256}`}>{t('filing.openSuccessor')}</Link>}
    />
  );
}

function Summary({ filing }: { filing: CourtFiling }) {
  const { t } = useTranslation('court');
  const { institution } = useSession();
  const lang = useLang();
  const pkg = filing.package;
  return (
    <Card>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        {pkg && <Descriptions.Item label={t('filing.packageId')}>{pkg.packageId}</Descriptions.Item>}
        {pkg && <Descriptions.Item label={t('filing.caseNumber')}>{pkg.caseNumber}</Descriptions.Item>}
        {pkg && <Descriptions.Item label={t('filing.institution')}>{pkg.institution.name}</Descriptions.Item>}
        {pkg && <Descriptions.Item label={t('filing.court')}>{pkg.court.name}</Descriptions.Item>}
        {pkg && <Descriptions.Item label={t('filing.parties')}>{pkg.parties.map((p) => p.name).join('、')}</Descriptions.Item>}
        {pkg && <Descriptions.Item label={t('filing.files')}>{t('filing.filesValue', { count: pkg.files, size: formatSize(pkg.bytes) })}</Descriptions.Item>}
        <Descriptions.Item label={t('filing.receivedAt')}>{`${formatDateTime(filing.receivedAt, lang)} · ${filing.receivedBy.name}`}</Descriptions.Item>
        <Descriptions.Item label={t('filing.sha256')}>
          <Typography.Text code copyable style={{ fontSize: 11, wordBreak: 'break-all' }}>
            {filing.packageSha256}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {pkg && pkg.court.name !== institution.name && <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t('filing.courtMismatch', { court: pkg.court.name, own: institution.name })} />}
      {pkg?.supersedes && <Predecessor filing={filing} supersedes={pkg.supersedes} />}
    </Card>
  );
}

export default function FilingPage() {
  const { t } = useTranslation('court');
  const { data } = useServices();
  const { sha256 = '' } = useParams();
  const [filing, setFiling] = useState<CourtFiling | null | undefined>(undefined);

  const load = useCallback(async () => setFiling(/^[0-9a-f]{64}$/.test(sha256) ? await readFiling(data, filingIdOf(sha256)) : null), [data, sha256]);
  useEffect(() => {
    void load();
  }, [load]);

  if (filing === undefined) return <Spin aria-label={t('filing.heading')} />;
  return (
    <Flex vertical gap={16}>
      <Link to="/court">
        <ArrowLeftOutlined aria-hidden /> {t('filing.back')}
      </Link>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }}>
        {t('filing.heading')}
        {filing?.docketNumber ? ` · ${filing.docketNumber}` : ''}
      </Typography.Title>
      {filing === null ? (
        <Result status="404" title={t('filing.notFound')} />
      ) : (
        <>
          <Superseded filing={filing} />
          <Verdict filing={filing} />
          <EntrustmentOfPackage filing={filing} />
          <Summary filing={filing} />
          <FilingActions filing={filing} onChanged={setFiling} onReload={load} />
          <Clock filing={filing} />
          <Identity filing={filing} />
          <Layers filing={filing} />
          <Checklist filing={filing} />
          <Deadline filing={filing} />
        </>
      )}
    </Flex>
  );
}
