// manifest.json of a judicial-confirmation package (design.md §6): what the package is, the case
// it confirms, the court it goes to, and every file with its role, size and SHA-256. Its canonical
// bytes (RFC 8785) are what manifest.p7s signs, so a verifier never has to trust a JSON parser's
// reading of duplicate keys or number spellings. Paths are hostile input on the clerk's machine:
// pathProblem states the one rule set that the builder, the zip reader and the verifier all apply.
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { dateSchema, instantSchema, partySideSchema } from '../domain/model';
import { sha256HexSchema } from '../ledger/entry';
import { utf8ToBytes } from '../ledger/hash';
import { detail, englishText, type CheckDetail } from './check-detail';
import { foldedName } from '../integrity/ambiguity';

export const PACKAGE_FORMAT = 'mw-confirmation-package/1';

/** Files with fixed names; the first three are written by the builder after every other file. */
export const PACKAGE_FILES = {
  manifest: 'manifest.json',
  signature: 'manifest.p7s',
  sums: 'SHA256SUMS',
  application: 'application.pdf',
  agreement: 'agreement.pdf',
  institutionCertificate: 'certs/institution.pem',
  chainCertificates: 'certs/chain.pem',
} as const;

/** Files that describe the package rather than belong to it: never listed in the manifest. */
export const RESERVED_PATHS: readonly string[] = [PACKAGE_FILES.manifest, PACKAGE_FILES.signature, PACKAGE_FILES.sums];

export const FILE_ROLES = ['application', 'agreement', 'identity', 'authority', 'property', 'evidence', 'ledger', 'certificate'] as const;
export type FileRole = (typeof FILE_ROLES)[number];

/** Where each role's files live: the folders of design.md §6, so a person browsing the zip finds them. */
const ROLE_PLACES: Record<FileRole, { test: (path: string) => boolean; where: string }> = {
  application: { test: (p) => p === PACKAGE_FILES.application, where: PACKAGE_FILES.application },
  agreement: { test: (p) => p === PACKAGE_FILES.agreement, where: PACKAGE_FILES.agreement },
  identity: { test: (p) => p.startsWith('identity/'), where: 'identity/' },
  // A power of attorney says who acts for whom: it travels with the identity documents.
  authority: { test: (p) => p.startsWith('identity/'), where: 'identity/' },
  property: { test: (p) => p.startsWith('evidence/'), where: 'evidence/' },
  evidence: { test: (p) => p.startsWith('evidence/'), where: 'evidence/' },
  ledger: { test: (p) => p.startsWith('ledger/'), where: 'ledger/' },
  certificate: { test: (p) => p.startsWith('certs/'), where: 'certs/' },
};

export const MAX_PATH_LENGTH = 200;
export const MAX_PATH_SEGMENTS = 8;
/** Files a manifest may list: the zip reader's entry limit less the three reserved files. */
export const MAX_PACKAGE_FILES = 9_990;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Invisible or direction-changing characters let "exe.pdf" display as something else.
const DECEPTIVE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * Why `path` may not name a file in a package, or null when it may: relative, forward slashes,
 * no `.`/`..` or empty segments, no drive letters or other colons, no control or invisible
 * characters, NFC, at most MAX_PATH_LENGTH characters in MAX_PATH_SEGMENTS segments, and nothing
 * that Windows would silently rename (trailing dots or spaces, device names) — so that extracting
 * it anywhere yields exactly this path inside the target folder.
 */
export function pathProblemDetail(path: string): CheckDetail | null {
  if (path.length === 0) return detail('path.empty');
  if (LONE_SURROGATE.test(path)) return detail('path.not_unicode');
  if (CONTROL.test(path)) return detail('path.control');
  if (DECEPTIVE.test(path)) return detail('path.invisible');
  if (path.normalize('NFC') !== path) return detail('path.not_nfc');
  if ([...path].length > MAX_PATH_LENGTH) return detail('path.too_long', { max: MAX_PATH_LENGTH });
  if (path.includes('\\')) return detail('path.backslash');
  if (path.startsWith('/')) return detail('path.absolute');
  if (/^[A-Za-z]:/.test(path)) return detail('path.drive');
  if (WINDOWS_FORBIDDEN.test(path)) return detail('path.forbidden_char');
  const segments = path.split('/');
  if (segments.length > MAX_PATH_SEGMENTS) return detail('path.too_deep', { max: MAX_PATH_SEGMENTS });
  for (const segment of segments) {
    if (segment === '') return detail('path.empty_segment');
    if (segment === '.' || segment === '..') return detail('path.dot_segment');
    if (/^\s|[\s.]$/.test(segment)) return detail('path.space_or_dot');
    if (WINDOWS_DEVICE.test(segment)) return detail('path.device', { segment });
  }
  return null;
}

