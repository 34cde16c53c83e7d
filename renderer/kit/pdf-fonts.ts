// The agreement's fonts as the app ships them (build/fonts): fetched from the app's own files once
// per window when a preview or signature first needs them, never from the system.
import type { AgreementFontFiles } from '../../shared/agreement/pdf/fonts';
import cjkUrl from '../../build/fonts/DroidSansFallbackFull.ttf?url';
import latinUrl from '../../build/fonts/DejaVuSans.ttf?url';

let loading: Promise<AgreementFontFiles> | null = null;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The font ${url} could not be loaded (${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

export function agreementFonts(): Promise<AgreementFontFiles> {
  loading ??= Promise.all([fetchBytes(cjkUrl), fetchBytes(latinUrl)]).then(
    ([cjk, latin]) => ({ cjk, latin }),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
