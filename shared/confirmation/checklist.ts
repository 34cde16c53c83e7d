// The materials a court requires with an application for judicial confirmation (最高人民法院《关于
// 人民调解协议司法确认程序的若干规定》art. 3; domain.md) and the 30-day time limit (民事诉讼法 art.
// 205), judged from the manifest's roles. The clerk's verification lists what is missing; the
// app can show the same list before it builds a package.
import { confirmationDeadline, daysBetween, isIsoDate } from '../domain/deadlines';
import { checkResult, detail, type CheckDetail, type CheckKey, type CheckResult } from './check-detail';
import type { FileRole, Manifest, PackageParty } from './manifest';

export type { CheckResult } from './check-detail';

const describeParty = (p: PackageParty): CheckDetail => detail(p.kind === 'agent' ? 'party.agent' : `party.${p.side}`, { name: p.name });

function filesOf(manifest: Manifest, role: FileRole) {
  return manifest.files.filter((f) => f.role === role);
}

/** The one file of a role: none and several are both wrong. */
function oneFile(id: 'application' | 'agreement', count: number): CheckResult {
  const key: CheckKey = count === 1 ? `checklist.${id}.included` : count === 0 ? `checklist.${id}.missing` : `checklist.${id}.several`;
  return checkResult(`checklist.${id}`, count === 1, detail(key));
}

export function legalChecklist(manifest: Manifest): CheckResult[] {
  const parties = manifest.case.parties;
  const results = [oneFile('application', filesOf(manifest, 'application').length), oneFile('agreement', filesOf(manifest, 'agreement').length)];
  const add = (id: string, ok: boolean, yes: CheckDetail, no: CheckDetail) => results.push(checkResult(id, ok, ok ? yes : no));

  // The application is joint: both sides of the dispute must be parties to it.
  const sides = new Set(parties.filter((p) => p.kind !== 'agent').map((p) => p.side));
  add('checklist.parties', sides.has('applicant') && sides.has('respondent'), detail('checklist.parties.joint'), detail('checklist.parties.one_side'));

  const withIdentity = new Set(filesOf(manifest, 'identity').map((f) => f.party));
  const unidentified = parties.filter((p) => !withIdentity.has(p.id));
  add('checklist.identity', unidentified.length === 0, detail('checklist.identity.included', { parties: parties.length }), detail('checklist.identity.missing', {}, unidentified.map(describeParty)));

  const agents = parties.filter((p) => p.kind === 'agent');
  const withAuthority = new Set(filesOf(manifest, 'authority').map((f) => f.party));
  const unauthorised = agents.filter((p) => !withAuthority.has(p.id));
  const authorised = detail(agents.length === 0 ? 'checklist.authority.no_agent' : 'checklist.authority.included');
  add('checklist.authority', unauthorised.length === 0, authorised, detail('checklist.authority.missing', {}, unauthorised.map(describeParty)));

  const property = filesOf(manifest, 'property').length;
  const concerns = manifest.case.concernsProperty;
  const proven = concerns ? detail('checklist.property.included', { count: property }) : detail('checklist.property.not_concerned');
  add('checklist.property', !concerns || property > 0, proven, detail('checklist.property.missing'));
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
  const result = (ok: boolean, d: CheckDetail) => checkResult('deadline', ok, d);
  const { agreementEffectiveOn: effective, confirmationDeadline: stated } = dates;
  if (!isIsoDate(receivedOn)) return result(false, detail('deadline.not_a_date', { date: JSON.stringify(receivedOn) }));
  const deadline = confirmationDeadline(effective);
  if (stated !== deadline) return result(false, detail('deadline.stated_wrong', { stated, effective, deadline }));
  const counted = [detail(countedFrom === 'first_filing' ? 'deadline.first_filing' : 'deadline.received_on', { received: receivedOn })];
  if (daysBetween(effective, receivedOn) < 0) return result(false, detail('deadline.before_effective', { effective }, counted));
  const left = daysBetween(receivedOn, deadline);
  if (left < 0) return result(false, detail('deadline.late', { count: -left, deadline, effective }, counted));
  return result(true, detail('deadline.in_time', { count: left, deadline }, counted));
}
