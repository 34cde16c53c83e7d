// The register's store: its commands and queries in one place for the screens and the door.
export { getConsultation, getRetention, recordConsultation, recordOpinionIssued, runRetention, setRetention, type RetentionRun, type RetentionSetting } from './commands';
export { queryConsultations, MAX_PAGE, type ConsultationPage, type ConsultationQuery } from './query';
export { seenBefore, type SeenBeforeResult, type SeenCase } from './seen-before';
export { consultationCatalog, type ConsultationEntry } from './catalog';