/** pathProblemDetail in English. */
export function pathProblem(path: string): string | null {
  const problem = pathProblemDetail(path);
  return problem && englishText(problem);
}

/**
 * Two paths with the same key name the same file on a case-insensitive file system (Windows, macOS)
 * or to a reader that normalises Unicode: the zip reader's fold, so the manifest and the archive
 * agree on which names collide (ﬁle and file, ß and SS).
 */
export function pathKey(path: string): string {
  return foldedName(path);
}

/** Pairs of paths that collide by pathKey, and paths that are a file and a folder at once. */
export function pathCollisionDetails(paths: readonly string[]): CheckDetail[] {
  const problems: CheckDetail[] = [];
  const seen = new Map<string, string>();
  for (const path of paths) {
    const key = pathKey(path);
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push(earlier === path ? detail('path.twice', { path }) : detail('path.case', { earlier, path }));
    else seen.set(key, path);
  }
  for (const [key, path] of seen) {
    const segments = key.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = seen.get(segments.slice(0, i).join('/'));
      if (folder !== undefined) {
        problems.push(detail('path.file_is_folder', { folder, path }));
        break;
      }
    }
  }
  return problems;
}

/** pathCollisionDetails in English. */
export function pathCollisions(paths: readonly string[]): string[] {
  return pathCollisionDetails(paths).map(englishText);
}

