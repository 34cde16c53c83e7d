// What an administrator still has to do after first run, by kind of institution, each step ticked
// from what the workstation holds (never from a "done" flag a user could set and forget).
import { INSTITUTION_KIND_PROFILES, type InstitutionKind } from '../../../shared/domain/institution-kinds';

export type ChecklistStep = 'add_mediators' | 'add_clerks' | 'institution_identity' | 'mediator_certificates' | 'court_intake';

export interface ChecklistState {
  /** Active accounts of the roles that do the institution's work (mediators and lawyers; clerks at a court). */
  readonly workers: number;
  /** Active mediators, and how many of them have a certificate that can sign (latest, not revoked). */
  readonly mediators: number;
  readonly certifiedMediators: number;
  readonly hasIdentity: boolean;
  /** A mediating institution: where its packages go (the court's intake address). */
  readonly courtIntakeSet: boolean;
}

export interface ChecklistItem {
  readonly step: ChecklistStep;
  readonly done: boolean;
  /** Where the step is done. */
  readonly to: string;
}

export function setupChecklist(kind: InstitutionKind, state: ChecklistState): ChecklistItem[] {
  const profile = INSTITUTION_KIND_PROFILES[kind];
  // A court numbers its dockets from the code it gave at first run, and is its own court.
  if (profile.receivesPackages) {
    return [
      { step: 'add_clerks', done: state.workers > 0, to: '/admin/users' },
      { step: 'institution_identity', done: state.hasIdentity, to: '/settings' },
    ];
  }
  return [
    { step: 'add_mediators', done: state.workers > 0, to: '/admin/users' },
    { step: 'institution_identity', done: state.hasIdentity, to: '/settings' },
    ...(profile.issuesMediatorCertificates
      ? [{ step: 'mediator_certificates' as const, done: state.mediators > 0 && state.certifiedMediators === state.mediators, to: '/settings' }]
      : []),
    { step: 'court_intake', done: state.courtIntakeSet, to: '/settings' },
  ];
}

export function checklistDone(items: readonly ChecklistItem[]): boolean {
  return items.every((item) => item.done);
}
