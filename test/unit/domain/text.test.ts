import { describe, expect, it } from 'vitest';
import { cleanText, codePointLength, foldFullWidth, validatePersonName } from '../../../shared/domain/text';

describe('cleanText', () => {
  it('strips C0 and C1 controls and the BOM, keeping line breaks and tabs in multiline text', () => {
    expect(cleanText('\uFEFF甲\u0000乙\u0007丙\u0085丁\u009F\u007F', { maxLength: 10 })).toEqual({ ok: true, value: '甲乙丙丁' });
    expect(cleanText('第一行\r\n第二行\r第三行\n\t缩进', { maxLength: 50, multiline: true })).toEqual({
      ok: true,
      value: '第一行\n第二行\n第三行\n\t缩进',
    });
  });

  it('turns line breaks in single-line text into one space', () => {
    expect(cleanText('芜湖市\r\n镜湖区\t\t路', { maxLength: 50 })).toEqual({ ok: true, value: '芜湖市 镜湖区 路' });
  });

  it('normalises to NFC and trims, including ideographic spaces', () => {
    expect(cleanText('\u3000Cafe\u0301  ', { maxLength: 10 })).toEqual({ ok: true, value: 'Café' });
  });

  it('counts astral and extension Han as one character each', () => {
    expect(codePointLength('𠀀䶮')).toBe(2);
    expect(cleanText('𠀀𠀀𠀀', { maxLength: 3 })).toEqual({ ok: true, value: '𠀀𠀀𠀀' });
    expect(cleanText('䶮䶮䶮', { maxLength: 3 })).toEqual({ ok: true, value: '䶮䶮䶮' });
  });

  it('refuses over-long text with the limit and the length, never truncating', () => {
    expect(cleanText('一二三四', { maxLength: 3 })).toEqual({ ok: false, code: 'too_long', params: { max: 3, actual: 4 } });
    expect(cleanText('𠀀𠀀𠀀𠀀', { maxLength: 3 })).toEqual({ ok: false, code: 'too_long', params: { max: 3, actual: 4 } });
  });

  it('refuses bidi overrides and lone surrogates, and empty required text', () => {
    expect(cleanText('abc\u202Edef', { maxLength: 10 })).toEqual({ ok: false, code: 'control_chars' });
    expect(cleanText('abc\uD800', { maxLength: 10 })).toEqual({ ok: false, code: 'text.encoding' });
    expect(cleanText(' \u0000 ', { maxLength: 10, required: true })).toEqual({ ok: false, code: 'required' });
    expect(cleanText('', { maxLength: 10 })).toEqual({ ok: true, value: '' });
  });

  it('folds full-width ASCII', () => {
    expect(foldFullWidth('ＡＢＣ１２３（）　')).toBe('ABC123() ');
  });
});

describe('validatePersonName', () => {
  it.each(['张三', '王堃', '李喆', '刘䶮', '𠀀𠀁', '阿卜杜拉·艾买提', '爱新觉罗·溥仪', 'Jean-Luc Picard', "O'Neil", 'José Müller', 'Иван Петров', '〇'])(
    'accepts %s',
    (name) => {
      expect(validatePersonName(name)).toEqual({ ok: true, value: name });
    },
  );

  it('normalises the middle-dot look-alikes and repeated spaces', () => {
    expect(validatePersonName('阿卜杜拉•艾买提')).toEqual({ ok: true, value: '阿卜杜拉·艾买提' });
    expect(validatePersonName('阿卜杜拉・艾买提')).toEqual({ ok: true, value: '阿卜杜拉·艾买提' });
    expect(validatePersonName('John   Smith')).toEqual({ ok: true, value: 'John Smith' });
  });

  it.each(['张3', '李四!', '王五@', '·张三', '张三·', '张··三', '$', '😀'])('refuses %s', (name) => {
    expect(validatePersonName(name)).toEqual({ ok: false, code: 'name.invalid' });
  });

  it('refuses empty and over-long names', () => {
    expect(validatePersonName('  ')).toEqual({ ok: false, code: 'required' });
    expect(validatePersonName('𠀀'.repeat(50))).toMatchObject({ ok: true });
    expect(validatePersonName('𠀀'.repeat(51))).toEqual({ ok: false, code: 'too_long', params: { max: 50, actual: 51 } });
  });
});
