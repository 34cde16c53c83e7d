// The institution's own credit code, checked by the shared validator (GB 32100) but answered with
// the certificate this kind of institution holds: the validator's wording sends a party to its
// business licence (营业执照), which a court, a justice bureau or a mediation committee does not have.
import type { Rule } from 'antd/es/form';
import { validateCreditCode, type IdCheck } from '../../../shared/domain/identifiers';
import type { InstitutionKind } from '../../../shared/domain/institution-kinds';
import { translateCode } from '../../kit/translate';

type AnyT = Parameters<typeof translateCode>[0];
type Text = (key: string, options?: Record<string, unknown>) => string;

/** The message for a credit-code problem of an institution of this kind; null when the code is valid. */
export function institutionCreditCodeProblem(t: AnyT, kind: InstitutionKind, checked: IdCheck): string | null {
  if (checked.ok) return null;
  const text = t as unknown as Text;
  if (checked.code === 'credit.length') return text('auth:setup.creditCodeLength', { actual: checked.params?.actual ?? 0, certificate: text(`auth:setup.creditCodeCertificate.${kind}`) });
  return translateCode(t, checked.code, checked.params);
}

export function institutionCreditCodeRule(t: AnyT, kind: InstitutionKind): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const problem = institutionCreditCodeProblem(t, kind, validateCreditCode(typeof value === 'string' ? value : ''));
      if (problem) throw new Error(problem);
    },
  };
}
