// The materials a court requires with an application for judicial confirmation (最高人民法院《关于
// 人民调解协议司法确认程序的若干规定》art. 3; domain.md) and the 30-day time limit (民事诉讼法 art.
// 205), judged from the manifest's roles. The clerk's verification lists what is missing; the
// app can show the same list before it builds a package.
import { confirmationDeadline, daysBetween, isIsoDate } from '../domain/deadlines';
import type { FileRole, Manifest, PackageParty } from './manifest';

export interface CheckResult {
  id: string;
  ok: boolean;
  message: string;
}

const describeParty = (p: PackageParty) => `${p.name} (${p.kind === 'agent' ? 'agent' : p.side})`;

function filesOf(manifest: Manifest, role: FileRole) {
  return manifest.files.filter((f) => f.role === role);
}

export function legalChecklist(manifest: Manifest): CheckResult[] {
  const results: CheckResult[] = [];
  const add = (id: string, ok: boolean, yes: string, no: string) => results.push({ id, ok, message: ok ? yes : no });
  const parties = manifest.case.parties;

  const applications = filesOf(manifest, 'application').length;
  add('checklist.application', applications === 1, 'The application (司法确认申请书) is included.', applications === 0 ? 'The application (司法确认申请书) is missing.' : 'More than one file is marked as the application.');
  const agreements = filesOf(manifest, 'agreement').length;
  add('checklist.agreement', agreements === 1, 'The mediation agreement (人民调解协议书) is included.', agreements === 0 ? 'The mediation agreement (人民调解协议书) is missing.' : 'More than one file is marked as the agreement.');

  // The application is joint: both sides of the dispute must be parties to it.
  const principals = parties.filter((p) => p.kind !== 'agent');
  const sides = new Set(principals.map((p) => p.side));
  add('checklist.parties', sides.has('applicant') && sides.has('respondent'), 'Both sides of the dispute apply jointly.', 'The application is joint: the case needs at least one applicant and one respondent.');

  const withIdentity = new Set(filesOf(manifest, 'identity').map((f) => f.party));
  const unidentified = parties.filter((p) => !withIdentity.has(p.id));
  add('checklist.identity', unidentified.length === 0, `Identity documents of all ${parties.length} parties and agents are included.`, `Identity documents are missing for: ${unidentified.map(describeParty).join(', ')}.`);

  const agents = parties.filter((p) => p.kind === 'agent');
  const withAuthority = new Set(filesOf(manifest, 'authority').map((f) => f.party));
  const unauthorised = agents.filter((p) => !withAuthority.has(p.id));
  add(
    'checklist.authority',
    unauthorised.length === 0,
    agents.length === 0 ? 'No party acts through an agent, so no power of attorney is needed.' : `Every agent's power of attorney (授权委托书) is included.`,
    `The power of attorney (授权委托书) is missing for: ${unauthorised.map(describeParty).join(', ')}.`,
  );

  const property = filesOf(manifest, 'property').length;
  add(
    'checklist.property',
    !manifest.case.concernsProperty || property > 0,
    manifest.case.concernsProperty ? `Proof of the property rights concerned is included (${property} file${property === 1 ? '' : 's'}).` : 'The agreement concerns no property, so no proof of property rights is needed.',
    'The agreement concerns property, but no proof of the property rights (role "property") is included.',
  );
  return results;
}

/** The dates of the agreement the 30-day limit is counted from, as the manifest states them. */
export type AgreementDates = Pick<Manifest['case'], 'agreementEffectiveOn' | 'confirmationDeadline'>;

/**
 * Which day meets the limit: the day this package was received, or — for a new version that
 * continues its predecessor's case after 补正 — the day the court first received the application,
 * because the law limits when the application is filed, not when a supplement arrives.
 */
export type CountedFrom = 'received' | 'first_filing';

/**
 * The 30-day limit: the manifest's deadline must be the agreement's effective date + 30 (counted
 * as deadlines.ts counts), and the court must have received the application by then.
 */
export function deadlineCheck(dates: AgreementDates, receivedOn: string, countedFrom: CountedFrom = 'received'): CheckResult {
  const id = 'deadline';
  const { agreementEffectiveOn, confirmationDeadline: stated } = dates;
  if (!isIsoDate(receivedOn)) return { id, ok: false, message: `The date of receipt ${JSON.stringify(receivedOn)} is not a calendar date.` };
  const deadline = confirmationDeadline(agreementEffectiveOn);
  if (stated !== deadline) return { id, ok: false, message: `The manifest states the deadline ${stated}, but the agreement took effect on ${agreementEffectiveOn}, so the deadline is ${deadline}.` };
  const received = countedFrom === 'first_filing' ? `Counted from the first filing, received on ${receivedOn} (this version continues it after 补正)` : `Received on ${receivedOn}`;
  if (daysBetween(agreementEffectiveOn, receivedOn) < 0) return { id, ok: false, message: `${received}, before the agreement took effect (${agreementEffectiveOn}).` };
  const left = daysBetween(receivedOn, deadline);
  if (left < 0) return { id, ok: false, message: `${received}, ${-left} day${left === -1 ? '' : 's'} after the 30-day deadline of ${deadline} (agreement effective ${agreementEffectiveOn}).` };
  return { id, ok: true, message: `${received}, within the 30-day deadline of ${deadline} (${left} day${left === 1 ? '' : 's'} to spare).` };
}
