// The settings feature's door: the settings screen (time limits, screen lock, language, video
// sessions, the institution's details and identity) and the institution's details as a store.
export { default as SettingsPage } from './SettingsPage';
export { checkInstitutionDetails, updateInstitution, type InstitutionDetails } from './institution-store';
