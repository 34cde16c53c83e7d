// The materials chosen from the case's ledger for the package, and the legal checklist the court
// will apply to them with the 30-day window.
import { Alert, Card, Checkbox, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CenterApplication, Material } from '../../../shared/confirmation/center-record';
import type { LedgerEntry } from '../../../shared/ledger/entry';
import type { Party } from '../../../shared/domain/model';
import type { ConfirmationTabController } from './useConfirmationTab';

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

export function MaterialsCard({ tab, current, files, agents }: { tab: ConfirmationTabController; current: CenterApplication; files: LedgerEntry[]; agents: Party[] }) {
  const { t } = useTranslation('confirmation');
  const { details, save, canEdit, parties } = tab;
  if (!details) return null;
  return (
    <Card title={t('materials.title')} size="small" role="region" aria-label={t('materials.title')}>
      <Checkbox checked={details.concernsProperty} disabled={!canEdit || current.built !== null} onChange={(e) => save({ concernsProperty: e.target.checked })}>
        {t('materials.concernsProperty')}
      </Checkbox>
      <Table
        size="small"
        rowKey="seq"
        pagination={false}
        dataSource={files}
        locale={{ emptyText: t('materials.none') }}
        columns={[
          { title: t('materials.item'), render: (_, e: LedgerEntry) => `${e.seq + 1}. ${e.title}` },
          {
            title: t('materials.role'),
            render: (_, e: LedgerEntry) => (
              <Select<MaterialChoice>
                aria-label={t('materials.roleOf', { title: e.title })}
                value={choiceOf(details.materials.find((m) => m.ledgerSeq === e.seq))}
                disabled={!canEdit || current.built !== null}
                style={{ width: 240 }}
                options={[
                  { value: 'none', label: t('materials.none_') },
                  ...parties.map((p) => ({ value: `identity:${p.id}` as MaterialChoice, label: t('materials.identity', { name: p.name }) })),
                  ...agents.map((p) => ({ value: `authority:${p.id}` as MaterialChoice, label: t('materials.authority', { name: p.name }) })),
                  { value: 'property', label: t('materials.property') },
                  { value: 'evidence', label: t('materials.evidence') },
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
  );
}

export function ChecklistCard({ tab, current }: { tab: ConfirmationTabController; current: CenterApplication }) {
  const { t } = useTranslation('confirmation');
  const ready = tab.ready;
  if (!ready) return null;
  return (
    <Card title={t('check.title')} size="small" role="region" aria-label={t('check.title')}>
      <ul aria-label={t('check.title')} style={{ paddingInlineStart: 20, margin: 0 }}>
        {[{ id: 'checklist.application', ok: current.application !== null }, ...ready.checklist.filter((c) => c.id !== 'checklist.application')].map((c) => (
          <li key={c.id}>
            <Tag color={c.ok ? 'green' : 'red'}>{c.ok ? t('check.present') : t('check.absent')}</Tag>
            {t(`check.${c.id}.${c.ok ? 'ok' : 'missing'}`)}
          </li>
        ))}
      </ul>
      {ready.deadline && (
        <Alert
          style={{ marginTop: 8 }}
          type={ready.deadline.daysLeft < 0 ? 'error' : ready.deadline.daysLeft <= 5 ? 'warning' : 'info'}
          showIcon
          message={ready.deadline.daysLeft < 0 ? t('check.windowPassed', { date: ready.deadline.lastDay }) : t('check.window', { date: ready.deadline.lastDay, count: ready.deadline.daysLeft })}
        />
      )}
    </Card>
  );
}
