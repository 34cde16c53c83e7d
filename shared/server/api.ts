// The center server's HTTP JSON API (issue 17), as zod schemas: every request body the server
// accepts and every answer it gives. The server parses requests with them and its tests parse the
// answers; the workstation's connection (later) will use the same. Record bodies are the
// workstation's own schemas (shared/domain/model.ts), so a case the server stores is a case the
// workstation could have written.
import { z } from 'zod';
import { caseSchema, caseStatusSchema, instantSchema, partySchema, roleSchema, userSchema } from '../domain/model';
import { institutionKindSchema } from '../domain/institution-kinds';
import { MAX_PARTIES } from '../domain/intake';
import { problemSchema } from '../problem';
import { PASSWORD_MAX_LENGTH } from './accounts';
import { CATEGORY_CODES } from '../domain/categories';
import { figuresSchema } from '../statistics/report/compute';
import { partialByCategorySchema } from '../statistics/report/area';
import { reportPeriodSchema } from '../statistics/report/period';
import { bureauAnswerSchema, signedReportSchema } from '../statistics/report/filing';

export const API_PREFIX = '/api/v1';
/** The largest request body the server reads (a case with its parties is far below it). */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** Cases per page of the case list. */
export const CASE_PAGE_SIZE = 500;

export const uuidSchema = z.uuid();
/** A case id as the workstation makes them (a UUID today; any short text is accepted). */
export const caseIdSchema = z.string().min(1).max(100);
/** 统一社会信用代码 as typed: checked with shared/domain/identifiers.ts before use. */
export const creditCodeInputSchema = z.string().min(1).max(40);
/** An administrative division code (GB/T 2260), e.g. 340202; a bureau of 340200 oversees 3402xx. */
export const areaCodeSchema = z.string().regex(/^[1-9]\d{5}$/);

// ---- answers -------------------------------------------------------------------------------