const packagePathSchema = z.string().superRefine((path, ctx) => {
  const problem = pathProblem(path);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const packagePartySchema = z.strictObject({
  /** Refers the party's identity documents (files[].party) and an agent's principal to it. */
  id: z.string().min(1).max(100),
  kind: z.enum(['natural', 'legal', 'agent']),
  name: z.string().min(1).max(100),
  side: partySideSchema,
  /** Natural persons and agents: masked (340202********1234, 个人信息保护法); legal persons: the public credit code. */
  idNumberMasked: z.string().max(40),
  /**
   * Natural persons: the full number, which only the court's ruling prints (docs/identity-numbers.md;
   * the package's application prints it too). Absent in packages from before.
   */
  idNumber: z.string().min(1).max(40).optional(),
  /** Agents: the id of the party they act for; null for everyone else. */
  principalId: z.string().min(1).max(100).nullable(),
});
export type PackageParty = z.infer<typeof packagePartySchema>;

export const JURISDICTION_REASONS = ['mediation_organisation_seat', 'entrusting_court'] as const;

export const packageFileSchema = z.strictObject({
  path: packagePathSchema,
  role: z.enum(FILE_ROLES),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  sha256: sha256HexSchema,
  /** The ledger entry that recorded this file (evidence, property proofs, the agreement). */
  ledgerSeq: z.number().int().nonnegative().optional(),
  /** Identity documents and powers of attorney: the party (packagePartySchema.id) they belong to. */
  party: z.string().min(1).max(100).optional(),
});
export type PackageFile = z.infer<typeof packageFileSchema>;

export const manifestSchema = z
  .strictObject({
    format: z.literal(PACKAGE_FORMAT),
    packageId: z.string().min(1).max(100),
    createdAt: instantSchema,
    case: z.strictObject({
      caseId: z.string().min(1).max(100),
      number: z.string().min(1).max(200),
      category: z.string().length(3),
      parties: z.array(packagePartySchema).min(1).max(50),
      agreementEffectiveOn: dateSchema,
      confirmationDeadline: dateSchema,
      /** The agreement's terms concern property (payments, transfers): proof of the property rights is required. */
      concernsProperty: z.boolean(),
    }),
    court: z.strictObject({ name: z.string().min(1).max(100), code: z.string().max(20) }),
    jurisdiction: z.enum(JURISDICTION_REASONS),
    institution: z.strictObject({
      name: z.string().min(1).max(100),
      creditCode: z.string().length(18),
      /** SHA-256 of the DER of certs/institution.pem. */
      certificateSha256: sha256HexSchema,
    }),
    files: z.array(packageFileSchema).min(1).max(MAX_PACKAGE_FILES),
    /**
     * The package this version replaces (after a 补正 request): its id and the SHA-256 of its zip.
     * Optional, so manifests made before it existed stay valid.
     */
    supersedes: z.strictObject({ packageId: z.string().min(1).max(100), packageSha256: sha256HexSchema }).optional(),
  })
  .superRefine((m, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    for (const problem of pathCollisions(m.files.map((f) => f.path))) issue(['files'], problem);
    const parties = new Map(m.case.parties.map((p) => [p.id, p]));
    if (parties.size !== m.case.parties.length) issue(['case', 'parties'], 'two parties share an id');
    m.case.parties.forEach((p, i) => {
      const principal = p.principalId === null ? undefined : parties.get(p.principalId);
      if ((p.kind === 'agent') !== (p.principalId !== null)) issue(['case', 'parties', i, 'principalId'], 'agents, and only agents, name the party they act for');
      else if (p.kind === 'agent' && (!principal || principal.kind === 'agent')) issue(['case', 'parties', i, 'principalId'], `agent ${p.name} acts for no party of the case`);
      if (p.kind !== 'legal' && p.idNumberMasked.length > 4 && !p.idNumberMasked.includes('*')) issue(['case', 'parties', i, 'idNumberMasked'], `the ID number of ${p.name} is not masked`);
    });
    if (m.supersedes?.packageId === m.packageId) issue(['supersedes', 'packageId'], 'a package cannot supersede itself: a new version has a new package id');
    m.files.forEach((f, i) => {
      if (RESERVED_PATHS.includes(f.path)) issue(['files', i, 'path'], `${f.path} describes the package and is not listed in it`);
      const place = ROLE_PLACES[f.role];
      if (!place.test(f.path)) issue(['files', i, 'path'], `a file with role ${f.role} belongs at ${place.where}, not ${f.path}`);
      if ((f.role === 'identity' || f.role === 'authority') !== (f.party !== undefined)) issue(['files', i, 'party'], 'identity documents and powers of attorney, and only they, name their party');
      else if (f.party !== undefined && !parties.has(f.party)) issue(['files', i, 'party'], `${f.path} names party ${f.party}, who is not in the case`);
      else if (f.role === 'authority' && parties.get(f.party as string)?.kind !== 'agent') issue(['files', i, 'party'], `${f.path} is a power of attorney but names a party who is not an agent`);
    });
  });
export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest's canonical JSON (RFC 8785): the exact bytes of manifest.json and what manifest.p7s signs. */
export function manifestBytes(manifest: Manifest): Uint8Array {
  const text = canonicalize(manifestSchema.parse(manifest));
  if (text === undefined) throw new TypeError('The manifest has no JSON form.');
  return utf8ToBytes(text);
}

/**
 * SHA256SUMS in the format `sha256sum -c` reads: `<hash>  <path>` per line. The path rules leave
 * out backslashes and newlines, the two characters sha256sum would escape.
 */
export function sha256sumsText(files: readonly { path: string; sha256: string }[]): string {
  return files
    .map((f) => {
      const problem = pathProblem(f.path);
      if (problem) throw new RangeError(`${f.path}: ${problem}.`);
      if (!/^[0-9a-f]{64}$/.test(f.sha256)) throw new RangeError(`${f.path}: not a lower-case hex SHA-256.`);
      return `${f.sha256}  ${f.path}\n`;
    })
    .join('');
}

/** The lines of a SHA256SUMS file (text or binary mode), or the first line that is not one. */
export function parseSha256Sums(text: string): { ok: true; entries: { sha256: string; path: string }[] } | { ok: false; line: number } {
  const entries: { sha256: string; path: string }[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) return { ok: false, line: i + 1 };
    entries.push({ sha256: match[1] as string, path: match[2] as string });
  }
  return { ok: true, entries };
}
