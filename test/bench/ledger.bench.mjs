// `npm run bench -- ledger`: the evidence ledger's pure code (shared/ledger) in Node, beside the
// issue's targets:
//   appending 100,000 entries                                   ≤ 10 s
//   verifying a 100,000-entry ledger with its proofs (no files)   ≤ 2 s
//   an inclusion proof for one entry of 1,000,000               ≤ 5 ms and ≤ 1 KiB
import { register } from 'tsx/esm/api';

register();
const { CaseLedger } = await import('../../shared/ledger/ledger.ts');
const { MerkleTree, verifyInclusion } = await import('../../shared/ledger/merkle.ts');
const { verifyLedger } = await import('../../shared/ledger/verify.ts');
const { sha256Bytes, bytesToHex } = await import('../../shared/ledger/hash.ts');

const log = (message) => process.stderr.write(`bench ledger: ${message}\n`);
const round = (n) => Math.round(n * 10) / 10;
const ENTRIES = Number(process.env.BENCH_LEDGER_ENTRIES ?? 100_000);
const TREE = 1_000_000;

// Signing is the institution key's business (RSA, ~1 ms); a constant signature keeps the figure
// about the ledger itself.
const signer = async () => ({ signature: 'AAAA', keyId: 'a'.repeat(64) });
const verifySignature = async () => true;

log(`appending ${ENTRIES} entries`);
const ledger = new CaseLedger('bench-case');
const appendStarted = performance.now();
for (let i = 0; i < ENTRIES; i++) {
  ledger.append({
    action: 'add',
    refersTo: null,
    kind: i % 7 === 0 ? 'note' : 'file',
    title: `证据 ${i + 1}：银行转账回单.png`,
    mediaType: 'image/png',
    size: 100_000 + i,
    contentSha256: bytesToHex(sha256Bytes(new Uint8Array([i & 255, (i >> 8) & 255, (i >> 16) & 255]))),
    author: { id: 'u-mediator', name: '王芳' },
    submittedBy: i % 2 ? 'respondent' : 'applicant',
    shownToOtherParty: i % 3 === 0,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  });
  if (i === Math.floor(ENTRIES / 2)) await ledger.checkpoint(signer, new Date());
}
await ledger.checkpoint(signer, new Date());
const appendMs = performance.now() - appendStarted;

const exported = { entries: JSON.parse(JSON.stringify(ledger.entries)), checkpoints: JSON.parse(JSON.stringify(ledger.checkpoints)), proofs: JSON.parse(JSON.stringify(ledger.proofs())) };
log('verifying');
const verifyStarted = performance.now();
const report = await verifyLedger({ ...exported, verifySignature });
const verifyMs = performance.now() - verifyStarted;
if (!report.ok) throw new Error(`the benchmark ledger did not verify: ${report.firstProblem?.detail}`);

log(`building a tree of ${TREE} entries`);
const tree = new MerkleTree();
for (let i = 0; i < TREE; i++) tree.appendLeafHash(sha256Bytes(new Uint8Array([i & 255, (i >> 8) & 255, (i >> 16) & 255])));
const root = tree.root();
const times = [];
let bytes = 0;
for (let k = 0; k < 200; k++) {
  const index = (k * 7919) % TREE;
  const started = performance.now();
  const proof = tree.inclusionProof(index);
  times.push(performance.now() - started);
  bytes = Math.max(bytes, proof.length * 32);
  if (!verifyInclusion(tree.leafHashAt(index), index, TREE, proof, root)) throw new Error('a proof did not verify');
}
times.sort((a, b) => a - b);

console.log(
  JSON.stringify(
    {
      bench: 'ledger',
      append: { entries: ENTRIES, ms: Math.round(appendMs), targetMs: 10_000, ratioToTarget: round(appendMs / 10_000) },
      verifyWithProofs: { entries: ENTRIES, inclusionProofs: exported.proofs.inclusion.length, ms: Math.round(verifyMs), targetMs: 2_000, ratioToTarget: round(verifyMs / 2_000) },
      inclusionProof: { treeSize: TREE, p95Ms: round(times[Math.ceil(0.95 * times.length) - 1] * 1000) / 1000, maxBytes: bytes, targetMs: 5, targetBytes: 1024 },
    },
    null,
    2,
  ),
);
