// The agreement as a sequence of blocks in reading order (title, parties, facts, numbered clauses,
// signature blocks), in the words of one language; render.ts lays the blocks out on A4 pages.
import { INSTITUTION_TIME_ZONE, todayIn } from '../../domain/deadlines';
import type { Party } from '../../domain/model';
import { partiesForUse } from '../../domain/identity-numbers';
import { orderParties } from '../../domain/party-order';
import type { HandSignature } from '../hand-signature';
import type { AgreementContent, Term } from '../model';
import { WORDING, type DocumentLanguage, type Wording } from './wording';

export interface AgreementDocumentInput {
  caseNumber: string;
  parties: readonly Party[];
  content: AgreementContent;
  institutionName: string;
  mediator: { id: string; name: string };
  /** Hand signatures collected so far (a draft or a preview has none or some). */
  signatures: readonly HandSignature[];
  version: number;
  /** A draft is marked on every page as without effect. */
  draft: boolean;
  language: DocumentLanguage;
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'right'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; indent: boolean }
  | { kind: 'signature'; label: string; name: string; signature: HandSignature | null; date: string | null }
  | { kind: 'gap'; height: number };

function partyName(party: Party | undefined, w: Wording, lang: DocumentLanguage): string {
  if (!party) return '';
  const side = party.kind === 'agent' ? w.agent : w.side[party.side];
  return lang === 'zh-CN' ? `${side}${party.name}` : `${side} ${party.name}`;
}

function particulars(party: Party, byId: ReadonlyMap<string, Party>, w: Wording, lang: DocumentLanguage): string {
  const sep = lang === 'zh-CN' ? '，' : ', ';
  const colon = lang === 'zh-CN' ? '：' : ': ';
  const label = (text: string, value: string) => (value.trim() === '' ? [] : [`${text}${colon}${value}`]);
  const head = `${party.kind === 'agent' ? w.agent : w.side[party.side]}${colon}${party.name}`;
  let parts: string[];
  if (party.kind === 'natural') parts = [...label(w.idLabel[party.idType], party.idNumber), ...label(w.address, party.address), ...label(w.phone, party.phone)];
  else if (party.kind === 'legal')
    parts = [...label(w.creditCode, party.creditCode), ...label(w.residence, party.address), ...label(w.legalRepresentative, party.legalRepresentative), ...label(w.phone, party.phone)];
  else parts = [w.agentOf(party.firm, partyName(byId.get(party.principalId), w, lang)), ...label(w.licence, party.licenseNo), ...label(w.phone, party.phone)];
  return [head, ...parts].join(sep) + w.sentenceEnd;
}

function termText(term: Term, byId: ReadonlyMap<string, Party>, w: Wording, lang: DocumentLanguage): string {
  const who = (id: string) => partyName(byId.get(id), w, lang);
  const note = (text: string) => (text.trim() === '' ? '' : (lang === 'zh-CN' ? '' : ' ') + text.trim());
  switch (term.kind) {
    case 'payment':
      return (
        w.payment(who(term.payerId), who(term.payeeId), w.date(term.dueDate), w.money(term.amountFen), w.method[term.method]) +
        (term.account.trim() === '' ? '' : (lang === 'zh-CN' ? '' : ' ') + w.account(term.account.trim())) +
        note(term.note)
      );
    case 'instalments': {
      const total = term.instalments.reduce((sum, i) => sum + i.amountFen, 0);
      const list = term.instalments.map((inst, k) => w.instalment(k + 1, w.date(inst.dueDate), w.money(inst.amountFen))).join(w.listSeparator) + w.sentenceEnd;
      return (
        w.instalments(who(term.payerId), who(term.payeeId), term.instalments.length, w.money(total), w.method[term.method]) +
        (lang === 'zh-CN' ? '' : ' ') +
        list +
        (term.accelerateOnDefault ? (lang === 'zh-CN' ? '' : ' ') + w.accelerate(who(term.payerId), who(term.payeeId)) : '') +
        (term.account.trim() === '' ? '' : (lang === 'zh-CN' ? '' : ' ') + w.account(term.account.trim())) +
        note(term.note)
      );
    }
    case 'performance':
      return w.performance(who(term.obligorId), who(term.obligeeId), w.date(term.dueDate), term.action.trim(), term.place.trim());
    case 'return_property':
      return w.returnProperty(who(term.obligorId), who(term.obligeeId), w.date(term.dueDate), term.items.trim(), term.place.trim());
    case 'apology':
      return w.apologyTerm(who(term.obligorId), who(term.obligeeId), w.date(term.dueDate), w.apology[term.form]);
    case 'other':
      return term.text.trim();
  }
}

