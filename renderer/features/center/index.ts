// The center feature's door (issue 17 items 2, 4, 8, 9, the workstation's side): the Settings
// card to join a center server and sign in through it, the frame's connection indicator, and the
// connection that keeps the data layer in step with the server; and the signed-in session's
// transport for other features (referrals through the server, issue 18).
export { CenterCard } from './CenterCard';
export { CenterIndicator } from './CenterIndicator';
export { centerConnectionOf, type ConnectionPhase, type ConnectionState } from './connection';
export { centerCall, centerJoined, centerSignedIn, fetchCenterFile, type CenterCall } from './transport';
export { useCenter, useRefusalText } from './useCenter';
export { handOverCases, useCenterAccounts, type CenterAccounts } from './accounts';
