import { describe, expect, it } from 'vitest';
import { CLEAR_FILTERS, hasFilters, paramsForPatch, viewFromParams, viewKey } from '../../../renderer/features/cases/list/view';
import { stripControlChars, countControlChars } from '../../../renderer/kit/text-input';
import { changesOf } from '../../../renderer/features/cases/case/audit-changes';

describe('list view in the URL', () => {
  it('round-trips filters and sort through the search parameters', () => {
    const view = viewFromParams(new URLSearchParams('category=TRF&status=accepted&text=%E5%A0%83&sort=number&dir=asc&overdue=1'));
    expect(view).toEqual({ category: 'TRF', status: 'accepted', text: '堃', sort: 'number', dir: 'asc', overdue: true });
    expect(viewFromParams(new URLSearchParams(viewKey(view)))).toEqual(view);
  });

  it('drops what a stale or hand-edited link cannot mean', () => {
    expect(viewFromParams(new URLSearchParams('category=XYZ&status=nope&sort=sideways'))).toEqual({ sort: 'registeredAt', dir: 'desc' });
  });

  it('applies a patch, removing filters set to undefined and keeping the URL short', () => {
    const view = viewFromParams(new URLSearchParams('category=TRF&status=accepted'));
    expect(paramsForPatch(view, { status: undefined, text: '138' })).toEqual({ category: 'TRF', text: '138' });
    expect(paramsForPatch(view, { overdue: false })).toEqual({ category: 'TRF', status: 'accepted' });
    expect(paramsForPatch(view, { dir: 'desc', sort: 'registeredAt' })).toEqual({ category: 'TRF', status: 'accepted' });
    expect(hasFilters(viewFromParams(new URLSearchParams('sort=number')))).toBe(false);
    expect(hasFilters(view)).toBe(true);
  });

  it('keeps the district and risk filters, and clears them with the others', () => {
    const view = viewFromParams(new URLSearchParams('district=%E9%95%9C%E6%B9%96%E5%8C%BA&risk=1&source=police'));
    expect(view).toEqual({ district: '镜湖区', risk: true, source: 'police', sort: 'registeredAt', dir: 'desc' });
    expect(hasFilters(viewFromParams(new URLSearchParams('risk=1')))).toBe(true);
    expect(hasFilters(viewFromParams(new URLSearchParams('district=x')))).toBe(true);
    expect(paramsForPatch(view, { risk: false })).toEqual({ district: '镜湖区', source: 'police' });
    expect(paramsForPatch(view, CLEAR_FILTERS)).toEqual({});
  });
});

describe('pasted text', () => {
  it('removes control characters and the BOM, keeps line breaks, tabs and rare Han', () => {
    const pasted = '\uFEFF张\u0000三\r\n䶮\t𠀀\u0007';
    expect(stripControlChars(pasted)).toBe('张三\n䶮\t𠀀');
    expect(countControlChars(pasted)).toBe(3);
    expect(countControlChars('plain\r\ntext')).toBe(0);
  });
});

describe('audit changes', () => {
  it('lists changed fields and hides bookkeeping', () => {
    expect(
      changesOf({
        before: { status: 'registered', version: 1, updatedAt: 'a' },
        after: { status: 'accepted', mediationDeadline: '2026-02-01', version: 2, updatedAt: 'b', reason: 'x' },
      }),
    ).toEqual([
      { field: 'status', before: 'registered', after: 'accepted' },
      { field: 'mediationDeadline', before: null, after: '2026-02-01' },
    ]);
  });
});

describe('party order on the case page', () => {
  it('puts applicants first, respondents next, each followed by their agents', async () => {
    const { orderParties } = await import('../../../renderer/features/cases/case/party-order');
    const base = { caseId: 'c', phone: '', address: '' };
    const parties = [
      { ...base, id: 'r', kind: 'natural', side: 'respondent', name: '李堃', idType: 'resident_id', idNumber: '' },
      { ...base, id: 'g', kind: 'agent', side: 'applicant', name: '钱律师', principalId: 'a', licenseNo: '', firm: '' },
      { ...base, id: 't', kind: 'natural', side: 'third_party', name: '周三', idType: 'resident_id', idNumber: '' },
      { ...base, id: 'a', kind: 'natural', side: 'applicant', name: '张䶮', idType: 'resident_id', idNumber: '' },
    ] as const;
    expect(orderParties(parties.map((p) => ({ ...p }))).map((p) => p.id)).toEqual(['a', 'g', 'r', 't']);
  });
});
