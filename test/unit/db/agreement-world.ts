// A case in mediation with the institution's identity and a mediator, and an agreement drafted,
// finalised and signed by hand: the starting point of the agreement and confirmation db tests.
import { getParties } from '../../../renderer/features/case-store';
import { issueMediatorCertificateTo } from '../../../renderer/features/identity/mediators';
import { generateIdentity, lockIdentity } from '../../../renderer/features/identity/store';
import { addHandSignature, createDraft, finaliseAgreement, saveDraft } from '../../../renderer/features/agreements/store';
import { fontCoverage } from '../../../shared/agreement/pdf/fonts';
import { content, FONTS, handSignature } from '../agreement/agreement-fixtures';
import { addUser, caseInMediation, neighbourIntake } from './helpers';
import { world } from './evidence-helpers';

export const INSTITUTION = 'institution pass 2026';
export const MEDIATOR = 'mediator pass 2026';
export const covers = fontCoverage(FONTS).any;
export const NOW = new Date('2026-11-23T02:00:00Z');

// The renderer fetches the shipped fonts over HTTP; in Node the test serves them from the files.
globalThis.fetch = (async (url: string | URL) => {
  const name = String(url).includes('DejaVu') ? FONTS.latin : FONTS.cjk;
  return new Response(name as Uint8Array<ArrayBuffer>);
}) as typeof fetch;

export async function setting() {
  const w = await world();
  const mediator = await addUser(w.db, w.admin, 'zhaotiao', 'mediator');
  const generated = await generateIdentity(w.db, w.platform, w.admin, { name: '芜湖市镜湖区人民调解委员会', creditCode: (await w.db.institution.get())!.creditCode, passphrase: INSTITUTION }, new Date(NOW.getTime() - 86_400_000));
  if (!generated.ok) throw generated.error;
  const intake = neighbourIntake('王堃');
  intake.parties[1] = { ...intake.parties[1], name: '刘䶮', address: '芜湖市弋江区' } as (typeof intake.parties)[1];
  const c = await caseInMediation(w.db, w.admin, mediator, intake);
  const parties = getParties(w.db, c.id);
  const [applicant, respondent] = (await parties).filter((p) => p.kind !== 'agent');
  if (!applicant || !respondent) throw new Error('parties missing');
  return { ...w, mediator, caseId: c.id, applicant, respondent };
}

export function agreedContent(applicantId: string, respondentId: string) {
  return content({
    terms: [{ id: 't1', kind: 'payment', payerId: respondentId, payeeId: applicantId, amountFen: 5_000_000, dueDate: '2026-12-31', method: 'bank_transfer', account: '', note: '' }],
    copies: 3,
  });
}

export async function issued(s: Awaited<ReturnType<typeof setting>>) {
  const result = await issueMediatorCertificateTo(s.db, s.platform, s.admin, { userId: s.mediator.id, keyPassphrase: MEDIATOR, institutionPassphrase: INSTITUTION }, NOW);
  if (!result.ok) throw result.error;
  lockIdentity();
  return result.value;
}

export async function finalised(s: Awaited<ReturnType<typeof setting>>) {
  const draft = await createDraft(s.db, s.mediator, s.caseId, NOW);
  if (!draft.ok) throw draft.error;
  const saved = await saveDraft(s.db, s.mediator, draft.value.id, draft.value.rev, agreedContent(s.applicant.id, s.respondent.id));
  if (!saved.ok) throw saved.error;
  const final = await finaliseAgreement(s.db, s.mediator, saved.value.id, saved.value.rev, covers);
  if (!final.ok) throw final.error;
  return final.value;
}

export async function finaliseDraft(s: Awaited<ReturnType<typeof setting>>, draft: Awaited<ReturnType<typeof finalised>> | null) {
  if (!draft) throw new Error('no draft');
  const final = await finaliseAgreement(s.db, s.mediator, draft.id, draft.rev, covers);
  if (!final.ok) throw final.error;
  return final.value;
}

export async function allSigned(s: Awaited<ReturnType<typeof setting>>, from?: Awaited<ReturnType<typeof finalised>>, capturedAt?: string) {
  let agreement = from ?? (await finalised(s));
  for (const [id, role, name] of [
    [s.applicant.id, 'party', s.applicant.name],
    [s.respondent.id, 'party', s.respondent.name],
    [s.mediator.id, 'mediator', s.mediator.displayName],
  ] as const) {
    const signed = await addHandSignature(s.db, s.platform, s.mediator, agreement.id, agreement.rev, handSignature(id, role, name, capturedAt));
    if (!signed.ok) throw signed.error;
    agreement = signed.value;
  }
  return agreement;
}

