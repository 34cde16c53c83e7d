// Drafting rules: what blocks finalisation (人民调解法 art. 29), term rules, text limits, amounts in
// capital numerals, clause suggestions per category.
import { describe, expect, it } from 'vitest';
import { fenToChineseCapital, fenToFigures } from '../../../shared/agreement/amount-words';
import { cleanContent, finalisationProblems } from '../../../shared/agreement/checks';
import { CLAUSE_SUGGESTIONS, suggestionsFor } from '../../../shared/agreement/clauses';
import { agreementContentSchema, type Term } from '../../../shared/agreement/model';
import { fontCoverage } from '../../../shared/agreement/pdf/fonts';
import { CATEGORY_CODES } from '../../../shared/domain/categories';
import { content, FONTS, PARTIES } from './agreement-fixtures';

const covers = fontCoverage(FONTS).any;
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('amounts in capital numerals', () => {
  it.each([
    [0, '零元整'],
    [5_000_000, '伍万元整'],
    [12_345, '壹佰贰拾叁元肆角伍分'],
    [100_050, '壹仟元伍角'],
    [100_005, '壹仟元零伍分'],
    [10_050_000, '壹拾万零伍佰元整'],
    [100_100_00, '壹拾万零壹佰元整'],
    [1_000_100_000_00, '壹拾亿零壹拾万元整'],
    [2_000_000_000, '贰仟万元整'],
    [101, '壹元零壹分'],
    [1_0000_0000_0000_00, '壹万亿元整'],
    [1_0002_0000_0000_00, '壹万零贰亿元整'],
  ])('%i fen is %s', (fen, words) => {
    expect(fenToChineseCapital(fen)).toBe(words);
  });

  it('refuses what is not an amount', () => {
    expect(() => fenToChineseCapital(-1)).toThrow(RangeError);
    expect(() => fenToChineseCapital(1.5)).toThrow(RangeError);
  });

  it('writes figures with separators', () => {
    expect(fenToFigures(123_456_789)).toBe('¥1,234,567.89');
  });
});

describe('finalisation', () => {
  it('accepts a complete agreement', () => {
    expect(finalisationProblems(content(), PARTIES, covers)).toEqual([]);
  });

  it('lists every missing legal element at once', () => {
    const problems = finalisationProblems(content({ facts: ' ', dispute: '', responsibility: '', terms: [], defaultClause: '' }), PARTIES, covers);
    expect(codes(problems)).toEqual(expect.arrayContaining(['required', 'agreement.no_terms']));
    expect(problems.filter((p) => p.code === 'required').map((p) => p.path[0])).toEqual(['facts', 'dispute', 'responsibility']);
  });

  it('wants the default clause when something is to be performed', () => {
    expect(codes(finalisationProblems(content({ defaultClause: '' }), PARTIES, covers))).toEqual(['agreement.default_clause']);
    const onlyText: Term[] = [{ id: 'x', kind: 'other', text: '双方互不追究。' }];
    expect(finalisationProblems(content({ defaultClause: '', terms: onlyText }), PARTIES, covers)).toEqual([]);
  });

  it('refuses a due date before the agreement date, naming both', () => {
    const terms: Term[] = [{ id: 't', kind: 'payment', payerId: 'p2', payeeId: 'p1', amountFen: 100, dueDate: '2026-11-01', method: 'cash', account: '', note: '' }];
    const [problem] = finalisationProblems(content({ terms }), PARTIES, covers);
    expect(problem).toEqual({ path: ['terms', 0, 'dueDate'], code: 'agreement.due_before_agreement', params: { due: '2026-11-01', date: '2026-11-23' } });
  });

  it('refuses instalments out of order and unknown or identical parties', () => {
    const terms: Term[] = [
      { id: 'a', kind: 'instalments', payerId: 'p2', payeeId: 'p2', instalments: [{ amountFen: 100, dueDate: '2027-02-01' }, { amountFen: 100, dueDate: '2027-01-01' }], method: 'cash', account: '', accelerateOnDefault: false, note: '' },
      { id: 'b', kind: 'apology', obligorId: 'a1', obligeeId: 'nobody', form: 'oral', dueDate: '2026-12-01' },
    ];
    const problems = finalisationProblems(content({ terms }), PARTIES, covers);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: ['terms', 0, 'payeeId'], code: 'agreement.same_party' },
        { path: ['terms', 0, 'instalments', 1, 'dueDate'], code: 'agreement.instalments_order', params: { n: 2 } },
        // An agent performs nothing of their own: only the principals are parties to the terms.
        { path: ['terms', 1, 'obligorId'], code: 'agreement.party_unknown' },
        { path: ['terms', 1, 'obligeeId'], code: 'agreement.party_unknown' },
      ]),
    );
  });

  it('names a party whose particulars the document needs', () => {
    const parties = PARTIES.map((p) => (p.id === 'p2' ? { ...p, address: '', idNumber: '' } : p));
    const problems = finalisationProblems(content(), parties, covers);
    expect(problems).toEqual([
      { path: ['parties', 'p2'], code: 'agreement.party_id_number', params: { name: '刘䶮' } },
      { path: ['parties', 'p2'], code: 'agreement.party_address', params: { name: '刘䶮' } },
    ]);
  });

  it('wants a copy for each party and one for the committee', () => {
    expect(finalisationProblems(content({ copies: 3 }), PARTIES, covers)).toEqual([{ path: ['copies'], code: 'agreement.copies', params: { min: 4 } }]);
  });

  it('names a character that no shipped font can print, where it is', () => {
    const parties = PARTIES.map((p) => (p.id === 'p1' ? { ...p, name: '王𠮷' } : p));
    const problems = finalisationProblems(content({ responsibility: '责任𪚥' }), parties, covers);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: ['parties', 'p1'], code: 'agreement.glyph_missing', params: { char: '𠮷', codePoint: 'U+20BB7' } },
        { path: ['responsibility'], code: 'agreement.glyph_missing', params: { char: '𪚥', codePoint: 'U+2A6A5' } },
      ]),
    );
    // The rare names the issue asks for are printable.
    expect(['堃', '喆', '䶮'].every((c) => covers(c.codePointAt(0) as number))).toBe(true);
  });
});

