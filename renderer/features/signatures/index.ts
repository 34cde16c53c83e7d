// The signatures feature's door: the dialog in which a signer draws a hand signature.
export { SignatureDialog, type Signer } from './SignatureDialog';
