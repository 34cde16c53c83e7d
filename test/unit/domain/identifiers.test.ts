import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  maskIdNumber,
  maskPhone,
  residentIdCheckChar,
  validateCreditCode,
  validateMobile,
  validateOtherIdNumber,
  validateResidentId,
} from '../../../shared/domain/identifiers';

const TODAY = { today: '2026-11-22' };

function residentId(first17: string): string {
  return first17 + residentIdCheckChar(first17);
}

describe('resident ID (GB 11643-1999)', () => {
  it('accepts the standard example 11010519491231002X, whose check sum is hand-computed', () => {
    // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → 'X'.
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(validateResidentId('11010519491231002X', TODAY)).toEqual({ ok: true, normalized: '11010519491231002X' });
  });

  it('normalises a lower-case x, spaces and full-width digits', () => {
    expect(validateResidentId(' 110105 19491231 002x ', TODAY)).toEqual({ ok: true, normalized: '11010519491231002X' });
    expect(validateResidentId('１１０１０５１９４９１２３１００２Ｘ', TODAY)).toEqual({ ok: true, normalized: '11010519491231002X' });
  });

  it('accepts IDs built with residentIdCheckChar, including a rural Anhui one', () => {
    for (const first17 of ['34020219850615123', '44030620000229004', '52262419991231875']) {
      const id = residentId(first17);
      expect(validateResidentId(id, TODAY)).toEqual({ ok: true, normalized: id });
    }
  });

  it('rejects every wrong check character with the expected one named', () => {
    const id = '11010519491231002X';
    for (const ch of '0123456789') {
      expect(validateResidentId(id.slice(0, 17) + ch, TODAY)).toEqual({ ok: false, code: 'id.checksum', params: { expected: 'X' } });
    }
  });

  it('refuses wrong lengths, letters in the body, an all-zero region', () => {
    expect(validateResidentId('', TODAY)).toMatchObject({ ok: false, code: 'required' });
    expect(validateResidentId('110105194912310', TODAY)).toEqual({ ok: false, code: 'id.length', params: { actual: 15 } });
    expect(validateResidentId('11010519491231002X1', TODAY)).toMatchObject({ code: 'id.length' });
    expect(validateResidentId('1101051949123100AX', TODAY)).toMatchObject({ code: 'id.format' });
    expect(validateResidentId('11010519491231002Y', TODAY)).toMatchObject({ code: 'id.format' });
    expect(validateResidentId(residentId('00000019800101001'), TODAY)).toMatchObject({ code: 'id.region' });
  });

  it('refuses impossible, pre-1900 and future birth dates even with a right check character', () => {
    expect(validateResidentId(residentId('34020219900230001'), TODAY)).toEqual({ ok: false, code: 'id.birthdate', params: { digits: '19900230' } });
    expect(validateResidentId(residentId('34020219000229001'), TODAY)).toMatchObject({ code: 'id.birthdate' }); // 1900 was not a leap year
    expect(validateResidentId(residentId('34020218991231001'), TODAY)).toMatchObject({ code: 'id.birthdate' });
    expect(validateResidentId(residentId('34020220261123001'), TODAY)).toMatchObject({ code: 'id.birthdate' });
    expect(validateResidentId(residentId('34020220261122001'), TODAY)).toMatchObject({ ok: true });
    expect(validateResidentId(residentId('34020220000229001'), TODAY)).toMatchObject({ ok: true });
  });

  it('property: every single-character change of a valid ID is refused', () => {
    const first17 = fc
      .tuple(
        fc.integer({ min: 110000, max: 829999 }),
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2026, 10, 22) }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([region, ms, seq]) => `${region}${new Date(ms).toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`);
    const alphabet = '0123456789Xa ';
    fc.assert(
      fc.property(first17, fc.nat(17), fc.constantFrom(...alphabet), (body, position, replacement) => {
        const id = residentId(body);
        expect(validateResidentId(id, TODAY).ok).toBe(true);
        const mutated = id.slice(0, position) + replacement + id.slice(position + 1);
        const r = validateResidentId(mutated, TODAY);
        if (mutated === id) expect(r.ok).toBe(true);
        else expect(r.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts 91350100M000100Y43, whose check sum is hand-computed', () => {
    // 9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+M(21)·20+0·29+0·25+0·13+1·8+0·24+0·10+Y(30)·30+4·28
    // = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true, normalized: '91350100M000100Y43' });
    expect(validateCreditCode('91350100m000100y43')).toEqual({ ok: true, normalized: '91350100M000100Y43' });
  });

  it('maps a check value of 31 to 0', () => {
    // Search the space for a body whose sum is a multiple of 31, and confirm it gets '0'.
    let found = '';
    for (let i = 0; i < 31 && !found; i += 1) {
      const body = `9134020000000000${CREDIT_CODE_ALPHABET[i]}`;
      const check = creditCodeCheckChar(body);
      if (check === '0') found = body + check;
    }
    expect(found).not.toBe('');
    expect(validateCreditCode(found)).toMatchObject({ ok: true });
  });

  it('refuses each of the letters GB 32100 leaves out, naming the position', () => {
    for (const letter of 'IOZSV') {
      const code = `91350100M000100${letter}43`;
      expect(validateCreditCode(code)).toEqual({ ok: false, code: 'credit.charset', params: { char: letter, position: 16 } });
    }
  });

  it('refuses a wrong length and every wrong check character', () => {
    expect(validateCreditCode('91350100M000100Y4')).toEqual({ ok: false, code: 'credit.length', params: { actual: 17 } });
    for (const ch of CREDIT_CODE_ALPHABET.replace('3', '')) {
      expect(validateCreditCode(`91350100M000100Y4${ch}`)).toEqual({ ok: false, code: 'credit.checksum', params: { expected: '3' } });
    }
  });
});

describe('mobile numbers', () => {
  it('normalises prefixes and separators', () => {
    for (const input of ['13800138000', '+86 138 0013 8000', '86-138-0013-8000', '0086 13800138000', '(138)0013-8000', '１３８００１３８０００']) {
      expect(validateMobile(input)).toEqual({ ok: true, normalized: '13800138000' });
    }
  });

  it('refuses landlines, short numbers and letters', () => {
    for (const input of ['0553-1234567', '1380013800', '138001380001', '2380013800a', 'abc']) {
      expect(validateMobile(input)).toEqual({ ok: false, code: 'phone.invalid' });
    }
    expect(validateMobile('  ')).toMatchObject({ code: 'required' });
  });
});

describe('other documents and masking', () => {
  it('checks passport-like numbers by charset', () => {
    expect(validateOtherIdNumber('e 1234 5678')).toEqual({ ok: true, normalized: 'E12345678' });
    expect(validateOtherIdNumber('A123456(7)')).toEqual({ ok: true, normalized: 'A123456(7)' });
    expect(validateOtherIdNumber('E1234#')).toMatchObject({ code: 'id.format' });
  });

  it('masks IDs as 340202********1234 and phones as 138****8000', () => {
    expect(maskIdNumber('340202198506151234')).toBe('340202********1234');
    expect(maskIdNumber('E12345678')).toBe('E1*****78');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber('')).toBe('');
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});