function paragraphs(text: string): Block[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => ({ kind: 'paragraph', text: line, indent: true }) as const);
}

function signedDate(signature: HandSignature | null, w: Wording): string | null {
  return signature ? w.signedOn(w.date(todayIn(INSTITUTION_TIME_ZONE, new Date(signature.capturedAt)))) : null;
}

export function composeAgreement(input: AgreementDocumentInput): Block[] {
  const w = WORDING[input.language];
  const lang = input.language;
  const { content } = input;
  // Full ID numbers only in the signed Chinese original; a draft and the translation copy mask them.
  const parties = partiesForUse(input.parties, input.draft ? 'draft' : lang === 'zh-CN' ? 'legal_document' : 'translation');
  const byId = new Map(parties.map((p) => [p.id, p]));
  const ordered = orderParties(parties);
  const principals = ordered.filter((p) => p.kind !== 'agent');
  const blocks: Block[] = [{ kind: 'title', text: w.title }, { kind: 'right', text: w.number(input.caseNumber) }, { kind: 'heading', text: w.partiesHeading }];
  for (const party of ordered) blocks.push({ kind: 'paragraph', text: particulars(party, byId, w, lang), indent: true });
  blocks.push({ kind: 'heading', text: w.factsHeading }, ...paragraphs(content.facts));
  blocks.push({ kind: 'heading', text: w.disputeHeading }, ...paragraphs(content.dispute));
  blocks.push({ kind: 'heading', text: w.responsibilityHeading }, ...paragraphs(content.responsibility));
  blocks.push({ kind: 'gap', height: 6 }, { kind: 'paragraph', text: w.termsIntro, indent: true });
  let n = 0;
  for (const term of content.terms) blocks.push({ kind: 'paragraph', text: w.ordinal(++n) + termText(term, byId, w, lang), indent: true });
  if (content.defaultClause.trim() !== '') blocks.push({ kind: 'paragraph', text: w.ordinal(++n) + w.defaultHeading + content.defaultClause.trim().replace(/\n+/g, ' '), indent: true });
  if (content.otherMatters.trim() !== '') blocks.push({ kind: 'paragraph', text: w.ordinal(++n) + w.otherHeading + content.otherMatters.trim().replace(/\n+/g, ' '), indent: true });
  blocks.push({ kind: 'paragraph', text: w.ordinal(n + 1) + w.effect(content.copies, principals.length), indent: true });
  blocks.push({ kind: 'gap', height: 10 }, { kind: 'heading', text: w.partiesSign });
  const signatureOf = (id: string, role: HandSignature['signerRole'][]) => input.signatures.find((s) => s.signerId === id && role.includes(s.signerRole)) ?? null;
  for (const party of ordered) {
    const signature = signatureOf(party.id, ['party', 'agent']);
    blocks.push({ kind: 'signature', label: party.kind === 'agent' ? w.agent : w.side[party.side], name: party.name, signature, date: signedDate(signature, w) });
  }
  blocks.push({ kind: 'heading', text: w.mediatorSign });
  const mediatorSignature = signatureOf(input.mediator.id, ['mediator']);
  blocks.push({ kind: 'signature', label: '', name: input.mediator.name, signature: mediatorSignature, date: signedDate(mediatorSignature, w) });
  blocks.push({ kind: 'gap', height: 6 }, { kind: 'paragraph', text: w.committeeSeal(input.institutionName), indent: false });
  blocks.push({ kind: 'paragraph', text: w.electronicNote, indent: false });
  blocks.push({ kind: 'paragraph', text: w.placeAndDate(content.place.trim(), w.date(content.agreementDate)), indent: false });
  return blocks;
}
