// Issue 15 item 1: a legal status comes only from the act that makes it true. The acts recorded by
// hand — an oral agreement with its content, a paper filing with the court's acknowledgement, a
// paper ruling with its scan — go into the ledger and move the case in one step; the status
// buttons' moves are refused; a paper act is marked as entered by hand.
import { beforeEach, describe, expect, it } from 'vitest';
import { getCase, getCaseEvents, transitionCase } from '../../../renderer/features/case-store';
import { signAgreement } from '../../../renderer/features/agreements/signing';
import { readLedgerRows } from '../../../renderer/features/evidence/store';
import { lockIdentity } from '../../../renderer/features/identity/store';
import { recordOralAgreement, recordPaperFiling, registerPaperRuling } from '../../../renderer/features/acts/store';
import { statusBasis } from '../../../shared/domain/lifecycle';
import { allSigned, INSTITUTION, issued, MEDIATOR, NOW, setting } from './agreement-world';
import { fileOf } from './evidence-helpers';

beforeEach(() => lockIdentity());

const TODAY = '2026-11-23';
const context = { today: TODAY, now: NOW };

async function version(s: Awaited<ReturnType<typeof setting>>): Promise<number> {
  return (await getCase(s.db, s.caseId))!.version;
}

describe('legal acts recorded by hand', () => {
  it('records an oral agreement with its content in the ledger, and only so reaches agreement', { timeout: 60_000 }, async () => {
    const s = await setting();
    const byButton = await transitionCase(s.db, s.mediator, s.caseId, await version(s), 'agreement_reached', { today: TODAY, agreementEffectiveOn: TODAY });
    expect(byButton).toMatchObject({ ok: false, error: { code: 'lifecycle.act_required' } });

    const empty = await recordOralAgreement(s.db, s.platform, s.mediator, s.caseId, await version(s), { content: '  ', reachedOn: '2026-11-24' }, context);
    expect(empty).toMatchObject({ ok: false, error: { code: 'acts.invalid', fieldErrors: [{ path: 'content', code: 'required' }, { path: 'reachedOn', code: 'lifecycle.act_date_future' }] } });
    expect(await readLedgerRows(s.db, s.caseId)).toHaveLength(0);

    const recorded = await recordOralAgreement(s.db, s.platform, s.mediator, s.caseId, await version(s), { content: '被申请人于2026年12月31日前向申请人支付5万元。', reachedOn: '2026-11-22' }, context);
    if (!recorded.ok) throw recorded.error;
    expect(recorded.value.case).toMatchObject({ status: 'agreement_reached', statusAct: 'oral_agreement', agreementEffectiveOn: '2026-11-22' });
    expect(statusBasis(recorded.value.case)).toBe('act');
    const [row] = await readLedgerRows(s.db, s.caseId);
    expect(row?.entry).toMatchObject({ kind: 'agreement', title: '口头调解协议（2026-11-22）' });
    const text = new TextDecoder().decode((await s.platform.blobs.get(row!.entry.contentSha256!))!);
    expect(text).toContain('被申请人于2026年12月31日前向申请人支付5万元。');
    const transition = (await getCaseEvents(s.db, s.caseId)).filter((e) => e.action === 'case.transition').at(-1);
    expect(transition?.after).toMatchObject({ status: 'agreement_reached', act: 'oral_agreement', ledgerSeq: row!.seq });
  });

  it('records a paper filing and a paper ruling with their scans, marked as entered by hand', { timeout: 120_000 }, async () => {
    const s = await setting();
    await issued(s);
    const ready = await allSigned(s);
    const signed = await signAgreement(s.db, s.platform, s.mediator, ready.id, ready.rev, { mediatorPassphrase: MEDIATOR, institutionPassphrase: INSTITUTION, now: NOW });
    if (!signed.ok) throw signed.error;
    expect(await getCase(s.db, s.caseId)).toMatchObject({ status: 'agreement_reached', statusAct: 'signed_agreement' });
    const entries = (await readLedgerRows(s.db, s.caseId)).length;

    // The status buttons' shortcuts are refused in the store.
    expect(await transitionCase(s.db, s.mediator, s.caseId, await version(s), 'confirmation_applied', { today: TODAY })).toMatchObject({ ok: false, error: { code: 'lifecycle.act_required' } });

    const noScan = await recordPaperFiling(s.db, s.platform, s.mediator, s.caseId, await version(s), { court: '', receivedOn: TODAY, scan: fileOf('回执.pdf', '') }, context);
    expect(noScan).toMatchObject({ ok: false, error: { code: 'acts.invalid', fieldErrors: [{ path: 'court', code: 'required' }, { path: 'scan', code: 'acts.scan_required' }] } });
    const filed = await recordPaperFiling(s.db, s.platform, s.mediator, s.caseId, await version(s), { court: '芜湖市镜湖区人民法院', receivedOn: TODAY, scan: fileOf('收件回执.pdf', '%PDF acknowledgement') }, context);
    if (!filed.ok) throw filed.error;
    expect(filed.value.case).toMatchObject({ status: 'confirmation_applied', statusAct: 'paper_filing' });
    expect(statusBasis(filed.value.case)).toBe('entered_by_hand');
    expect(filed.value.entry).toMatchObject({ kind: 'file', title: `法院收件回执（手工录入）芜湖市镜湖区人民法院 ${TODAY}` });

    expect(await transitionCase(s.db, s.mediator, s.caseId, await version(s), 'confirmed', { today: TODAY })).toMatchObject({ ok: false, error: { code: 'lifecycle.act_required' } });
    const noGrounds = await registerPaperRuling(s.db, s.platform, s.mediator, s.caseId, await version(s), { court: '芜湖市镜湖区人民法院', courtCaseNumber: '（2026）皖0202民特12号', decidedOn: TODAY, outcome: 'rejected', grounds: '', scan: fileOf('裁定书.pdf', '%PDF ruling') }, context);
    expect(noGrounds).toMatchObject({ ok: false, error: { fieldErrors: [{ path: 'grounds', code: 'required' }] } });
    const ruled = await registerPaperRuling(s.db, s.platform, s.mediator, s.caseId, await version(s), { court: '芜湖市镜湖区人民法院', courtCaseNumber: '（2026）皖0202民特12号', decidedOn: TODAY, outcome: 'confirmed', grounds: '', scan: fileOf('裁定书.pdf', '%PDF ruling') }, context);
    if (!ruled.ok) throw ruled.error;
    expect(ruled.value.case).toMatchObject({ status: 'confirmed', statusAct: 'paper_ruling' });
    expect(statusBasis(ruled.value.case)).toBe('entered_by_hand');
    expect(ruled.value.entry).toMatchObject({ kind: 'ruling', title: '民事裁定书 （2026）皖0202民特12号（确认有效，手工录入）' });
    expect(await readLedgerRows(s.db, s.caseId)).toHaveLength(entries + 2);
  });

  it('refuses a paper filing without a signed written agreement, storing nothing', { timeout: 60_000 }, async () => {
    const s = await setting();
    const oral = await recordOralAgreement(s.db, s.platform, s.mediator, s.caseId, await version(s), { content: '双方同意互不追究。', reachedOn: '2026-10-01' }, context);
    if (!oral.ok) throw oral.error;
    const filing = { court: '芜湖市镜湖区人民法院', receivedOn: '2026-11-20', scan: fileOf('收件回执.pdf', '%PDF acknowledgement') };
    expect(await recordPaperFiling(s.db, s.platform, s.mediator, s.caseId, await version(s), filing, context)).toMatchObject({ ok: false, error: { code: 'acts.no_written_agreement' } });
    expect(await readLedgerRows(s.db, s.caseId)).toHaveLength(1);
  });
});
