// The legal acts feature's door: the dialogs that record an act by hand (oral agreement, paper
// filing, paper ruling) and the tag that says when a status rests on a paper entered by hand.
export { ActDialog, RECORDED_ACTS, type RecordedAct } from './ActDialogs';
export { StatusBasisTag } from './StatusBasisTag';
