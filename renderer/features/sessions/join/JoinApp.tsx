// The root of the party's join page: translations and antd's locale, nothing of the workstation —
// no database, no sign-in — since it runs on the party's own phone or computer.
import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { Localized, startI18n } from '../../../app/App';
import { JoinPage, tokenFromHash } from './JoinPage';

export default function JoinApp() {
  const [i18n, setI18n] = useState<I18n | null>(null);
  const [token, setToken] = useState(() => tokenFromHash(globalThis.location.hash));
  useEffect(() => {
    void startI18n().then(setI18n);
    const onHash = () => setToken(tokenFromHash(globalThis.location.hash));
    globalThis.addEventListener('hashchange', onHash);
    return () => globalThis.removeEventListener('hashchange', onHash);
  }, []);
  if (!i18n) return <div aria-busy="true" style={{ minHeight: '100vh' }} />;
  return (
    <I18nextProvider i18n={i18n}>
      <Localized>
        <JoinPage token={token} />
      </Localized>
    </I18nextProvider>
  );
}
