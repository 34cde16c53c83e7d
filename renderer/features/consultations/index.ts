// The consultation desk's door (issue 18): the register's screens under /consultations, who may use
// the desk, and what another feature needs of a consultation — the referral (renderer/features/
// referrals) reads one by id with getConsultation and adds its "Refer" action on the consultation
// page through the `actions` slot of ConsultationsRoutes, which the shell fills (so the two
// features never import each other both ways).
export { ConsultationsRoutes } from './ConsultationsRoutes';
export type { ConsultationActions } from './view/ConsultationPage';
export { mayRecordConsultation, mayUseDesk } from './permissions';
export { getConsultation, runRetention, seenBefore, type SeenBeforeResult } from './store';
export type { Consultation } from '../../../shared/consultation/model';
// The statistics dashboard counts the register from its packed catalog.
export { CONSULTATIONS, type ConsultationEntry } from './kind';
