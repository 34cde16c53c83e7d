// A record kind that exists only for the tests: what adding a kind takes is this file (its schema
// and its registration) and its test (./record-kind.test.ts) — nothing in the data layer changes.
import { z } from 'zod';
import { defineRecordKind } from '../../../renderer/data';

export const noteSchema = z.strictObject({
  id: z.string().min(1),
  caseId: z.string().min(1),
  text: z.string().min(1).max(500),
  pinned: z.boolean(),
});
export type Note = z.infer<typeof noteSchema>;

export const NOTES = defineRecordKind('testNotes', noteSchema);