describe('draft texts', () => {
  it('refuses a 10,000-character clause with its length, and keeps nothing half-cleaned', () => {
    const long = '款'.repeat(10_000);
    const { problems } = cleanContent(content({ defaultClause: long }));
    expect(problems).toEqual([{ path: ['defaultClause'], code: 'too_long', params: { max: 2000, actual: 10_000 } }]);
    expect(agreementContentSchema.safeParse(content({ defaultClause: long })).success).toBe(false);
  });

  it('checks the texts inside terms too', () => {
    const terms: Term[] = [{ id: 'o', kind: 'other', text: '条'.repeat(2001) }];
    expect(cleanContent(content({ terms })).problems).toEqual([{ path: ['terms', 0, 'text'], code: 'too_long', params: { max: 2000, actual: 2001 } }]);
  });

  it('normalises what was typed', () => {
    const { content: cleaned, problems } = cleanContent(content({ facts: '  事实\r\n第二行\u202e  ' }));
    expect(problems).toEqual([{ path: ['facts'], code: 'control_chars' }]);
    expect(cleanContent(content({ facts: '  事实\r\n第二行  ' })).content.facts).toBe('事实\n第二行');
    expect(cleaned.facts).toBe('  事实\r\n第二行\u202e  ');
  });

  it('refuses negative, zero and fractional-fen amounts in the schema', () => {
    const term = (amountFen: number) => content({ terms: [{ id: 'x', kind: 'payment', payerId: 'p2', payeeId: 'p1', amountFen, dueDate: '2026-12-01', method: 'cash', account: '', note: '' }] });
    expect(agreementContentSchema.safeParse(term(-100)).success).toBe(false);
    expect(agreementContentSchema.safeParse(term(0)).success).toBe(false);
    expect(agreementContentSchema.safeParse(term(10.5)).success).toBe(false);
    expect(agreementContentSchema.safeParse(term(100)).success).toBe(true);
  });
});

describe('clause suggestions', () => {
  it('offers every category at least a payment or a performance clause, the default and settlement texts', () => {
    for (const category of CATEGORY_CODES) {
      const ids = suggestionsFor(category).map((s) => s.id);
      expect(ids, category).toEqual(expect.arrayContaining(['default_general', 'full_settlement']));
      expect(ids.some((id) => ['lump_sum', 'stop_nuisance', 'return_property', 'apology'].includes(id)), category).toBe(true);
    }
    expect(suggestionsFor('LAB').map((s) => s.id)).toContain('work_certificate');
    expect(suggestionsFor('LEN').map((s) => s.id)).not.toContain('work_certificate');
  });

  it('fills terms that pass the schema and the checks once the amount is set', () => {
    const ctx = { applicantId: 'p1', respondentId: 'p2', agreementDate: '2026-11-23', amountFen: 1_234_567 };
    for (const suggestion of CLAUSE_SUGGESTIONS) {
      const made = suggestion.make(ctx);
      if (made.target !== 'term') {
        expect(made.text['zh-CN'].length).toBeGreaterThan(10);
        continue;
      }
      const term = { ...made.term, id: suggestion.id } as Term;
      if (term.kind === 'return_property') term.items = '电动车一辆';
      const problems = finalisationProblems(content({ terms: [term] }), PARTIES, covers);
      expect(problems, suggestion.id).toEqual([]);
      if (term.kind === 'instalments' && suggestion.id === 'instalments') expect(term.instalments.reduce((s, i) => s + i.amountFen, 0)).toBe(1_234_567);
    }
  });
});
