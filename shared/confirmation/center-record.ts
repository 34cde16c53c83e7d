// The mediation center's record of one application for judicial confirmation (issue 6), a row of
// the `packages` table beside the court's filings (side 'court'): the application's details and
// hand signatures as collected, the signed application PDF, which ledger items go into the package
// in which role, the built package, and the court's receipt once imported.
import { z } from 'zod';
import { intakeAnswerSchema } from '../protocol/intake';
import { checkDetailSchema } from './check-detail';
import { dateSchema, instantSchema } from '../domain/model';
import { handSignatureSchema } from '../agreement/hand-signature';
import { sha256HexSchema } from '../ledger/entry';
import { UNDERTAKINGS } from './application/model';
import { JURISDICTION_REASONS } from './manifest';
import { RULING_OUTCOMES } from './court/ruling';

const actorSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(100) });

/** How a ledger item goes into the package; `party` names the party (identity) or agent (authority). */
export const materialSchema = z.strictObject({
  ledgerSeq: z.number().int().nonnegative(),
  role: z.enum(['identity', 'authority', 'property', 'evidence']),
  party: z.string().min(1).nullable(),
});
export type Material = z.infer<typeof materialSchema>;

export const centerApplicationSchema = z.strictObject({
  id: z.string().min(1),
  side: z.literal('center'),
  caseId: z.string().min(1),
  version: z.number().int().min(1).max(99),
  /** The signed agreement this application is for (its record id and PDF). */
  agreementId: z.string().min(1),
  agreementSha256: sha256HexSchema,
  jurisdiction: z.strictObject({ reason: z.enum(JURISDICTION_REASONS), basis: z.string().max(300) }),
  serviceAddresses: z.record(z.string(), z.string().max(200)),
  undertakings: z.strictObject(Object.fromEntries(UNDERTAKINGS.map((u) => [u, z.boolean()])) as Record<(typeof UNDERTAKINGS)[number], z.ZodBoolean>),
  handSignatures: z.array(handSignatureSchema).max(20),
  materials: z.array(materialSchema).max(5000),
  concernsProperty: z.boolean(),
  application: z.strictObject({ sha256: sha256HexSchema, size: z.number().int().positive(), signedAt: instantSchema, date: dateSchema }).nullable(),
  built: z
    .strictObject({
      packageId: z.string().min(1),
      sha256: sha256HexSchema,
      size: z.number().int().positive(),
      builtAt: instantSchema,
      ledgerSeq: z.number().int().nonnegative(),
      /** When it was handed to the court: saved as a file for delivery, or accepted at its intake. */
      exportedAt: instantSchema.nullable(),
      /** The last submission to the court's intake URL and the court's answer (shared/protocol/intake.ts). */
      submission: z
        .strictObject({
          url: z.string().max(2000),
          at: instantSchema,
          verdict: intakeAnswerSchema.shape.verdict,
          problems: z.array(z.string().max(2000)).max(200),
          /** The problems as data, read in the user's language where the court's intake sent them. */
          details: z.array(checkDetailSchema).max(200).optional(),
          receivedOn: z.string().max(20),
        })
        .nullable()
        .default(null),
    })
    .nullable(),
  receipt: z
    .strictObject({
      importedAt: instantSchema,
      outcome: z.enum(RULING_OUTCOMES),
      courtCaseNumber: z.string().min(1).max(100),
      courtName: z.string().min(1).max(100),
      signerName: z.string().max(200),
      rulingSha256: sha256HexSchema.nullable(),
      rulingLedgerSeq: z.number().int().nonnegative().nullable(),
    })
    .nullable(),
  /** The package this one replaces after the court asked for supplementary materials (补正). */
  supersedes: z.strictObject({ packageId: z.string().min(1), packageSha256: sha256HexSchema }).nullable(),
  createdAt: instantSchema,
  createdBy: actorSchema,
  updatedAt: instantSchema,
  rev: z.number().int().min(1),
});
export type CenterApplication = z.infer<typeof centerApplicationSchema>;

export function centerApplicationId(caseId: string, version: number): string {
  return `center:${caseId}#v${String(version).padStart(2, '0')}`;
}
