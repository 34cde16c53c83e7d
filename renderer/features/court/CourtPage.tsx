// 法院收案: the clerk imports a package file, or one the court's intake endpoint received (收件箱),
// stored and verified with progress and a cancel, and
// sees every received package with its verification, its stage and the court's running limit.
// The court's settings (case numbers, registered organisation certificates) are on this page too.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Flex, Progress, Space, Table, Tag, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { courtClock, courtToday } from '../../../shared/confirmation/court/court-clock';
import { filingStage, type CourtFiling } from '../../../shared/confirmation/court/filing';
import { useServices } from '../../app/services';
import { useSession } from '../auth';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { CourtSettingsCard } from './CourtSettingsCard';
import { SetupChecklist } from '../home';
import { listFilings } from './filings';
import { Section } from './Section';
import { importPackage, type IntakePhase } from './intake';
import { IntakeInbox } from './IntakeInbox';
import { clockColor, useCourtErrorText, useDaysText } from './ui';
import { RefusalNotice, useRefusal } from '../../kit/refusal';

interface Importing {
  name: string;
  phase: IntakePhase;
  percent: number;
}

/** Progress is reported per chunk; the screen is redrawn at most this often. */
const PROGRESS_INTERVAL_MS = 100;

function verdictColor(verdict: CourtFiling['verdict']): string {
  return verdict === 'verified' ? 'green' : 'red';
}

export default function CourtPage() {
  const { t } = useTranslation(['court', 'app']);
  const { data, platform } = useServices();
  const { user } = useSession();
  const lang = useLang();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useCourtErrorText();
  const daysText = useDaysText();
  const [filings, setFilings] = useState<CourtFiling[] | null>(null);
  const [importing, setImporting] = useState<Importing | null>(null);
  const refusal = useRefusal();
  /** An import's refusal, beside the import button (also for imports from the inbox below it). */
  const setError = useCallback((text: string | null) => (text === null ? refusal.clear() : refusal.refuse('import', text)), [refusal]);
  const input = useRef<HTMLInputElement>(null);
  const cancel = useRef<{ aborted: boolean }>({ aborted: false });

  const load = useCallback(async () => setFilings(await listFilings(data)), [data]);
  useEffect(() => {
    void load();
  }, [load]);

  const onFile = async (file: File, receivedOn?: string) => {
    setError(null);
    cancel.current = { aborted: false };
    setImporting({ name: file.name, phase: 'store', percent: 0 });
    let shownAt = 0;
    try {
      const result = await importPackage(data, platform, user, file, {
        signal: cancel.current,
        ...(receivedOn ? { receivedOn } : {}),
        onProgress: (phase, done, total) => {
          const now = performance.now();
          if (now - shownAt < PROGRESS_INTERVAL_MS && done < total) return;
          shownAt = now;
          setImporting({ name: file.name, phase, percent: total > 0 ? Math.floor((100 * done) / total) : 100 });
        },
      });
      if (!result.ok) {
        setError(errorText(result.error));
        return;
      }
      const { filing, existing } = result.value;
      if (existing) void message.info(t('court:import.existing', { date: formatDateTime(filing.receivedAt, lang) }));
      else void message.success(t('court:import.done'));
      navigate(`/court/${filing.packageSha256}`);
    } catch (caught) {
      if (caught instanceof Error && caught.name === 'AbortError') void message.info(t('court:import.cancelled'));
      else setError(t('court:import.failed', { detail: caught instanceof Error ? caught.message : String(caught) }));
      void load();
    } finally {
      setImporting(null);
    }
  };

  const today = courtToday(new Date());
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 30 }}>
          {t('court:title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('court:intro')}</Typography.Paragraph>
        <SetupChecklist />
      </div>
      <Card>
        <Space wrap align="center">
          <Button type="primary" icon={<ImportOutlined aria-hidden />} disabled={importing !== null} onClick={() => input.current?.click()} aria-describedby={refusal.describedBy('import')}>
            {t('court:import.button')}
          </Button>
          <input
            ref={input}
            type="file"
            accept=".zip,application/zip"
            aria-label={t('court:import.input')}
            style={{ display: 'none' }}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void onFile(file);
            }}
          />
          {importing && (
            <Space wrap role="status">
              <Typography.Text>{t(importing.phase === 'store' ? 'court:import.storing' : 'court:import.verifying', { name: importing.name })}</Typography.Text>
              <Progress percent={importing.percent} style={{ width: 240 }} aria-label={t('court:import.progress')} />
              <Button size="small" onClick={() => (cancel.current.aborted = true)}>
                {t('court:import.cancel')}
              </Button>
            </Space>
          )}
        </Space>
        <div style={{ marginTop: 16 }}>
          <RefusalNotice handle={refusal} at="import" />
        </div>
      </Card>
      <IntakeInbox filings={filings ?? []} busy={importing !== null} onImport={(file, receivedOn) => void onFile(file, receivedOn)} onOpen={(sha256) => navigate(`/court/${sha256}`)} onError={setError} />
      <Section title={t('court:list.title')}>
        <Table<CourtFiling>
          rowKey="id"
          loading={filings === null}
          dataSource={filings ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('court:list.empty') }}
          columns={[
            { key: 'receivedAt', title: t('court:list.receivedAt'), render: (_, f) => formatDateTime(f.receivedAt, lang) },
            { key: 'package', title: t('court:list.package'), render: (_, f) => f.package?.caseNumber ?? f.fileName },
            { key: 'institution', title: t('court:list.institution'), render: (_, f) => f.package?.institution.name ?? '—' },
            { key: 'verdict', title: t('court:list.verdict'), render: (_, f) => <Tag color={verdictColor(f.verdict)}>{t(`court:verdict.${f.verdict}`)}</Tag> },
            {
              key: 'stage',
              title: t('court:list.stage'),
              render: (_, f) =>
                f.supersededBy ? (
                  <Link to={`/court/${f.supersededBy.packageSha256}`} data-testid="court-superseded">
                    {t('court:stage.superseded')}
                  </Link>
                ) : (
                  t(`court:stage.${filingStage(f, today)}`)
                ),
            },
            { key: 'docket', title: t('court:list.docket'), render: (_, f) => f.docketNumber ?? '—' },
            {
              key: 'deadline',
              title: t('court:list.deadline'),
              render: (_, f) => {
                const clock = courtClock(f.clock, today);
                return clock.runningDeadline && !f.supersededBy ? <Tag color={clockColor(clock)}>{`${clock.runningDeadline} · ${daysText(clock)}`}</Tag> : '—';
              },
            },
            {
              key: 'open',
              title: t('court:list.open'),
              render: (_, f) => (
                <Button size="small" aria-label={t('court:list.openLabel', { name: f.package?.caseNumber ?? f.fileName })} onClick={() => navigate(`/court/${f.packageSha256}`)}>
                  {t('court:list.open')}
                </Button>
              ),
            },
          ]}
        />
      </Section>
      <CourtSettingsCard />
    </Flex>
  );
}
