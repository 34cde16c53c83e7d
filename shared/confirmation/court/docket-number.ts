// Court case numbers (案号) of judicial-confirmation cases, e.g. （2026）皖0202民特123号: the year
// in full-width brackets, the court's code (the province's one-character abbreviation and its
// digits: 皖 high court, 皖02 intermediate, 皖0202 basic), the case type (民特 for special
// civil procedure) and the court's running sequence for that year. The court code and the type are
// the court's settings; parsing accepts ASCII brackets as typed and gives back the canonical form.
import { z } from 'zod';

export interface DocketNumber {
  year: number;
  courtCode: string;
  caseType: string;
  sequence: number;
}

export const DEFAULT_CASE_TYPE = '民特';

const COURT_CODE = /^[\u4e00-\u9fff](?:\d{2}){0,2}$/;
const CASE_TYPE = /^[\u4e00-\u9fff]{1,4}$/;
const PATTERN = /^[（(](\d{4})[）)]([\u4e00-\u9fff](?:\d{2}){0,2})([\u4e00-\u9fff]{1,4}?)([1-9]\d{0,5})号$/;

export const docketSettingsSchema = z.strictObject({
  courtCode: z.string().regex(COURT_CODE, 'a court code such as 皖0202'),
  caseType: z.string().regex(CASE_TYPE, 'one to four Chinese characters, such as 民特').default(DEFAULT_CASE_TYPE),
});
export type DocketSettings = z.infer<typeof docketSettingsSchema>;

/** Why these parts cannot form a case number, or null. */
export function docketProblem(parts: DocketNumber): string | null {
  if (!Number.isInteger(parts.year) || parts.year < 1949 || parts.year > 9999) return `the year ${parts.year} is not a four-digit year`;
  if (!COURT_CODE.test(parts.courtCode)) return `the court code ${JSON.stringify(parts.courtCode)} is not a code such as 皖0202`;
  if (!CASE_TYPE.test(parts.caseType)) return `the case type ${JSON.stringify(parts.caseType)} is not one to four Chinese characters`;
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence > 999_999) return `the sequence ${parts.sequence} is not a number from 1 to 999999`;
  return null;
}

export function formatDocketNumber(parts: DocketNumber): string {
  const problem = docketProblem(parts);
  if (problem) throw new RangeError(`Not a court case number: ${problem}.`);
  return `（${parts.year}）${parts.courtCode}${parts.caseType}${parts.sequence}号`;
}

/**
 * The parts of a case number, or null when it is not one. The case type is the shortest run of
 * Chinese characters before the digits, so a court code's own digits never run into it.
 */
export function parseDocketNumber(text: string): DocketNumber | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const parts = { year: Number(m[1]), courtCode: m[2] as string, caseType: m[3] as string, sequence: Number(m[4]) };
  return docketProblem(parts) === null ? parts : null;
}

/** The next number of the court's sequence for `year`: one more than the highest of `existing` of the same court, type and year. */
export function nextDocketNumber(existing: Iterable<string>, settings: DocketSettings, year: number): string {
  let highest = 0;
  for (const text of existing) {
    const p = parseDocketNumber(text);
    if (p && p.year === year && p.courtCode === settings.courtCode && p.caseType === settings.caseType) highest = Math.max(highest, p.sequence);
  }
  return formatDocketNumber({ year, courtCode: settings.courtCode, caseType: settings.caseType, sequence: highest + 1 });
}

/** A case number in its canonical form (zod), for the receipt and the ruling. */
export const docketNumberSchema = z.string().refine((text) => {
  const p = parseDocketNumber(text);
  return p !== null && formatDocketNumber(p) === text;
}, 'a court case number such as （2026）皖0202民特123号');
