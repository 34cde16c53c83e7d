// The manifest's rules: paths safe to extract anywhere, roles in their folders, parties that exist,
// canonical bytes, SHA256SUMS as sha256sum writes it, the legal checklist and the 30-day limit.
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { deadlineCheck, legalChecklist } from '../../../shared/confirmation/checklist';
import { manifestBytes, manifestSchema, parseSha256Sums, pathCollisions, pathProblem, sha256sumsText, type Manifest } from '../../../shared/confirmation/manifest';

const HASH = 'ab'.repeat(32);

function manifest(overrides: Partial<Manifest> = {}, caseOverrides: Partial<Manifest['case']> = {}): Manifest {
  return {
    format: 'mw-confirmation-package/1',
    packageId: 'pkg-1',
    createdAt: '2026-03-05T02:00:00.000Z',
    case: {
      caseId: 'case-1',
      number: '（2026）镜解字第00042号',
      category: 'LEN',
      parties: [
        { id: 'p1', kind: 'natural', name: '张堃', side: 'applicant', idNumberMasked: '340202********1234', principalId: null },
        { id: 'p2', kind: 'legal', name: '芜湖某某有限公司', side: 'respondent', idNumberMasked: '91340202MA2N000000', principalId: null },
        { id: 'a1', kind: 'agent', name: '赵律师', side: 'applicant', idNumberMasked: '340204********0011', principalId: 'p1' },
      ],
      agreementEffectiveOn: '2026-03-02',
      confirmationDeadline: '2026-04-01',
      concernsProperty: true,
      ...caseOverrides,
    },
    court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
    jurisdiction: 'entrusting_court',
    institution: { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJ00000007', certificateSha256: HASH },
    files: [
      { path: 'application.pdf', role: 'application', size: 10, sha256: HASH },
      { path: 'agreement.pdf', role: 'agreement', size: 10, sha256: HASH, ledgerSeq: 4 },
      { path: 'identity/张堃.jpg', role: 'identity', size: 10, sha256: HASH, party: 'p1' },
      { path: 'identity/营业执照.jpg', role: 'identity', size: 10, sha256: HASH, party: 'p2' },
      { path: 'identity/赵律师.jpg', role: 'identity', size: 10, sha256: HASH, party: 'a1' },
      { path: 'identity/授权委托书.pdf', role: 'authority', size: 10, sha256: HASH, party: 'a1' },
      { path: 'evidence/房产证.jpg', role: 'property', size: 10, sha256: HASH, ledgerSeq: 2 },
    ],
    ...overrides,
  };
}

const firstIssue = (m: unknown) => {
  const parsed = manifestSchema.safeParse(m);
  return parsed.success ? null : `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`;
};

describe('package paths', () => {
  it.each([
    'application.pdf',
    'evidence/银行转账回单 2026-03.png',
    'identity/张堃-居民身份证.jpg',
    'a/b/c/d/e/f/g/h.txt',
    'x'.repeat(200),
  ])('allows %s', (path) => expect(pathProblem(path)).toBeNull());

  it.each([
    ['', 'empty'],
    ['../x', '. or .. segment'],
    ['evidence/./x', '. or .. segment'],
    ['/etc/passwd', 'absolute'],
    ['C:/x', 'drive letter'],
    ['c:x', 'drive letter'],
    ['evidence/a:stream', '< > : " | ? *'],
    ['evidence\\x', 'backslash'],
    ['evidence//x', 'empty segment'],
    ['evidence/', 'empty segment'],
    ['evidence/x\n.pdf', 'control character'],
    ['evidence/x\u0085', 'control character'],
    ['evidence/gpj.\u202Eexe', 'direction-changing'],
    ['evidence/e\u0301.txt', 'NFC'],
    ['evidence/\ud800.txt', 'not valid Unicode'],
    ['x'.repeat(201), 'longer than 200'],
    ['a/b/c/d/e/f/g/h/i', 'more than 8 segments'],
    ['evidence/x.', 'ends with a space or a dot'],
    ['evidence/ x', 'starts with a space'],
    ['evidence/NUL.txt', 'reserved device name'],
  ])('refuses %j (%s)', (path, why) => expect(pathProblem(path)).toContain(why));

  it('finds names that collide on case-insensitive systems and files that are folders', () => {
    expect(pathCollisions(['a/b.txt', 'a/c.txt'])).toEqual([]);
    expect(pathCollisions(['a/b.txt', 'a/b.txt'])).toEqual(['"a/b.txt" appears twice']);
    // The same fold as the zip reader's (shared/integrity/ambiguity.ts): a ligature or ß names the same file.
    expect(pathCollisions(['evidence/ﬁle.txt', 'evidence/file.txt'])).toHaveLength(1);
    expect(pathCollisions(['evidence/straße.txt', 'evidence/STRASSE.txt'])).toHaveLength(1);
    expect(pathCollisions(['evidence/Photo.JPG', 'evidence/photo.jpg'])).toEqual(['"evidence/Photo.JPG" and "evidence/photo.jpg" differ only in letter case']);
    expect(pathCollisions(['evidence', 'evidence/a'])).toEqual(['"evidence" is a file and also the folder of "evidence/a"']);
  });
});

describe('the manifest schema', () => {
  it('accepts a complete manifest and gives its canonical bytes', () => {
    const m = manifest();
    expect(firstIssue(m)).toBeNull();
    const bytes = manifestBytes(m);
    expect(new TextDecoder().decode(bytes)).toBe(canonicalize(m));
    expect(new TextDecoder().decode(bytes).startsWith('{"case":{"agreementEffectiveOn"')).toBe(true);
  });

  it.each<[string, Partial<Manifest>, string]>([
    ['a role in the wrong folder', { files: [{ path: 'evidence/agreement.pdf', role: 'agreement', size: 1, sha256: HASH }] }, 'a file with role agreement belongs at agreement.pdf'],
    ['a reserved name', { files: [{ path: 'manifest.json', role: 'ledger', size: 1, sha256: HASH }] }, 'manifest.json describes the package'],
    ['an unsafe path', { files: [{ path: 'evidence/../x', role: 'evidence', size: 1, sha256: HASH }] }, 'files.0.path: the path contains a . or .. segment'],
    ['two paths differing in case', { files: [{ path: 'evidence/A.jpg', role: 'evidence', size: 1, sha256: HASH }, { path: 'evidence/a.jpg', role: 'evidence', size: 1, sha256: HASH }] }, 'differ only in letter case'],
    ['an identity document of nobody', { files: [{ path: 'identity/x.jpg', role: 'identity', size: 1, sha256: HASH, party: 'p9' }] }, 'names party p9, who is not in the case'],
    ['an identity document without a party', { files: [{ path: 'identity/x.jpg', role: 'identity', size: 1, sha256: HASH }] }, 'name their party'],
    ['a power of attorney for a principal', { files: [{ path: 'identity/x.pdf', role: 'authority', size: 1, sha256: HASH, party: 'p1' }] }, 'names a party who is not an agent'],
    ['a negative size', { files: [{ path: 'evidence/x', role: 'evidence', size: -1, sha256: HASH }] }, 'files.0.size'],
    ['an upper-case hash', { files: [{ path: 'evidence/x', role: 'evidence', size: 1, sha256: HASH.toUpperCase() }] }, 'lower-case hex'],
  ])('refuses %s', (_, overrides, message) => expect(firstIssue(manifest(overrides))).toContain(message));

  it('refuses unmasked ID numbers and agents of nobody', () => {
    const parties = manifest().case.parties;
    expect(firstIssue(manifest({}, { parties: [{ ...parties[0]!, idNumberMasked: '340202199001011234' }, parties[1]!] }))).toContain('the ID number of 张堃 is not masked');
    expect(firstIssue(manifest({}, { parties: [parties[0]!, parties[1]!, { ...parties[2]!, principalId: 'p9' }] }))).toContain('agent 赵律师 acts for no party of the case');
    expect(firstIssue(manifest({}, { parties: [{ ...parties[0]!, principalId: 'p2' }, parties[1]!] }))).toContain('agents, and only agents');
    expect(firstIssue({ ...manifest(), extra: 1 })).toContain('Unrecognized key');
  });
});

describe('SHA256SUMS', () => {
  it('is written and read as sha256sum does', () => {
    const text = sha256sumsText([
      { path: 'evidence/转账 记录.png', sha256: HASH },
      { path: 'manifest.json', sha256: 'cd'.repeat(32) },
    ]);
    expect(text).toBe(`${HASH}  evidence/转账 记录.png\n${'cd'.repeat(32)}  manifest.json\n`);
    expect(parseSha256Sums(text)).toEqual({ ok: true, entries: [{ sha256: HASH, path: 'evidence/转账 记录.png' }, { sha256: 'cd'.repeat(32), path: 'manifest.json' }] });
    expect(parseSha256Sums(`${HASH} *binary.bin\n`)).toEqual({ ok: true, entries: [{ sha256: HASH, path: 'binary.bin' }] });
    expect(parseSha256Sums(`${HASH}  a\nnot a line\n`)).toEqual({ ok: false, line: 2 });
    expect(() => sha256sumsText([{ path: 'a\nb', sha256: HASH }])).toThrow('control character');
  });
});

describe('the legal checklist', () => {
  const failed = (m: Manifest) => legalChecklist(m).filter((c) => !c.ok).map((c) => `${c.id}: ${c.message}`);

  it('passes a complete application', () => {
    expect(failed(manifest())).toEqual([]);
  });

  it('names each missing material', () => {
    const files = manifest().files;
    expect(failed(manifest({ files: files.filter((f) => f.role !== 'application') }))).toEqual(['checklist.application: The application (司法确认申请书) is missing.']);
    expect(failed(manifest({ files: files.filter((f) => f.role !== 'agreement') }))).toEqual(['checklist.agreement: The mediation agreement (人民调解协议书) is missing.']);
    expect(failed(manifest({ files: files.filter((f) => f.party !== 'p2') }))).toEqual(['checklist.identity: Identity documents are missing for: 芜湖某某有限公司 (respondent).']);
    expect(failed(manifest({ files: files.filter((f) => f.role !== 'authority') }))).toEqual(['checklist.authority: The power of attorney (授权委托书) is missing for: 赵律师 (agent).']);
    expect(failed(manifest({ files: files.filter((f) => f.role !== 'property') }))).toEqual(['checklist.property: The agreement concerns property, but no proof of the property rights (role "property") is included.']);
    expect(failed(manifest({ files: files.filter((f) => f.role !== 'property') }, { concernsProperty: false }))).toEqual([]);
    const parties = manifest().case.parties;
    expect(failed(manifest({ files: files.filter((f) => f.party !== 'p2') }, { parties: [parties[0]!, parties[2]!] }))).toEqual(['checklist.parties: The application is joint: the case needs at least one applicant and one respondent.']);
  });
});

describe('the 30-day deadline', () => {
  it('counts from the agreement taking effect', () => {
    expect(deadlineCheck(manifest().case, '2026-04-01')).toMatchObject({ ok: true, message: 'Received on 2026-04-01, within the 30-day deadline of 2026-04-01 (0 days to spare).' });
    expect(deadlineCheck(manifest().case, '2026-04-02')).toMatchObject({ ok: false, message: 'Received on 2026-04-02, 1 day after the 30-day deadline of 2026-04-01 (agreement effective 2026-03-02).' });
    expect(deadlineCheck(manifest().case, '2026-03-01').ok).toBe(false);
    expect(deadlineCheck(manifest({}, { confirmationDeadline: '2026-05-01' }).case, '2026-03-10')).toMatchObject({ ok: false, message: 'The manifest states the deadline 2026-05-01, but the agreement took effect on 2026-03-02, so the deadline is 2026-04-01.' });
    expect(deadlineCheck(manifest().case, 'yesterday').ok).toBe(false);
  });

  it('says when it counts from the first filing a new version continues', () => {
    expect(deadlineCheck(manifest().case, '2026-03-10', 'first_filing')).toMatchObject({ ok: true, message: expect.stringContaining('Counted from the first filing, received on 2026-03-10') });
    expect(deadlineCheck(manifest().case, '2026-04-03', 'first_filing')).toMatchObject({ ok: false, message: expect.stringContaining('2 days after the 30-day deadline of 2026-04-01') });
  });
});
