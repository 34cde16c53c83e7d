// The consultation register's record kind: kept through the data layer's generic records table
// (no schema migration), parsed with shared/consultation's schema on every write and read, with a
// packed catalog of its list entries that the data layer keeps in the transaction of every write
// (renderer/data/record-catalog.ts): the desk's list reads those entries, not the records.
import { consultationSchema, type Consultation } from '../../../shared/consultation/model';
import { defineRecordKind, searchTextOf } from '../../data';

/** What the desk's list shows, filters and searches on, for one consultation. */
export interface ConsultationEntry {
  id: string;
  institutionId: string;
  number: string;
  receivedAt: string;
  channel: Consultation['channel'];
  topic: Consultation['topic'];
  outcome: Consultation['outcome'];
  /** '' once anonymised. */
  name: string;
  idNumber: string;
  phone: string;
  lawyerId: string;
  lawyerName: string;
  followUp: boolean;
  anonymised: boolean;
  searchText: string;
}

const ENTRY_FIELDS = [
  'id',
  'institutionId',
  'number',
  'receivedAt',
  'channel',
  'topic',
  'outcome',
  'name',
  'idNumber',
  'phone',
  'lawyerId',
  'lawyerName',
  'followUp',
  'anonymised',
  'searchText',
] as const satisfies readonly (keyof ConsultationEntry)[];

export function entryOf(c: Consultation): ConsultationEntry {
  return {
    id: c.id,
    institutionId: c.institutionId,
    number: c.number,
    receivedAt: c.receivedAt,
    channel: c.channel,
    topic: c.topic,
    outcome: c.outcome,
    name: c.person?.name ?? '',
    idNumber: c.person?.idNumber ?? '',
    phone: c.person?.phone ?? '',
    lawyerId: c.lawyerId,
    lawyerName: c.lawyerName,
    followUp: c.followUp,
    anonymised: c.anonymisedAt !== undefined,
    searchText: searchTextOf(c.searchTerms),
  };
}

export const CONSULTATIONS = defineRecordKind('consultations', consultationSchema, {
  catalog: { version: 1, fields: ENTRY_FIELDS, entryOf },
});
