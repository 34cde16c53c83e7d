// The agreements feature's door: the case's 协议 tab, the case's agreements as other features read
// them (an act needs a signed one; the confirmation application starts from it), and Node's Buffer
// for the PDF signing code that several features run in the browser.
export { AgreementTab } from './AgreementTab';
export { readAgreements } from './store';
export { installNodeBuffer } from './node-buffer';
