// The termination record (调解终结书, issue 18 item 6): the legal act that ends a mediation that
// failed (人民调解法 art. 26) — who ended it, when and why (a party refused to go on, a party
// withdrew, no agreement within the time limit, another reason explained), and the remaining paths
// the parties were told of (litigation, arbitration, administrative channels). The record closes
// the case as 'failed' with this act; its PDF is typeset like the agreement; for a court-entrusted
// dispute its summary and the materials list go back to the court in a signed answer file.
import { z } from 'zod';
import { dateSchema, instantSchema, partySideSchema } from '../domain/model';
import { sha256HexSchema } from '../ledger/entry';

export const TERMINATION_REASONS = ['party_refused', 'party_withdrew', 'no_agreement_in_time', 'other'] as const;
export const terminationReasonSchema = z.enum(TERMINATION_REASONS);
export type TerminationReason = z.infer<typeof terminationReasonSchema>;

/** The paths left to the parties (人民调解法 art. 26: arbitration, administrative or judicial channels). */
export const REMAINING_PATHS = ['litigation', 'arbitration', 'administrative'] as const;
export const remainingPathSchema = z.enum(REMAINING_PATHS);
export type RemainingPath = z.infer<typeof remainingPathSchema>;

/** How the parties were told. */
export const TOLD_HOW = ['in_person', 'phone', 'in_writing'] as const;
export const toldHowSchema = z.enum(TOLD_HOW);

/** What the court needs to file the case after a failed entrusted mediation (the case file's index). */
export const MATERIALS = ['application', 'identity_documents', 'investigation_record', 'mediation_record', 'evidence_list', 'termination_record'] as const;
export const materialSchema = z.enum(MATERIALS);
export type Material = z.infer<typeof materialSchema>;

const personName = z.string().trim().min(1).max(100);

/** What the answer to an entrusting court carries of the record. */
export const terminationSummarySchema = z.strictObject({
  endedOn: dateSchema,
  reason: terminationReasonSchema,
  /** The party who refused or withdrew; '' for the other reasons. */
  partyName: z.string().max(100),
  explanation: z.string().trim().min(1).max(2000),
  paths: z.array(remainingPathSchema).min(1).max(REMAINING_PATHS.length),
  materials: z.array(materialSchema).max(MATERIALS.length),
  pdfSha256: sha256HexSchema,
});
export type TerminationSummary = z.infer<typeof terminationSummarySchema>;

export const terminationRecordSchema = z.strictObject({
  id: z.string().min(1),
  caseId: z.string().min(1),
  caseNumber: z.string().min(1).max(200),
  institutionName: personName,
  category: z.string().length(3),
  parties: z.array(z.strictObject({ name: personName, side: partySideSchema })).min(1).max(50),
  registeredOn: dateSchema,
  endedOn: dateSchema,
  endedAt: instantSchema,
  endedBy: z.strictObject({ id: z.string().min(1), name: personName }),
  reason: terminationReasonSchema,
  partyName: z.string().max(100),
  explanation: z.string().trim().min(1).max(2000),
  paths: z.array(remainingPathSchema).min(1).max(REMAINING_PATHS.length),
  toldHow: toldHowSchema,
  materials: z.array(materialSchema).max(MATERIALS.length),
  /** The typeset record (blob store), SHA-256 of its bytes. */
  pdfSha256: sha256HexSchema,
  /** Set when the result went back to the entrusting court. */
  answeredAt: instantSchema.nullable(),
});
export type TerminationRecord = z.infer<typeof terminationRecordSchema>;
