// The case catalog names its format: a catalog written before the district and the risk mark were
// among its columns (format 1) is left alone by writes and rebuilt from the stored cases at the
// next read, after which the list selects by district and risk like a fresh one.
import { describe, expect, it } from 'vitest';
import { openWorkstationDb } from '../../../renderer/data/dexie/db';
import { CATALOG_FIELDS, CATALOG_FORMAT } from '../../../renderer/data/dexie/case-catalog';
import { countCases, registerCase } from '../../../renderer/features/case-store';
import type { User } from '../../../shared/domain/model';
import { isOpen } from '../../../shared/domain/lifecycle';
import { neighbourIntake } from './helpers';
import { markedSeededDb } from './marked-seed';
import { SEED_TODAY } from './seeded';

const NEW_COLUMNS = new Set([CATALOG_FIELDS.indexOf('district'), CATALOG_FIELDS.indexOf('atRisk')]);
const all = { sort: 'registeredAt', dir: 'desc' } as const;

describe('case catalog format', () => {
  it('rebuilds a catalog of format 1 at the first read, with the cases written meanwhile', async () => {
    const { db, data } = await markedSeededDb(150, 4);
    const admin = data.users.find((u) => u.role === 'admin') as User;
    const raw = openWorkstationDb(db.name);
    const head = (await raw.counters.get('catalog'))!.value as { generation: string; revision: number; format?: number };
    expect(head.format).toBe(CATALOG_FORMAT);
    // The catalog as format 1 wrote it: no format in the head, the chunks without the new columns.
    const chunks = await raw.caseCatalog.toArray();
    await raw.caseCatalog.bulkPut(chunks.map((c) => ({ ...c, columns: c.columns.filter((_, i) => !NEW_COLUMNS.has(i)) })));
    await raw.counters.put({ key: 'catalog', value: { generation: head.generation, revision: head.revision + 5 } });
    raw.close();

    // A write while the stored catalog is of format 1 leaves it alone…
    const registered = await registerCase(db, admin, { ...neighbourIntake('孙三'), district: '镜湖区' }, { today: SEED_TODAY });
    if (!registered.ok) throw registered.error;
    const between = openWorkstationDb(db.name);
    expect((await between.counters.get('catalog'))!.value).not.toHaveProperty('format');
    between.close();

    // …and the next read rebuilds it from the cases, this one included.
    const district = data.cases.filter((c) => c.district === '镜湖区').length + 1;
    expect(await countCases(db, { ...all, district: '镜湖区' }, admin, { today: SEED_TODAY })).toEqual({ count: district });
    const risky = data.cases.filter((c) => c.escalationRisk !== undefined && isOpen(c.status)).length;
    expect(risky).toBeGreaterThan(0);
    expect(await countCases(db, { ...all, risk: true }, admin, { today: SEED_TODAY })).toEqual({ count: risky });
    expect(await countCases(db, all, admin, { today: SEED_TODAY })).toEqual({ count: 151 });
    const after = openWorkstationDb(db.name);
    const rebuilt = (await after.counters.get('catalog'))!.value as { generation: string; format?: number };
    expect(rebuilt.format).toBe(CATALOG_FORMAT);
    expect(rebuilt.generation).not.toBe(head.generation);
    after.close();
  });
});
