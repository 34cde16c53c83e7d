// The identity feature's door: the institution's signing identity (generated or imported, sealed
// by the platform), the mediators' certificates it issues, the keys and verifiers other features
// sign and check with, and the cards and passphrase prompt screens show.
export {
  base64,
  fromBase64,
  generateIdentity,
  identityCertificates,
  identityUnlocked,
  importIdentity,
  institutionKey,
  institutionSigner,
  lockIdentity,
  MIN_KEY_PASSPHRASE,
  needsPassphrase,
  readIdentity,
  signWith,
  summarizeIdentity,
  verifierFor,
  type GenerateInput,
  type ImportInput,
} from './store';
export {
  currentCertificate,
  institutionPdfKey,
  issueMediatorCertificateTo,
  listMediatorIdentities,
  mediatorNeedsPassphrase,
  mediatorPdfKey,
  readMediatorIdentity,
  revokeMediatorCertificate,
  summarizeMediatorCertificate,
  type IssueInput,
} from './mediators';
export { IdentityCard } from './IdentityCard';
export { MediatorCertificates } from './MediatorCertificates';
export { usePassphrasePrompt } from './PassphrasePrompt';
