// The report as a table for reading (and for screen readers): a caption, the column headings in
// two rows (a group over its columns), one row per dispute type with its sub-rows indented, the
// total first. A row that counts one category links its received figure to the case list under
// the same filter, where the same number of cases is listed.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { cellText, REPORT_COLUMNS, type ReportColumn, type ReportLayout, type ReportTableRow } from '../../../shared/statistics/report';
import { useLang } from '../../kit/useLang';

const cellStyle = { border: '1px solid #d9d9d9', padding: '4px 8px', textAlign: 'right' as const, whiteSpace: 'nowrap' as const };
const headStyle = { ...cellStyle, textAlign: 'center' as const, background: '#fafafa', fontWeight: 600, whiteSpace: 'normal' as const, minWidth: 64 };

/** Consecutive columns under one group heading, or a column standing alone. */
function headingGroups(columns: readonly ReportColumn[]): Array<{ group: ReportColumn['group']; columns: ReportColumn[] }> {
  const out: Array<{ group: ReportColumn['group']; columns: ReportColumn[] }> = [];
  for (const column of columns) {
    const last = out[out.length - 1];
    if (column.group && last?.group && last.group['zh-CN'] === column.group['zh-CN']) last.columns.push(column);
    else out.push({ group: column.group, columns: [column] });
  }
  return out;
}

export interface ReportTableProps {
  caption: string;
  layout: ReportLayout;
  rows: readonly ReportTableRow[];
  /** The case list's filter of the period (registration dates); without it no figure links to cases (a bureau's area report: the cases are not here). */
  range?: { from: string; to: string };
  /** The heading of the rows' column: 纠纷类型 unless the rows are something else (institutions side by side). */
  rowHeading?: string;
}

export function ReportTable({ caption, layout, rows, range, rowHeading }: ReportTableProps) {
  const { t } = useTranslation('report');
  const language = useLang();
  const groups = headingGroups(REPORT_COLUMNS);
  const singleCategory = new Map<string, string>();
  for (const r of layout.rows) {
    for (const leaf of [r, ...(r.subRows ?? [])]) if (leaf.categories.length === 1 && leaf.categories[0]) singleCategory.set(leaf.key, leaf.categories[0]);
  }
  return (
    <div role="region" aria-label={caption} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      <table style={{ borderCollapse: 'collapse', fontSize: 13, fontVariantNumeric: 'tabular-nums' }}>
        <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600, padding: '4px 0' }}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} style={{ ...headStyle, textAlign: 'left', minWidth: 160 }}>
              {rowHeading ?? t('table.type')}
            </th>
            {groups.map((g) =>
              g.group ? (
                <th key={g.columns[0]?.key} scope="colgroup" colSpan={g.columns.length} style={headStyle}>
                  {g.group[language]}
                </th>
              ) : (
                <th key={g.columns[0]?.key} scope="col" rowSpan={2} style={headStyle}>
                  {g.columns[0]?.name[language]}
                </th>
              ),
            )}
          </tr>
          <tr>
            {groups.flatMap((g) =>
              g.group
                ? g.columns.map((c) => (
                    <th key={c.key} scope="col" style={headStyle}>
                      {c.name[language]}
                    </th>
                  ))
                : [],
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const category = singleCategory.get(row.key);
            return (
              <tr key={row.key} style={row.total ? { fontWeight: 600, background: '#f6f8fa' } : undefined}>
                <th scope="row" style={{ ...cellStyle, textAlign: 'left', fontWeight: row.total ? 600 : 400, paddingLeft: row.level === 1 ? 28 : 8 }}>
                  {row.name[language]}
                </th>
                {REPORT_COLUMNS.map((column) => {
                  const text = cellText(column, row.figures, language);
                  return (
                    <td key={column.key} style={cellStyle}>
                      {range && column.key === 'received' && category && row.figures.received > 0 ? (
                        <Link to={`/cases?category=${category}&from=${range.from}&to=${range.to}`} aria-label={t('table.openCases', { type: row.name[language], count: row.figures.received })}>
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
