// The demonstration's institution must pass the app's own checks: a demo that the app would refuse
// teaches users that its validator is wrong.
import { describe, expect, it } from 'vitest';
import { DEMO_INSTITUTION } from '../../../cli/src/commands/demo';
import { validateCreditCode } from '../../../shared/domain/identifiers';

describe('mw demo institution', () => {
  it('has a 统一社会信用代码 whose check character is right', () => {
    expect(validateCreditCode(DEMO_INSTITUTION.creditCode)).toMatchObject({ ok: true });
  });
});
