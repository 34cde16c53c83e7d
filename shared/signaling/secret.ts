// The HMAC secret of a signaling host, as the bytes of a file: hosts read the file (and create it
// on first run with newSecretFileText), this decides what the secret is.
import { base64UrlEncode, MIN_SECRET_BYTES, type RandomBytes } from '../protocol/session-token';

/** 48 random bytes, base64url: more than MIN_SECRET_BYTES once read back as text. */
export function newSecretFileText(random: RandomBytes): string {
  return `${base64UrlEncode(random(48))}\n`;
}

/**
 * The secret in a file's bytes: trailing whitespace removed, so a newline an editor or `echo`
 * adds does not make the server and the token minter disagree. Hosts refuse a secret shorter
 * than MIN_SECRET_BYTES.
 */
export function secretFromFileBytes(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[end - 1] as number)) end--;
  return bytes.slice(0, end);
}

export { MIN_SECRET_BYTES };
