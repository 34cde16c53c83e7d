// The kinds of institution a workstation serves, defined once: first run asks only what a kind
// needs, the menus and the roles offered follow it, and the home checklist lists its next steps.
// A court receives confirmation packages and is its own court; the three others mediate cases and
// send agreements to the basic people's court they belong to (domain.md "Who uses the workstation").
import { z } from 'zod';
import type { Language } from './language';
import type { Role } from './roles';

export const INSTITUTION_KINDS = ['mediation', 'legal_service', 'court', 'justice_bureau'] as const;
export const institutionKindSchema = z.enum(INSTITUTION_KINDS);
export type InstitutionKind = z.infer<typeof institutionKindSchema>;

/**
 * Rows written before kinds existed were all mediation institutions (the court workstation was the
 * same first run with the court's name typed twice), so a row without a kind reads as one.
 */
export const DEFAULT_INSTITUTION_KIND: InstitutionKind = 'mediation';

export interface InstitutionKindProfile {
  /** Registers and mediates its own cases (案件, 登记案件). */
  readonly mediatesCases: boolean;
  /** Receives judicial-confirmation packages (法院收案). */
  readonly receivesPackages: boolean;
  /**
   * Belongs to a basic people's court that confirms its agreements, asked for at first run. A court
   * is that court itself: its own name and code stand in.
   */
  readonly hasConfirmingCourt: boolean;
  /** Issues certificates to its mediators (only where mediators sign agreements). */
  readonly issuesMediatorCertificates: boolean;
  /** The roles its administrator can give, in the order they are offered. */
  readonly roles: readonly Role[];
  /** The role of the people who do its work, proposed for a new account. */
  readonly workerRole: Role;
}

const MEDIATING: InstitutionKindProfile = {
  mediatesCases: true,
  receivesPackages: false,
  hasConfirmingCourt: true,
  issuesMediatorCertificates: true,
  roles: ['admin', 'director', 'mediator', 'lawyer'],
  workerRole: 'mediator',
};

export const INSTITUTION_KIND_PROFILES: Readonly<Record<InstitutionKind, InstitutionKindProfile>> = {
  mediation: MEDIATING,
  legal_service: MEDIATING,
  justice_bureau: MEDIATING,
  court: {
    mediatesCases: false,
    receivesPackages: true,
    hasConfirmingCourt: false,
    issuesMediatorCertificates: false,
    roles: ['admin', 'director', 'clerk'],
    workerRole: 'clerk',
  },
};

/** The kind of an institution row; rows from before kinds existed are mediation institutions. */
export function institutionKindOf(institution: { kind?: InstitutionKind | undefined } | null | undefined): InstitutionKind {
  return institution?.kind ?? DEFAULT_INSTITUTION_KIND;
}

export function kindProfileOf(institution: { kind?: InstitutionKind | undefined } | null | undefined): InstitutionKindProfile {
  return INSTITUTION_KIND_PROFILES[institutionKindOf(institution)];
}

/**
 * The roles offered for a user of this kind: the kind's own, and the user's current role if it is
 * another (an account made before kinds existed stays editable as what it is).
 */
export function rolesOffered(kind: InstitutionKind, current?: Role): readonly Role[] {
  const own = INSTITUTION_KIND_PROFILES[kind].roles;
  return current === undefined || own.includes(current) ? own : [...own, current];
}

export const institutionKindLabels: Record<Language, Record<InstitutionKind, string>> = {
  'zh-CN': { mediation: '人民调解组织', legal_service: '公共法律服务中心', court: '人民法院', justice_bureau: '司法局' },
  'en-US': { mediation: 'People’s mediation institution', legal_service: 'Public legal-service centre', court: 'People’s court', justice_bureau: 'Justice bureau' },
};
