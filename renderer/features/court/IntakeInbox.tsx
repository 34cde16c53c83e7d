// 收件箱: packages mediation centers submitted to this court's intake endpoint (a court's
// workstation started with an intake folder: mw serve --intake-dir, MW_INTAKE_DIR with npm start).
// Two lists, each read a page at a time: packages signed by an institution the court registered
// (the intake's trust list, or the certificates registered in this court's settings) and packages
// of unknown signers — anyone can issue themselves a certificate and send a thousand packages, so
// they never share a list (or a page) with the registered ones. Each one is imported like a picked
// file — stored, verified on this screen — with the day the endpoint received it as the day of
// receipt. Shown only where the host has an inbox.
import { Button, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CourtFiling } from '../../../shared/confirmation/court/filing';
import { certificateFingerprints } from '../../../shared/confirmation/trust';
import type { CourtInbox } from '../../../shared/platform';
import type { InboxGroup, InboxItem, InboxPage } from '../../../shared/protocol/intake';
import { useServices } from '../../app/services';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { Section } from './Section';
import { readCourtSettings } from './settings-store';

const PAGE_SIZE = 10;
const GROUPS: readonly InboxGroup[] = ['registered', 'unknown'];

interface Listed {
  page: number;
  result: InboxPage | null;
}

interface InboxProps {
  filings: CourtFiling[];
  busy: boolean;
  onImport: (file: File, receivedOn: string) => void;
  onOpen: (sha256: string) => void;
  onError: (text: string) => void;
}

export function IntakeInbox({ filings, busy, onImport, onOpen, onError }: InboxProps) {
  const { t } = useTranslation('court');
  const { platform, data } = useServices();
  const lang = useLang();
  const [inbox, setInbox] = useState<CourtInbox | null>(null);
  const [lists, setLists] = useState<Record<InboxGroup, Listed>>({ registered: { page: 1, result: null }, unknown: { page: 1, result: null } });
  /** The package being fetched from the inbox (a large one takes a while before its import starts). */
  const [opening, setOpening] = useState<string | null>(null);

  /** One page of one list; the court's registered certificates are read each time, so a certificate registered meanwhile counts. */
  const load = useCallback(
    async (source: CourtInbox, group: InboxGroup, page: number) => {
      try {
        const settings = await readCourtSettings(data);
        const registered = [...certificateFingerprints(settings.trusted.map((c) => c.pem))];
        const result = await source.list({ group, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE, registered });
        setLists((current) => ({ ...current, [group]: { page, result } }));
      } catch (error) {
        onError(t('inbox.failed', { detail: (error as Error).message }));
      }
    },
    [data, onError, t],
  );

  const refresh = useCallback((source: CourtInbox) => Promise.all(GROUPS.map((group) => load(source, group, 1))), [load]);

  useEffect(() => {
    void platform.intake.inbox().then((found) => {
      setInbox(found);
      if (found) void refresh(found);
    });
  }, [platform, refresh]);

  if (!inbox) return null;
  const received = new Set(filings.map((f) => f.packageSha256));
  const take = async (item: InboxItem) => {
    setOpening(item.answer.packageSha256);
    const file = await inbox.open(item.answer.packageSha256).catch((error: unknown) => {
      onError(t('inbox.failed', { detail: (error as Error).message }));
      return null;
    });
    setOpening(null);
    if (file instanceof File) onImport(file, item.answer.receivedOn);
    else if (file === null) void refresh(inbox);
  };

  const table = (group: InboxGroup) => {
    const { page, result } = lists[group];
    return (
      <Table<InboxItem>
        aria-label={t(`inbox.groups.${group}`)}
        rowKey={(item) => item.answer.packageSha256}
        loading={result === null}
        dataSource={result?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: result?.total ?? 0, hideOnSinglePage: true, showSizeChanger: false, onChange: (next) => void load(inbox, group, next) }}
        locale={{ emptyText: t(`inbox.empty.${group}`) }}
        columns={[
          { key: 'receivedAt', title: t('inbox.receivedAt'), render: (_, item) => formatDateTime(item.receivedAt, lang) },
          { key: 'package', title: t('inbox.package'), render: (_, item) => item.answer.packageId ?? item.answer.packageSha256.slice(0, 16) },
          { key: 'size', title: t('inbox.size'), render: (_, item) => `${(item.size / 1024 / 1024).toFixed(2)} MiB` },
          { key: 'verdict', title: t('inbox.verdict'), render: (_, item) => <Tag color={item.answer.verdict === 'valid' ? 'green' : 'red'}>{t(`inbox.verdicts.${item.answer.verdict}`)}</Tag> },
          {
            key: 'action',
            title: t('inbox.action'),
            render: (_, item) => {
              const name = item.answer.packageId ?? item.answer.packageSha256.slice(0, 16);
              return received.has(item.answer.packageSha256) ? (
                <Button size="small" aria-label={t('inbox.openLabel', { name })} onClick={() => onOpen(item.answer.packageSha256)}>
                  {t('inbox.open')}
                </Button>
              ) : (
                <Button size="small" type={group === 'registered' ? 'primary' : 'default'} disabled={busy || opening !== null} loading={opening === item.answer.packageSha256} aria-label={t('inbox.importLabel', { name })} onClick={() => void take(item)}>
                  {t('inbox.import')}
                </Button>
              );
            },
          },
        ]}
      />
    );
  };

  return (
    <Section title={t('inbox.title')}>
      <Typography.Paragraph type="secondary">{t('inbox.intro')}</Typography.Paragraph>
      <Button onClick={() => void refresh(inbox)} style={{ marginBottom: 12 }}>
        {t('inbox.refresh')}
      </Button>
      {GROUPS.map((group) => (
        <section key={group} aria-label={t(`inbox.groups.${group}`)} style={{ marginBottom: 16 }}>
          <Typography.Title level={5}>
            {t(`inbox.groups.${group}`)}
            {lists[group].result ? ` (${lists[group].result.total})` : ''}
          </Typography.Title>
          {group === 'unknown' && <Typography.Paragraph type="secondary">{t('inbox.unknownIntro')}</Typography.Paragraph>}
          {table(group)}
        </section>
      ))}
    </Section>
  );
}
