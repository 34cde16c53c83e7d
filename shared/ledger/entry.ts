// One evidence ledger entry (design.md §4): canonical JSON (RFC 8785, by the `canonicalize`
// library) whose SHA-256 is the entry hash; each entry names the hash of the one before, and its
// canonical bytes are the Merkle leaf. Entries are never edited: correcting or withdrawing an item
// is a new entry that refers to the old one by its sequence number.
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { instantSchema, partySideSchema } from '../domain/model';
import { bytesToHex, sha256Bytes, utf8ToBytes } from './hash';

export const EVIDENCE_KINDS = ['file', 'note', 'minutes', 'recording', 'signature', 'agreement', 'package', 'ruling'] as const;
export const ENTRY_ACTIONS = ['add', 'correct', 'withdraw'] as const;

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256');

export const ledgerEntrySchema = z
  .strictObject({
    /** 0-based; also the entry's leaf index in the Merkle tree. */
    seq: z.number().int().nonnegative(),
    caseId: z.string().min(1).max(100),
    action: z.enum(ENTRY_ACTIONS),
    /** For `correct` and `withdraw`: the seq of the entry concerned. */
    refersTo: z.number().int().nonnegative().nullable(),
    kind: z.enum(EVIDENCE_KINDS),
    title: z.string().min(1).max(200),
    mediaType: z.string().min(1).max(200),
    size: z.number().int().nonnegative(),
    /** SHA-256 of the file (or of a note's UTF-8 text); null for a withdrawal. */
    contentSha256: sha256HexSchema.nullable(),
    author: z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(100) }),
    /** Which side submitted the item, or null for the mediator's own records. */
    submittedBy: partySideSchema.nullable(),
    /** Whether the item was shown to the other party (质证). */
    shownToOtherParty: z.boolean(),
    createdAt: instantSchema,
    /** entryHash of seq − 1; null for the first entry. */
    prevEntryHash: sha256HexSchema.nullable(),
  })
  .refine((e) => (e.action === 'add') === (e.refersTo === null), { message: 'only corrections and withdrawals refer to an earlier entry', path: ['refersTo'] })
  .refine((e) => e.refersTo === null || e.refersTo < e.seq, { message: 'an entry can only refer to an earlier one', path: ['refersTo'] })
  .refine((e) => (e.action === 'withdraw') === (e.contentSha256 === null), { message: 'only a withdrawal has no content', path: ['contentSha256'] })
  .refine((e) => (e.seq === 0) === (e.prevEntryHash === null), { message: 'only the first entry has no predecessor', path: ['prevEntryHash'] });

export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export type EntryInput = Omit<LedgerEntry, 'seq' | 'caseId' | 'prevEntryHash'>;

/** The entry's canonical bytes: what is hashed, and the Merkle leaf. */
export function entryBytes(entry: LedgerEntry): Uint8Array {
  const text = canonicalize(entry);
  if (text === undefined) throw new TypeError('The entry has no JSON form.');
  return utf8ToBytes(text);
}

/** The entry's canonical bytes and hash, computed once (canonicalisation is the costly part). */
export function sealEntry(entry: LedgerEntry): { bytes: Uint8Array; hash: string } {
  const bytes = entryBytes(entry);
  return { bytes, hash: bytesToHex(sha256Bytes(bytes)) };
}

/** The next entry after `last` (or the first of the case), validated. */
export function nextEntry(caseId: string, last: { entry: LedgerEntry; hash: string } | null, input: EntryInput): LedgerEntry {
  return ledgerEntrySchema.parse({
    ...input,
    seq: last ? last.entry.seq + 1 : 0,
    caseId,
    prevEntryHash: last ? last.hash : null,
  });
}
