// The confirmation feature's door: the case's 司法确认 tab (the mediation center's side of
// judicial confirmation), and the case's applications with their hand signatures, which a party
// also gives from their own device during a video session.
export { ConfirmationTab } from './ConfirmationTab';
export { addApplicationSignature, readApplications } from './store';
