// 收件箱: packages mediation centers submitted to this court's intake endpoint (a court's
// workstation started with an intake folder: mw serve --intake-dir, MW_INTAKE_DIR with npm start).
// Each one is imported like a picked file — stored, verified on this screen — with the day the
// endpoint received it as the day of receipt. Shown only where the host has an inbox.
import { Button, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CourtFiling } from '../../../shared/confirmation/court/filing';
import type { CourtInbox } from '../../../shared/platform';
import type { InboxItem } from '../../../shared/protocol/intake';
import { useServices } from '../../app/services';
import { formatDateTime } from '../cases/common/format';
import { useLang } from '../cases/common/useLang';
import { Section } from './Section';

export function IntakeInbox({ filings, busy, onImport, onOpen, onError }: { filings: CourtFiling[]; busy: boolean; onImport: (file: File, receivedOn: string) => void; onOpen: (sha256: string) => void; onError: (text: string) => void }) {
  const { t } = useTranslation('court');
  const { platform } = useServices();
  const lang = useLang();
  const [inbox, setInbox] = useState<CourtInbox | null>(null);
  const [items, setItems] = useState<InboxItem[] | null>(null);
  /** The package being fetched from the inbox (a large one takes a while before its import starts). */
  const [opening, setOpening] = useState<string | null>(null);

  const refresh = useCallback(
    async (source: CourtInbox) => {
      try {
        setItems(await source.list());
      } catch (error) {
        onError(t('inbox.failed', { detail: (error as Error).message }));
      }
    },
    [onError, t],
  );

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

  return (
    <Section title={t('inbox.title')}>
      <Typography.Paragraph type="secondary">{t('inbox.intro')}</Typography.Paragraph>
      <Button onClick={() => void refresh(inbox)} style={{ marginBottom: 12 }}>
        {t('inbox.refresh')}
      </Button>
      <Table<InboxItem>
        rowKey={(item) => item.answer.packageSha256}
        loading={items === null}
        dataSource={items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('inbox.empty') }}
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
                <Button size="small" type="primary" disabled={busy || opening !== null} loading={opening === item.answer.packageSha256} aria-label={t('inbox.importLabel', { name })} onClick={() => void take(item)}>
                  {t('inbox.import')}
                </Button>
              );
            },
          },
        ]}
      />
    </Section>
  );
}
