// First run by kind of institution, the administrator's checklist ticked from what the workstation
// holds, and the institution's figures.
import { describe, expect, it } from 'vitest';
import { setupInstitution } from '../../../renderer/features/auth/accounts';
import { updateInstitution } from '../../../renderer/features/settings/institution-store';
import { readChecklistState } from '../../../renderer/features/home/checklist-state';
import { checklistDone, setupChecklist } from '../../../renderer/features/home/checklist';
import { countFigures } from '../../../renderer/features/home/figures';
import { addUser, creditCode, freshDb, setUp } from './helpers';

const COURT = '芜湖市镜湖区人民法院';
const admin = { username: 'admin', displayName: '管理员', password: 'admin2026pass' };

describe('first run by kind', () => {
  it('sets up a court as its own court, numbering from its own code, asking no court and no prefix', async () => {
    const db = freshDb();
    const result = await setupInstitution(db, {
      // What the form held before the kind was switched to a court does not count.
      institution: { kind: 'court', name: COURT, creditCode: creditCode('11340202MB1234567'), address: '安徽省芜湖市镜湖区', court: { name: '别的法院', code: '皖0202' }, caseNumberPrefix: '芜解' },
      admin,
    });
    expect(result.ok).toBe(true);
    const institution = await db.institution.get();
    expect(institution).toMatchObject({ kind: 'court', name: COURT, court: { name: COURT, code: '皖0202' }, caseNumberPrefix: '皖0202' });
  });

  it('asks a court for its code', async () => {
    const db = freshDb();
    const result = await setupInstitution(db, {
      institution: { kind: 'court', name: COURT, creditCode: creditCode('11340202MB1234567'), address: '安徽省芜湖市镜湖区', court: { name: '' }, caseNumberPrefix: '' },
      admin,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fieldErrors.map((e) => `${String(e.path)}:${e.code}`)).toEqual(['institution.court.code:required']);
  });

  it('keeps a court its own court when its details change, with no intake address of its own', async () => {
    const db = freshDb();
    const result = await setupInstitution(db, {
      institution: { kind: 'court', name: COURT, creditCode: creditCode('11340202MB1234567'), address: '安徽省芜湖市镜湖区', court: { name: '', code: '皖0202' }, caseNumberPrefix: '' },
      admin,
    });
    if (!result.ok) throw new Error(result.error.code);
    const renamed = `${COURT}（新址）`;
    const updated = await updateInstitution(db, result.value.admin, 1, {
      name: renamed,
      creditCode: creditCode('11340202MB1234567'),
      address: '安徽省芜湖市镜湖区新路 2 号',
      court: { name: '', code: '皖0202', intakeUrl: 'https://court.example/intake' },
      caseNumberPrefix: '皖0202',
      caseNumberPattern: '（{year}）{prefix}字第{seq:5}号',
    });
    expect(updated).toMatchObject({ ok: true, value: { kind: 'court', court: { name: renamed, code: '皖0202', intakeUrl: '' } } });
  });

  it('sets up a mediation institution as before when no kind is given', async () => {
    const db = freshDb();
    await setUp(db);
    expect(await db.institution.get()).toMatchObject({ kind: 'mediation', court: { name: COURT, code: '皖0202' }, caseNumberPrefix: '芜解' });
  });
});

describe('the administrator checklist', () => {
  it('ticks a center’s steps from its accounts, identity, certificates and court address', async () => {
    const db = freshDb();
    const admin = await setUp(db);
    const before = setupChecklist('mediation', await readChecklistState(db));
    expect(before.map((i) => [i.step, i.done, i.to])).toEqual([
      ['add_mediators', false, '/admin/users'],
      ['institution_identity', false, '/settings'],
      ['mediator_certificates', false, '/settings'],
      ['court_intake', false, '/settings'],
    ]);
    await addUser(db, admin, 'wangfang', 'mediator');
    const institution = (await db.institution.get())!;
    await updateInstitution(db, admin, institution.version, { ...institution, court: { ...institution.court, intakeUrl: 'https://court.example/intake' } });
    const after = setupChecklist('mediation', await readChecklistState(db));
    expect(after.filter((i) => i.done).map((i) => i.step)).toEqual(['add_mediators', 'court_intake']);
    expect(checklistDone(after)).toBe(false);
  });

  it('asks a court for clerks and its identity only', async () => {
    const db = freshDb();
    await setUp(db);
    const items = setupChecklist('court', await readChecklistState(db));
    expect(items.map((i) => i.step)).toEqual(['add_clerks', 'institution_identity']);
    expect(checklistDone(setupChecklist('court', { workers: 1, mediators: 0, certifiedMediators: 0, hasIdentity: true, courtIntakeSet: false }))).toBe(true);
  });
});

describe('the institution’s figures', () => {
  it('counts every case and each status that has any, in the lifecycle’s order', () => {
    const figures = countFigures([{ status: 'in_mediation' }, { status: 'registered' }, { status: 'in_mediation' }, { status: 'confirmed' }]);
    expect(figures).toEqual({
      total: 4,
      byStatus: [
        { status: 'registered', count: 1 },
        { status: 'in_mediation', count: 2 },
        { status: 'confirmed', count: 1 },
      ],
    });
  });
});
