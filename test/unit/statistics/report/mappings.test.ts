import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES } from '../../../../shared/domain/categories';
import { LAYOUT_A, LAYOUT_B, REPORT_LAYOUTS, layoutProblems, leafRows, type ReportLayout } from '../../../../shared/statistics/report/mappings';

/** The row of a layout that counts a category (its leaf). */
function leafOf(layout: ReportLayout, code: string): string | undefined {
  return leafRows(layout).find((r) => r.categories.some((c) => c === code))?.key;
}

describe('the report layouts', () => {
  it('count each of the 24 categories in exactly one row, in both layouts', () => {
    for (const layout of Object.values(REPORT_LAYOUTS)) {
      expect(layoutProblems(layout)).toEqual([]);
      const counted = leafRows(layout).flatMap((r) => r.categories);
      expect([...counted].sort()).toEqual([...CATEGORY_CODES].sort());
    }
  });

  it('layout A: the first 18 categories are its types, labour and consumer as sub-rows, the 6 added under their types', () => {
    expect(LAYOUT_A.version).toMatch(/^A-/);
    const leaves = leafRows(LAYOUT_A);
    expect(leaves).toHaveLength(18);
    expect(new Set(leaves.map((r) => r.key))).toEqual(new Set(CATEGORY_CODES.slice(0, 18)));
    const labour = LAYOUT_A.rows.find((r) => r.key === 'labour');
    expect(labour?.subRows?.map((r) => r.key)).toEqual(['WAG', 'LAB']);
    expect(LAYOUT_A.rows.find((r) => r.key === 'consumer')?.subRows?.map((r) => r.key)).toEqual(['TOU', 'ECM', 'CSM']);
    expect({ INH: leafOf(LAYOUT_A, 'INH'), LEN: leafOf(LAYOUT_A, 'LEN'), FIN: leafOf(LAYOUT_A, 'FIN'), IPR: leafOf(LAYOUT_A, 'IPR'), VIL: leafOf(LAYOUT_A, 'VIL'), SCH: leafOf(LAYOUT_A, 'SCH') }).toEqual({
      INH: 'FAM',
      LEN: 'CON',
      FIN: 'CON',
      IPR: 'OTH',
      VIL: 'OTH',
      SCH: 'OTH',
    });
  });

  it('layout B: the 15 types of the older reports, with their categories as domain.md lists them', () => {
    expect(LAYOUT_B.version).toMatch(/^B-/);
    expect(LAYOUT_B.rows).toHaveLength(15);
    expect(LAYOUT_B.rows.every((r) => !r.subRows)).toBe(true);
    const of = Object.fromEntries(LAYOUT_B.rows.map((r) => [r.name['zh-CN'], [...r.categories].sort().join(',')]));
    expect(of).toEqual({
      婚姻家庭纠纷: 'FAM,INH',
      邻里纠纷: 'NBR',
      房屋宅基地纠纷: 'HSE',
      合同纠纷: 'CON,FIN,LEN',
      生产经营纠纷: 'BUS',
      损害赔偿纠纷: 'DMG',
      山林土地纠纷: 'LND',
      征地拆迁纠纷: 'EXP',
      环境污染纠纷: 'ENV',
      劳动争议纠纷: 'LAB,WAG',
      消费纠纷: 'CSM,ECM,TOU',
      医疗纠纷: 'MED',
      道路交通事故纠纷: 'TRF',
      物业纠纷: 'PRP',
      其他纠纷: 'IPR,OTH,SCH,VIL',
    });
  });

  it('finds a category counted twice or nowhere, and a group that is not its sub-rows', () => {
    const broken: ReportLayout = { ...LAYOUT_B, version: 'B-test', rows: [...LAYOUT_B.rows.slice(0, 14), { key: 'x', name: LAYOUT_B.rows[0]!.name, categories: ['FAM'] }] };
    const problems = layoutProblems(broken);
    expect(problems).toContain('B-test: FAM is counted in family and x');
    expect(problems).toContain('B-test: IPR is counted in no row');
    const badGroup: ReportLayout = { ...LAYOUT_A, rows: LAYOUT_A.rows.map((r) => (r.key === 'labour' ? { ...r, categories: ['WAG'] } : r)) };
    expect(layoutProblems(badGroup)).toContain(`${LAYOUT_A.version}: labour is not the sum of its sub-rows`);
  });
});
