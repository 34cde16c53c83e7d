// The court's own settings on its workstation, kept in the `meta` table (key `court.settings`) so
// that the institution and settings rows — and every backup made before this feature — stay as they
// were: the court code and case type of its case numbers, the judge the ruling dialog proposes, and
// the institution certificates the court has registered, against which a package's signer is
// authenticated (without one, a package is only consistent, never authenticated).
import { z } from 'zod';
import type { User } from '../../../shared/domain/model';
import { DEFAULT_CASE_TYPE, docketSettingsSchema, type DocketSettings } from '../../../shared/confirmation/court/docket-number';
import type { AuditAction } from '../../../shared/audit/actions';
import type { DataStore } from '../../data';
import { actorOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { mayUseCourtIntake } from './permissions';

export const COURT_SETTINGS_KEY = 'court.settings';
export const MAX_TRUSTED_INSTITUTIONS = 200;

const trustedInstitutionSchema = z.strictObject({
  subject: z.string().max(200),
  fingerprint256: z.string().max(200),
  notAfter: z.string().max(40),
  pem: z.string().min(1).max(20_000),
  addedAt: z.string(),
  addedBy: z.string().max(50),
});
export type TrustedInstitution = z.infer<typeof trustedInstitutionSchema>;

export const courtSettingsSchema = z.strictObject({
  /** Null until the court sets it (the first-run court code is proposed). */
  docket: docketSettingsSchema.nullable(),
  judge: z.string().max(50),
  trusted: z.array(trustedInstitutionSchema).max(MAX_TRUSTED_INSTITUTIONS),
  rev: z.number().int().nonnegative(),
});
export type CourtSettings = z.infer<typeof courtSettingsSchema>;

const EMPTY: CourtSettings = { docket: null, judge: '', trusted: [], rev: 0 };

export async function readCourtSettings(data: DataStore): Promise<CourtSettings> {
  return (await data.meta.get(COURT_SETTINGS_KEY, courtSettingsSchema)) ?? EMPTY;
}

/** The docket settings in force: the saved ones, else the first-run court code with 民特, else null. */
export async function docketSettingsOf(data: DataStore, settings?: CourtSettings): Promise<DocketSettings | null> {
  const saved = (settings ?? (await readCourtSettings(data))).docket;
  if (saved) return saved;
  const code = (await data.institution.get())?.court.code ?? '';
  const proposed = docketSettingsSchema.safeParse({ courtCode: code, caseType: DEFAULT_CASE_TYPE });
  return proposed.success ? proposed.data : null;
}

function requireCourtUser(actor: User): void {
  if (!mayUseCourtIntake(actor)) throw new StoreError('auth.forbidden', 'Only the court clerk or an administrator changes the court settings.');
}

async function write(data: DataStore, actor: User, expectedRev: number, change: (current: CourtSettings) => CourtSettings, action: AuditAction, after: unknown, now: Date): Promise<CourtSettings> {
  return data.transact(actorOf(actor), async () => {
    const current = await readCourtSettings(data);
    if (current.rev !== expectedRev) throw new StoreError('court.settings_changed', 'Someone else changed the court settings meanwhile; they were reloaded.');
    const next = courtSettingsSchema.parse({ ...change(current), rev: current.rev + 1 });
    await data.meta.put(COURT_SETTINGS_KEY, next);
    await data.events.record({ actor: actorOf(actor), at: now, entity: 'settings', entityId: COURT_SETTINGS_KEY, action, after });
    return next;
  });
}

export interface DocketInput {
  courtCode: string;
  caseType: string;
  judge: string;
}

export function saveDocketSettings(data: DataStore, actor: User, expectedRev: number, input: DocketInput, now = new Date()): Promise<StoreResult<CourtSettings>> {
  return asResult(async () => {
    requireCourtUser(actor);
    const parsed = docketSettingsSchema.safeParse({ courtCode: input.courtCode.trim(), caseType: input.caseType.trim() || DEFAULT_CASE_TYPE });
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => ({ path: String(issue.path[0] ?? 'courtCode'), code: `court.${String(issue.path[0] ?? 'courtCode')}_invalid` }));
      throw new StoreError(fields[0]?.code ?? 'court.courtCode_invalid', 'The court code or the case type is not valid.', {}, fields);
    }
    const judge = input.judge.trim();
    if ([...judge].length > 50) throw new StoreError('court.judge_invalid', 'The judge’s name has at most 50 characters.', {}, [{ path: 'judge', code: 'court.judge_invalid' }]);
    return write(data, actor, expectedRev, (s) => ({ ...s, docket: parsed.data, judge }), 'court.settings', { docket: parsed.data, judge }, now);
  });
}

/** Registers an institution's certificate (PEM), read and summarised first; the same one twice is refused. */
export function addTrustedInstitution(data: DataStore, actor: User, expectedRev: number, pemText: string, now = new Date()): Promise<StoreResult<CourtSettings>> {
  return asResult(async () => {
    requireCourtUser(actor);
    const { summarizeCertificate } = await import('../../../shared/identity/certificate');
    const blocks = pemText.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length !== 1) throw new StoreError('court.pem_count', 'Paste or open exactly one certificate (PEM, -----BEGIN CERTIFICATE-----).', { count: blocks.length });
    const pem = `${(blocks[0] as string).trim()}\n`;
    let summary;
    try {
      summary = summarizeCertificate(pem);
    } catch {
      throw new StoreError('court.pem_unreadable', 'The certificate cannot be read; ask the institution for its certificate file again.');
    }
    const entry: TrustedInstitution = { subject: summary.subject, fingerprint256: summary.fingerprint256, notAfter: summary.notAfter, pem, addedAt: now.toISOString(), addedBy: actor.displayName };
    return write(
      data,
      actor,
      expectedRev,
      (s) => {
        if (s.trusted.some((t) => t.fingerprint256 === entry.fingerprint256)) throw new StoreError('court.pem_duplicate', 'This certificate is registered already.', { subject: entry.subject });
        if (s.trusted.length >= MAX_TRUSTED_INSTITUTIONS) throw new StoreError('court.pem_too_many', 'Remove a certificate before registering another.', { max: MAX_TRUSTED_INSTITUTIONS });
        return { ...s, trusted: [...s.trusted, entry] };
      },
      'court.trust_add',
      { subject: entry.subject, fingerprint256: entry.fingerprint256 },
      now,
    );
  });
}

export function removeTrustedInstitution(data: DataStore, actor: User, expectedRev: number, fingerprint256: string, now = new Date()): Promise<StoreResult<CourtSettings>> {
  return asResult(async () => {
    requireCourtUser(actor);
    return write(data, actor, expectedRev, (s) => ({ ...s, trusted: s.trusted.filter((t) => t.fingerprint256 !== fingerprint256) }), 'court.trust_remove', { fingerprint256 }, now);
  });
}
