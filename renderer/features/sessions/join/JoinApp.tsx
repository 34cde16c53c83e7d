// The root of the party's join page: translations and antd's locale, nothing of the workstation —
// no database, no sign-in — since it runs on the party's own phone or computer. The app shell
// hands in how to start the translations and the locale wrapper (a feature never imports the
// shell's root, whose routes lead back to the features).
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { JoinPage, tokenFromHash } from './JoinPage';

export interface JoinShell {
  /** Starts the translations in the language stored on this device. */
  startI18n: () => Promise<I18n>;
  /** antd's locale, theme and static-method context for the current language. */
  Localized: ComponentType<{ children: ReactNode }>;
}

export function JoinApp({ startI18n, Localized }: JoinShell) {
  const [i18n, setI18n] = useState<I18n | null>(null);
  const [token, setToken] = useState(() => tokenFromHash(globalThis.location.hash));
  useEffect(() => {
    void startI18n().then(setI18n);
    const onHash = () => setToken(tokenFromHash(globalThis.location.hash));
    globalThis.addEventListener('hashchange', onHash);
    return () => globalThis.removeEventListener('hashchange', onHash);
  }, [startI18n]);
  if (!i18n) return <div aria-busy="true" style={{ minHeight: '100vh' }} />;
  return (
    <I18nextProvider i18n={i18n}>
      <Localized>
        <JoinPage token={token} />
      </Localized>
    </I18nextProvider>
  );
}
