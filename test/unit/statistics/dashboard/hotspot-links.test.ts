// The hotspots' lines open the case list filtered to exactly the cases they count: a rising
// district its cases of the period (with the dashboard's category, mediator and source), a
// category's open cases at risk those cases whenever registered. Checked against the list's count
// over a restored seed whose cases carry districts and risk marks.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DataStore } from '../../../../renderer/data';
import { countCases } from '../../../../renderer/features/case-store';
import type { User } from '../../../../shared/domain/model';
import { caseListQuery, computeHotspots, type DashboardFilter, type FigureSelection } from '../../../../shared/statistics/dashboard';
import type { SeedDataset } from '../../../../shared/seed/generate';
import { markedSeededDb } from '../../db/marked-seed';
import { SEED_TODAY } from '../../db/seeded';

describe('hotspot lines and the case list', () => {
  let db: DataStore;
  let data: SeedDataset;
  let admin: User;
  beforeAll(async () => {
    ({ db, data } = await markedSeededDb(900, 21));
    admin = data.users.find((u) => u.role === 'admin')!;
  }, 120_000);

  it('builds the list query of a district line and of an at-risk line', () => {
    const filter: DashboardFilter = { period: { kind: 'quarter', year: 2026, quarter: 1 }, source: 'police' };
    expect(caseListQuery(filter, { district: '镜湖区' })).toEqual({ sort: 'registeredAt', dir: 'desc', source: 'police', district: '镜湖区', from: '2026-01-01', to: '2026-03-31' });
    expect(caseListQuery(filter, { category: 'FAM', atRisk: true })).toEqual({ sort: 'registeredAt', dir: 'desc', source: 'police', category: 'FAM', risk: true });
  });

  it('every district and at-risk line counts what the list it opens counts', async () => {
    const cells = (await db.cases.dashboard()).cells;
    const mediator = data.users.find((u) => u.role === 'mediator')!;
    const filters: DashboardFilter[] = [
      { period: { kind: 'all' } },
      { period: { kind: 'year', year: 2026 } },
      { period: { kind: 'year', year: 2026 }, category: 'NBR' },
      { period: { kind: 'quarter', year: 2026, quarter: 1 } },
      { period: { kind: 'quarter', year: 2026, quarter: 2 }, source: 'walk_in' },
      { period: { kind: 'month', year: 2026, month: 3 } },
      { period: { kind: 'year', year: 2026 }, mediatorId: mediator.id },
      { period: { kind: 'year', year: 2026 }, mediatorId: 'unassigned' },
    ];
    const listCount = async (filter: DashboardFilter, selection: FigureSelection) =>
      (await countCases(db, caseListQuery(filter, selection), admin, { today: SEED_TODAY })).count;
    let districtLines = 0;
    let riskLines = 0;
    for (const filter of filters) {
      const hotspots = computeHotspots(cells, filter);
      for (const line of hotspots.districts) {
        expect({ filter, line: line.key, n: await listCount(filter, { district: line.key }) }).toEqual({ filter, line: line.key, n: line.current });
        districtLines += 1;
      }
      for (const line of hotspots.atRisk) {
        expect({ filter, line: line.category, n: await listCount(filter, { category: line.category, atRisk: true }) }).toEqual({ filter, line: line.category, n: line.open });
        riskLines += 1;
      }
    }
    expect(districtLines).toBeGreaterThan(3);
    expect(riskLines).toBeGreaterThan(10);
  });
});
