// The video sessions feature's door: the case's sessions tab, and the party's join page, which the
// page's entry point loads alone for an invitation link (no workstation store, no sign-in).
export { SessionsTab } from './SessionsTab';
export { JoinApp, type JoinShell } from './join/JoinApp';
