// Runs the consultation register's own code in Chromium against the database the app restored
// (same origin, same IndexedDB): the register is filled through recordConsultation itself, its
// calls batched inside data.transact (a nested transact joins the outer one, so each batch commits
// once with every record's audit event, and the packed catalog's chunks once); the register's
// index is read as a window does at the desk's first query (the packed catalog), and for the record
// the old way (every record read and parsed, the index built); and the desk's list query runs for
// filters and searches.
import { openDataStore } from '../../../renderer/data';
import { ConsultationCatalog, consultationCatalog } from '../../../renderer/features/consultations/catalog';
import { recordConsultation } from '../../../renderer/features/consultations/commands';
import { PAGE_SIZE } from '../../../renderer/features/consultations/desk/useDeskPages';
import { CONSULTATIONS } from '../../../renderer/features/consultations/kind';
import { queryConsultations, type ConsultationQuery } from '../../../renderer/features/consultations/query';
import { CONSULTATION_CHANNELS, type ConsultationOutcome } from '../../../shared/consultation/model';
import { STATUTE_IDS } from '../../../shared/consultation/statutes';
import { CONSULTATION_TOPICS, topicName } from '../../../shared/consultation/topics';
import { mulberry32 } from '../../../shared/seed/prng';

/** A person of the restored seed's cases, who comes to the desk. */
interface Person {
  name: string;
  idNumber: string;
  phone: string;
}

interface Seeded {
  ms: number;
  records: number;
  batches: number;
  /** Register numbers spread over the register, for the searches. */
  numbers: string[];
}

interface CatalogTimings {
  /** The old path, for the record: every full record read and parsed… */
  readAllMs: number;
  /** …and the index built from them. */
  buildMs: number;
  entries: number;
  /** What the desk's first query waits for in a window that has not read the index yet: the packed catalog read and the index derived from it. */
  firstLoadMs: number;
  /** Of which the packed catalog's read (its chunks, the count check). */
  packedReadMs: number;
}

interface Timing {
  label: string;
  ms: number;
  rows: number;
  total: number;
}

declare global {
  interface Window {
    benchConsultationSeed(persons: Person[], count: number, batch: number): Promise<Seeded>;
    benchConsultationCatalog(): Promise<CatalogTimings>;
    benchConsultationQueries(specs: { label: string; query: ConsultationQuery }[]): Promise<Timing[]>;
  }
}

// One connection, as a window holds one.
const data = openDataStore();
const MONTH_MS = 30 * 86_400_000;
/** The register spans 30 months, inside the default 36 months' retention (the desk's run at sign-in leaves it whole). */
const SPAN_MS = 30 * MONTH_MS;
const OUTCOME_WEIGHTS: readonly (readonly [ConsultationOutcome, number])[] = [
  ['answered', 6],
  ['referred_mediation', 2],
  ['referred_legal_aid', 1],
  ['referred_arbitration', 0.5],
  ['referred_court', 0.7],
  ['referred_agency', 0.5],
];

function formInput(rng: ReturnType<typeof mulberry32>, person: Person, receivedAt: Date) {
  const topic = rng.pick(CONSULTATION_TOPICS);
  const outcome = rng.weighted(OUTCOME_WEIGHTS);
  const about = topicName(topic)['zh-CN'];
  return {
    channel: rng.pick(CONSULTATION_CHANNELS),
    receivedAt: receivedAt.toISOString(),
    name: person.name,
    idType: 'resident_id',
    idNumber: rng.chance(0.6) ? person.idNumber : '',
    phone: rng.chance(0.8) ? person.phone : '',
    topic,
    question: `咨询${about}：对方不履行约定，应当如何处理？`,
    facts: rng.chance(0.5) ? `当事人陈述：${about}，双方协商未果，已持续${rng.int(1, 24)}个月。` : '',
    advice: `建议先行协商或申请人民调解；协商不成的，可依法申请仲裁或提起诉讼，注意保存相关证据。`,
    legalBases: rng.chance(0.7) ? [{ statute: rng.pick(STATUTE_IDS), article: `第${rng.int(1, 300)}条`, note: '' }] : [],
    outcome,
    referredTo: outcome === 'referred_agency' ? '市市场监督管理局' : '',
    minutesSpent: String(rng.int(5, 90)),
    followUp: rng.chance(0.1),
    followUpNote: '',
  };
}

window.benchConsultationSeed = async (persons, count, batch) => {
  const lawyer = (await data.accounts.all()).find((u) => u.role === 'lawyer' && u.active);
  if (!lawyer) throw new Error('no active lawyer in the restored data');
  const rng = mulberry32(18);
  const now = new Date();
  const first = now.getTime() - SPAN_MS;
  const numbers: string[] = [];
  let batches = 0;
  const started = performance.now();
  for (let from = 0; from < count; from += batch) {
    const inputs: ReturnType<typeof formInput>[] = [];
    for (let i = from; i < Math.min(count, from + batch); i += 1) {
      inputs.push(formInput(rng, rng.pick(persons), new Date(first + Math.floor((i * SPAN_MS) / count))));
    }
    const recorded = await data.transact({ id: lawyer.id, displayName: lawyer.displayName }, async () => {
      const out: string[] = [];
      for (const input of inputs) {
        const r = await recordConsultation(data, lawyer, input, now);
        if (!r.ok) throw new Error(`recordConsultation refused a seed record: ${JSON.stringify(r.error)}`);
        out.push(r.value.number);
      }
      return out;
    });
    batches += 1;
    numbers.push(recorded[0] as string);
  }
  return { ms: performance.now() - started, records: count, batches, numbers };
};

window.benchConsultationCatalog = async () => {
  // Fresh connections: each is a window that has not read the register yet.
  const plain = openDataStore();
  const packed = openDataStore();
  const cold = openDataStore();
  try {
    const t0 = performance.now();
    const records = await plain.records(CONSULTATIONS).all();
    const t1 = performance.now();
    const built = ConsultationCatalog.of(records);
    const t2 = performance.now();
    await packed.recordCatalog(CONSULTATIONS);
    const t3 = performance.now();
    const loaded = await consultationCatalog(cold);
    const t4 = performance.now();
    if (loaded.entries.length !== built.entries.length) throw new Error(`the packed catalog holds ${loaded.entries.length} entries, the records ${built.entries.length}`);
    // The bench's own connection reads it too, so its queries below are warm as at the desk.
    await consultationCatalog(data);
    return { readAllMs: t1 - t0, buildMs: t2 - t1, entries: built.entries.length, packedReadMs: t3 - t2, firstLoadMs: t4 - t3 };
  } finally {
    plain.close();
    packed.close();
    cold.close();
  }
};

window.benchConsultationQueries = async (specs) => {
  const institution = await data.institution.get();
  if (!institution) throw new Error('no institution in the restored data');
  const out: Timing[] = [];
  for (const spec of specs) {
    const t0 = performance.now();
    const page = await queryConsultations(data, institution.creditCode, spec.query, { offset: 0, limit: PAGE_SIZE });
    out.push({ label: spec.label, ms: performance.now() - t0, rows: page.rows.length, total: page.total });
  }
  return out;
};
document.title = 'ready';
