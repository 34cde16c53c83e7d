// The consultation tests' fixtures: a valid form input (a labour question from a person with a
// rare-character name), the clock, and a desk: a fresh store with its administrator and a lawyer.
import { residentIdCheckChar } from '../../../shared/domain/identifiers';
import { addUser, freshDb, setUp } from '../db/helpers';

export const ID17 = '34020219900307123';
export const ID = ID17 + residentIdCheckChar(ID17);
export const NOW = new Date('2026-12-07T06:00:00Z');

export function consultationInput(over: Record<string, unknown> = {}) {
  return {
    channel: 'walk_in',
    receivedAt: '2026-12-07T05:30:00.000Z',
    name: '王𠀀堃',
    idType: 'resident_id',
    idNumber: ID,
    phone: '13955312345',
    topic: 'LAB',
    question: '公司拖欠三个月工资，如何维权？',
    facts: '',
    advice: '可先向劳动争议调解组织申请调解，或申请劳动仲裁。',
    legalBases: [{ statute: 'labour_dispute', article: '第5条', note: '' }],
    outcome: 'referred_arbitration',
    referredTo: '',
    minutesSpent: '20',
    followUp: false,
    followUpNote: '',
    ...over,
  };
}


export async function desk() {
  const data = freshDb();
  const admin = await setUp(data);
  const lawyer = await addUser(data, admin, 'lawyer1', 'lawyer');
  const institutionId = (await data.institution.get())!.creditCode;
  return { data, admin, lawyer, institutionId };
}