/** Every refusal: HTTP status 4xx/5xx with a Problem (shared/problem.ts). */
export const errorResponseSchema = z.strictObject({ problem: problemSchema });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** GET /health (server/health.ts): 200 for ok and degraded, 503 for failing. */
export const healthResponseSchema = z.strictObject({
  status: z.enum(['ok', 'degraded', 'failing']),
  /** The highest migration applied; null when the database cannot be reached. */
  schemaVersion: z.number().int().nonnegative().nullable(),
  database: z.strictObject({
    reachable: z.boolean(),
    schemaVersion: z.number().int().nonnegative().nullable(),
    /** This server's latest migration: the schema is current when they are equal. */
    expectedVersion: z.number().int().nonnegative(),
    current: z.boolean(),
  }),
  files: z.strictObject({
    /** A file folder is configured (docs/server.md "Files"). */
    configured: z.boolean(),
    /** A file was just written, synced and deleted there. */
    writable: z.boolean(),
    freeBytes: z.number().nonnegative().nullable(),
    totalBytes: z.number().nonnegative().nullable(),
    reserveBytes: z.number().nonnegative().nullable(),
    /** Less free than the reserve: uploads are refused until space is freed. */
    low: z.boolean(),
  }),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const institutionViewSchema = z.strictObject({
  id: uuidSchema,
  kind: institutionKindSchema,
  name: z.string(),
  creditCode: z.string(),
  areaCode: areaCodeSchema,
  address: z.string(),
  /** Days a joined workstation may sign in offline with what it last verified (issue 17 item 2). */
  offlineGraceDays: z.number().int().nonnegative(),
  version: z.number().int().nonnegative(),
});
export type InstitutionView = z.infer<typeof institutionViewSchema>;

export const accountViewSchema = z.strictObject({
  id: uuidSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  licenseNo: z.string().nullable(),
  active: z.boolean(),
  /** Set while repeated failed sign-ins keep the account locked. */
  lockedUntil: instantSchema.nullable(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  version: z.number().int().nonnegative(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

// ---- sign-in and sessions ------------------------------------------------------------------

export const signInRequestSchema = z.strictObject({
  /** The institution's 统一社会信用代码: usernames are unique within an institution only. */
  institution: creditCodeInputSchema,
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const signInResponseSchema = z.strictObject({
  /** The bearer token (Authorization: Bearer …); the server keeps only its SHA-256. */
  token: z.string().min(40).max(200),
  expiresAt: instantSchema,
  account: accountViewSchema,
  institution: institutionViewSchema,
});
export type SignInResponse = z.infer<typeof signInResponseSchema>;

export const meResponseSchema = z.strictObject({
  account: accountViewSchema,
  institution: institutionViewSchema,
  expiresAt: instantSchema,
});

export const signedOutResponseSchema = z.strictObject({ signedOut: z.literal(true) });
export const revokedResponseSchema = z.strictObject({ revoked: z.number().int().nonnegative() });

// ---- account administration (an institution's administrator) --------------------------------

export const createAccountRequestSchema = z.strictObject({
  username: z.string().min(1).max(100),
  displayName: userSchema.shape.displayName,
  role: roleSchema,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  licenseNo: z.string().max(100).optional(),
});
export type CreateAccountRequest = z.infer<typeof createAccountRequestSchema>;

export const updateAccountRequestSchema = z
  .strictObject({
    /** The version the administrator saw: a change made meanwhile is not overwritten. */
    baseVersion: z.number().int().nonnegative(),
    displayName: userSchema.shape.displayName.optional(),
    role: roleSchema.optional(),
    licenseNo: z.string().max(100).nullable().optional(),
    /** false deactivates the account: every session of it ends at once. */
    active: z.boolean().optional(),
  })
  .refine((r) => r.displayName !== undefined || r.role !== undefined || r.licenseNo !== undefined || r.active !== undefined, { message: 'nothing to change' });
export type UpdateAccountRequest = z.infer<typeof updateAccountRequestSchema>;

export const resetPasswordRequestSchema = z.strictObject({ password: z.string().min(1).max(PASSWORD_MAX_LENGTH) });
export const accountListResponseSchema = z.strictObject({ accounts: z.array(accountViewSchema) });

// ---- cases ---------------------------------------------------------------------------------

export const putCaseRequestSchema = z.strictObject({
  /** null: the case is new on the server; else the version this write started from. */
  baseVersion: z.number().int().nonnegative().nullable(),
  case: caseSchema,
  parties: z.array(partySchema).max(MAX_PARTIES),
});
export type PutCaseRequest = z.infer<typeof putCaseRequestSchema>;

export const putCaseResponseSchema = z.strictObject({ id: caseIdSchema, version: z.number().int().positive() });

export const caseSummarySchema = z.strictObject({
  id: caseIdSchema,
  number: z.string(),
  status: caseStatusSchema,
  mediatorId: uuidSchema.nullable(),
  category: z.string(),
  partySummary: z.string(),
  registeredAt: instantSchema,
  version: z.number().int().positive(),
});
export const caseListResponseSchema = z.strictObject({
  cases: z.array(caseSummarySchema),
  /** Pass as ?after= for the next page; null on the last. */
  next: caseIdSchema.nullable(),
});

/** A case with its parties; identity numbers masked (the full number is a logged request of its own). */
export const caseViewResponseSchema = z.strictObject({
  case: caseSchema,
  parties: z.array(partySchema),
  version: z.number().int().positive(),
});

export const idNumberResponseSchema = z.strictObject({ partyId: z.string(), idNumber: z.string() });

export const handOverRequestSchema = z.strictObject({
  /** The leaving mediator (or lawyer): every open case of theirs is handed over in this one step. */
  fromAccountId: uuidSchema,
  /** Who takes the open cases no assignment names. */
  toAccountId: uuidSchema,
  /** Cases that go to someone else than toAccountId. */
  assignments: z.array(z.strictObject({ caseId: caseIdSchema, toAccountId: uuidSchema })).max(10_000).default([]),
});
export type HandOverRequest = z.infer<typeof handOverRequestSchema>;

export const handOverResponseSchema = z.strictObject({
  handedOver: z.array(z.strictObject({ caseId: caseIdSchema, toAccountId: uuidSchema })),
  /** The audit event that records the step. */
  eventId: z.number().int().positive(),
});

// ---- referrals: rows of two institutions -----------------------------------------------------

export const REFERRAL_KINDS = ['referral', 'court_entrusted', 'confirmation_package'] as const;
export const referralKindSchema = z.enum(REFERRAL_KINDS);
export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined'] as const;

/** The largest signed referral or answer file a row carries (a few KB in practice). */
export const MAX_REFERRAL_DOCUMENT_BYTES = 512 * 1024;
/** A signed file (shared/referral/file.ts) as base64: the same bytes as the file handed over by hand. */
export const referralDocumentSchema = z.base64().max(Math.ceil(MAX_REFERRAL_DOCUMENT_BYTES / 3) * 4);

export const createReferralRequestSchema = z.strictObject({
  /** The sender's case (a court entrusting a dispute has none of its own yet, nor a hall's consultation). */
  caseId: caseIdSchema.nullable(),
  /** The receiving institution's 统一社会信用代码. */
  receiverCreditCode: creditCodeInputSchema,
  kind: referralKindSchema,
  note: z.string().max(2000).default(''),
  /**
   * The signed referral file (issue 18 item 5): the parties, facts and the person's consent, as
   * the file would carry them. Its sender and receiver must be the row's; its id becomes the row's.
   */
  document: referralDocumentSchema.optional(),
});
export type CreateReferralRequest = z.infer<typeof createReferralRequestSchema>;

export const referralViewSchema = z.strictObject({
  id: uuidSchema,
  kind: referralKindSchema,
  status: z.enum(REFERRAL_STATUSES),
  direction: z.enum(['sent', 'received']),
  senderInstitutionId: uuidSchema,
  receiverInstitutionId: uuidSchema,
  caseId: caseIdSchema.nullable(),
  /** What the receiver is shown: the case's number, category and party summary, and the note. */
  payload: z.strictObject({ caseNumber: z.string().nullable(), category: z.string().nullable(), partySummary: z.string().nullable(), note: z.string() }),
  createdAt: instantSchema,
  answeredAt: instantSchema.nullable(),
  /** Why the receiver declined ('' otherwise). */
  reason: z.string(),
  /** SHA-256 of the signed referral file's referral.json when the row carries one (GET /referrals/:id/documents). */
  documentSha256: z.string().nullable(),
  /** The row carries the receiver's signed answer file. */
  answerDocument: z.boolean(),
  version: z.number().int().nonnegative(),
});
export type ReferralView = z.infer<typeof referralViewSchema>;
export const referralListResponseSchema = z.strictObject({ referrals: z.array(referralViewSchema) });
export const answerReferralRequestSchema = z.strictObject({
  accept: z.boolean(),
  baseVersion: z.number().int().nonnegative(),
  /** Required to decline (issue 18: declining without a reason is refused). */
  reason: z.string().max(2000).default(''),
  /** The receiver's signed answer file for the sender, when the row carries a referral file. */
  answerDocument: referralDocumentSchema.optional(),
});
/** GET /referrals/:id/documents: the signed files the row carries, base64. */
export const referralDocumentsResponseSchema = z.strictObject({ referral: z.string().nullable(), answer: z.string().nullable() });
export type ReferralDocuments = z.infer<typeof referralDocumentsResponseSchema>;

// ---- the directory of institutions a sender may refer to ---------------------------------------

/** GET /institutions/directory?category=&area=: a category code, and the start of an area code (34, 3402, 340202). */
export const directoryQuerySchema = z.strictObject({
  category: z.string().regex(/^[A-Z]{3}$/).optional(),
  area: z.string().regex(/^[1-9]\d{1,5}$/).optional(),
});
/** Another institution's public facts: nothing of its accounts, cases or figures. */
export const directoryEntrySchema = z.strictObject({
  id: uuidSchema,
  kind: institutionKindSchema,
  name: z.string(),
  creditCode: z.string(),
  areaCode: areaCodeSchema,
  address: z.string(),
  /** The categories it says it takes on; empty: it has not said (all). */
  handledCategories: z.array(z.string()),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;
export const directoryResponseSchema = z.strictObject({ institutions: z.array(directoryEntrySchema) });
/** PUT /institution/handled-categories (its administrator): what the directory says it takes on. */
export const handledCategoriesRequestSchema = z.strictObject({ categories: z.array(z.string().regex(/^[A-Z]{3}$/)).max(50) });
export const handledCategoriesResponseSchema = z.strictObject({ categories: z.array(z.string()) });

// ---- oversight and logs ----------------------------------------------------------------------

/** A justice bureau's figures of its area: counts only, never a name, a number or a case. */
export const areaFiguresResponseSchema = z.strictObject({
  areaPrefix: z.string(),
  rows: z.array(z.strictObject({ areaCode: areaCodeSchema, institutionKind: institutionKindSchema, status: caseStatusSchema, cases: z.number().int().nonnegative() })),
});

/**
 * GET /oversight/report?period=2026-Q1 (a justice bureau's administrator or director): the
 * statistical report of its area for the period, each institution's figures by category (only
 * categories with something counted) and their sum (every category). Figures only: an
 * institution's public facts, never a case, a party or a number. The rows of a layout are
 * reportRows of these (shared/statistics/report).
 */
export const areaReportResponseSchema = z.strictObject({
  period: reportPeriodSchema,
  areaPrefix: z.string(),
  institutions: z.array(
    z.strictObject({
      id: uuidSchema,
      kind: institutionKindSchema,
      name: z.string().min(1).max(100),
      creditCode: z.string(),
      areaCode: areaCodeSchema,
      /** Active accounts that mediate (mediators and lawyers): the header block's 调解员. */
      mediators: z.number().int().nonnegative(),
      byCategory: partialByCategorySchema,
    }),
  ),
  total: z.record(z.enum(CATEGORY_CODES), figuresSchema),
});
export type AreaReportResponse = z.infer<typeof areaReportResponseSchema>;

// ---- the statistical report filed through the server (issue 19 item 2, 0006) ---------------------

export const REPORT_FILING_STATUSES = ['submitted', 'accepted', 'returned'] as const;

/** POST /report-filings (an institution's administrator or director): its signed report, to its area's bureau. */
export const submitReportRequestSchema = z.strictObject({ signed: signedReportSchema });

/** A filing as its two institutions see it (the signed report itself: GET /report-filings/:sender/:id). */
export const reportFilingViewSchema = z.strictObject({
  id: z.string().min(1).max(100),
  direction: z.enum(['sent', 'received']),
  senderInstitutionId: uuidSchema,
  sender: z.strictObject({ name: z.string(), creditCode: z.string() }),
  receiver: z.strictObject({ id: uuidSchema, name: z.string() }),
  periodCode: z.string(),
  version: z.number().int().positive(),
  snapshotSha256: z.string().regex(/^[0-9a-f]{64}$/),
  submittedAt: instantSchema,
  status: z.enum(REPORT_FILING_STATUSES),
  reason: z.string(),
  answeredAt: instantSchema.nullable(),
  /** The bureau's answer as its file says it (filing.ts bureauAnswerSchema), once answered. */
  answer: bureauAnswerSchema.nullable(),
});
export type ReportFilingView = z.infer<typeof reportFilingViewSchema>;
export const reportFilingListResponseSchema = z.strictObject({ filings: z.array(reportFilingViewSchema) });
export const reportFilingResponseSchema = z.strictObject({ filing: reportFilingViewSchema, signed: signedReportSchema });

/** POST /report-filings/:sender/:id/answer (the receiving bureau's administrator or director): a return names its reason. */
export const answerReportRequestSchema = z.strictObject({ outcome: z.enum(['accepted', 'returned']), reason: z.string().max(2000).optional() });

export const ACCESS_KINDS = ['id_number', 'evidence_file'] as const;
export const accessLogResponseSchema = z.strictObject({
  entries: z.array(
    z.strictObject({
      id: z.number().int().positive(),
      at: instantSchema,
      accountId: uuidSchema,
      what: z.enum(ACCESS_KINDS),
      caseId: caseIdSchema,
      /** The party whose number was shown, or the evidence file's SHA-256. */
      subject: z.string(),
      address: z.string(),
    }),
  ),
});
