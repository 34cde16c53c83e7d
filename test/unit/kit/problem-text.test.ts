// One problem shape from the store to the screen (issue 16 item 3): a refusal is a StoreError whose
// problem carries keys and values, nested problems as items; kit/problem-text.ts renders it in the
// user's language — store codes through the features' texts, the verifier's findings through the
// verification texts — and no English sentence travels in a value.
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/app/i18n';
import { problemLines, problemText } from '../../../renderer/kit/problem-text';
import { StoreError } from '../../../renderer/kit/result';
import { documentProblems, gapProblems } from '../../../renderer/features/confirmation/problems';
import { detail } from '../../../shared/confirmation/check-detail';
import { problem } from '../../../shared/problem';

const NAMESPACES = ['confirmation', 'agreements', 'identity', 'evidence', 'signatures', 'cases'];

describe('a StoreError as a Problem', () => {
  it('keeps its code, its string and number values and its items; other values are not text', () => {
    const error = new StoreError('confirmation.not_ready', 'log only', { count: 2, name: '王堃', when: new Date(), flag: true }, [], [problem('confirmation.missing.deadline')]);
    expect(error.problem).toEqual({ key: 'confirmation.not_ready', params: { count: 2, name: '王堃' }, items: [{ key: 'confirmation.missing.deadline', params: {} }] });
    expect(new StoreError('case.not_found', 'log only').problem).toEqual({ key: 'case.not_found', params: {} });
  });
});

describe('rendering a problem', () => {
  it('says an incomplete application gap by gap, an undertaking by its words, in both languages', async () => {
    const gaps = gapProblems(
      [{ path: ['undertakings', 'awareOfConsequences'], code: 'application.undertaking', message: 'The undertaking is not given.' }],
      [],
      [{ id: 'p1', name: '王堃' } as never],
    );
    const error = new StoreError('confirmation.application_incomplete', 'log only', {}, [], gaps);
    const zh = problemLines(await createI18n('zh-CN'), error.problem, NAMESPACES);
    expect(zh).toEqual({ title: '申请书还不完整：', items: ['尚未确认承诺：“知悉虚假调解、恶意串通的法律后果”。', '王堃 尚未签名。'] });
    const en = problemLines(await createI18n('en-US'), error.problem, NAMESPACES);
    expect(en.items).toEqual(['The undertaking “The parties know the legal consequences of false or collusive mediation” is not confirmed yet.', '王堃 has not signed yet.']);
  });

  it('lists a failed self-check with the verifier’s texts and a court document’s findings with the center’s', async () => {
    const zh = await createI18n('zh-CN');
    const selfCheck = new StoreError('confirmation.self_check', 'log only', {}, [], [detail('zip.encrypted')]);
    expect(problemLines(zh, selfCheck.problem, NAMESPACES)).toEqual({ title: '生成的材料包没有通过自检，没有记录。请联系管理员：', items: ['该条目已加密'] });
    const receipt = new StoreError('confirmation.receipt_invalid', 'log only', {}, [], documentProblems([{ code: 'receipt.signer_not_court', message: 'The receipt names A but was signed by B.' }], { file: 'receipt.json', signer: '某某', court: '芜湖市镜湖区人民法院' }));
    expect(problemLines(zh, receipt.problem, NAMESPACES).items).toEqual(['receipt.json 载明的法院是 芜湖市镜湖区人民法院，签名者却是 某某。']);
  });

  it('renders nested items into a text that lists them, and an unknown key as the shell’s unknown-code text', async () => {
    const zh = await createI18n('zh-CN');
    expect(problemText(zh, problem('confirmation.gap.undertaking', { undertaking: 'truthful' }, [problem('confirmation.undertaking.truthful')]), NAMESPACES)).toBe('尚未确认承诺：“提交的材料真实”。');
    expect(problemText(zh, problem('nobody.knows_this'), NAMESPACES)).toContain('nobody.knows_this');
  });
});
