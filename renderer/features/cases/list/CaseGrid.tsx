// The virtualized case list. Only the rows in view (plus a few) are in the DOM, whatever the
// number of cases; the next page is read when the user scrolls near the end of what is loaded.
// It is an ARIA grid: Tab enters it on one row, the arrow keys, Page Up/Down, Home and End move
// between rows, and Enter opens the case (the number is also an ordinary link).
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Spin, Typography } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { DeadlineBadge } from '../common/DeadlineBadge';
import { StatusTag } from '../common/StatusTag';
import { instantToDate } from '../../../kit/time';
import type { CaseListRow } from '../../case-store';
import { useCategoryName } from '../common/categories';

const ROW_HEIGHT = 52;
const COLUMNS = 'minmax(190px, 1.3fr) minmax(120px, 1fr) minmax(160px, 1.6fr) 120px minmax(90px, 0.8fr) 110px minmax(170px, 1.1fr)';
/** Start loading the next page when this many loaded rows remain below the view. */
const PREFETCH_ROWS = 30;

export interface CaseGridProps {
  rows: readonly CaseListRow[];
  /** Rows the grid may eventually hold (for aria-rowcount), when known. */
  totalRows: number | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  /** Accounts' names by id (local and the center server's). */
  names: ReadonlyMap<string, string>;
  today: string;
  warningDays: number;
}

export function CaseGrid({ rows, totalRows, hasMore, loadingMore, loadMore, names, today, warningDays }: CaseGridProps) {
  const { t } = useTranslation('cases');
  const categoryName = useCategoryName();
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusWanted = useRef(false);

  // The virtualizer returns fresh functions each render by design; the compiler lint knows this.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.length ? (items[items.length - 1]?.index ?? 0) : 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastVisible >= rows.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, loadingMore, lastVisible, rows.length, loadMore]);

  const activeIndex = Math.min(active, Math.max(rows.length - 1, 0));

  useEffect(() => {
    if (!focusWanted.current) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${activeIndex}"]`);
    if (element) {
      element.focus({ preventScroll: true });
      focusWanted.current = false;
    }
  });

  const moveTo = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, index));
      focusWanted.current = true;
      setActive(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
    },
    [rows.length, virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + pageRows,
      PageUp: activeIndex - pageRows,
      Home: 0,
      End: rows.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.dataset.rowIndex !== undefined) {
      const row = rows[activeIndex];
      if (row) {
        event.preventDefault();
        navigate(`/cases/${encodeURIComponent(row.id)}`);
      }
    }
  };

  const headers = [
    t('list.column.number'),
    t('list.column.category'),
    t('list.column.parties'),
    t('list.column.status'),
    t('list.column.mediator'),
    t('list.column.registered'),
    t('list.column.deadline'),
  ];

  return (
    <div
      role="grid"
      aria-label={t('list.gridLabel')}
      aria-rowcount={totalRows !== undefined ? totalRows + 1 : -1}
      aria-busy={loadingMore}
      onKeyDown={onKeyDown}
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff' }}
    >
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} style={{ display: 'grid', gridTemplateColumns: COLUMNS, background: '#fafafa', borderBottom: '1px solid #f0f0f0', fontWeight: 600 }}>
          {headers.map((header) => (
            <div role="columnheader" key={header} style={{ padding: '10px 12px' }}>
              {header}
            </div>
          ))}
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" style={{ height: 'calc(100vh - 370px)', minHeight: 320, overflow: 'auto', position: 'relative' }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const mediator = row.mediatorId ? names.get(row.mediatorId) ?? t('list.unknownUser') : t('list.unassigned');
            const href = `/cases/${encodeURIComponent(row.id)}`;
            return (
              <div
                role="row"
                key={row.id}
                data-row-index={item.index}
                aria-rowindex={item.index + 2}
                tabIndex={item.index === activeIndex ? 0 : -1}
                onFocus={() => setActive(item.index)}
                onClick={(event) => {
                  if (!(event.target instanceof HTMLElement && event.target.closest('a'))) navigate(href);
                }}
                className="mw-case-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  height: item.size,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: COLUMNS,
                  alignItems: 'center',
                  borderBottom: '1px solid #f5f5f5',
                  cursor: 'pointer',
                }}
              >
                <div role="gridcell" style={cell}>
                  <Link to={href} tabIndex={-1}>
                    {row.number}
                  </Link>
                </div>
                <div role="gridcell" style={cell}>
                  {categoryName(row.category)}
                </div>
                <div role="gridcell" style={cell} title={row.partySummary}>
                  {row.partySummary}
                </div>
                <div role="gridcell" style={cell}>
                  <StatusTag status={row.status} />
                </div>
                <div role="gridcell" style={cell}>
                  {row.mediatorId ? mediator : <Typography.Text type="secondary">{mediator}</Typography.Text>}
                </div>
                <div role="gridcell" style={cell}>
                  {instantToDate(row.registeredAt)}
                </div>
                <div role="gridcell" style={cell}>
                  <DeadlineBadge deadline={row.activeDeadline} today={today} warningDays={warningDays} />
                </div>
              </div>
            );
          })}
        </div>
        {loadingMore && (
          <div style={{ textAlign: 'center', padding: 8 }}>
            <Spin size="small" aria-label={t('list.loadingMore')} />
          </div>
        )}
      </div>
    </div>
  );
}

const cell = { padding: '0 12px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
