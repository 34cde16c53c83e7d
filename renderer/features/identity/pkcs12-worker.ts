// Opens a PKCS#12 file off the main thread: node-forge's PBKDF2 takes several seconds for a file
// protected with 600,000 rounds, which would freeze the window.
import { IdentityError, readPkcs12 } from '../../../shared/identity/certificate';

self.onmessage = (event: MessageEvent<{ bytes: Uint8Array; passphrase: string }>) => {
  try {
    const contents = readPkcs12(event.data.bytes, event.data.passphrase);
    self.postMessage({ ok: true, contents });
  } catch (error) {
    const known = error instanceof IdentityError;
    self.postMessage({ ok: false, code: known ? error.code : 'identity.p12_unreadable', message: (error as Error).message, params: known ? error.params : {} });
  }
};
