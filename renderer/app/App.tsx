// The root: opens the data store, picks the platform adapter and the language, then provides the
// services, translations, antd's locale and the session around the router.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { createHashRouter, RouterProvider } from 'react-router';
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { SessionProvider, FullPageSpinner, getSettings } from '../features/auth';
import { openDataStore } from '../data';
import { selectPlatform } from '../platform';
import { antdLocale, applyDayjsLocale } from './antd-locale';
import { AppErrorBoundary } from './ErrorBoundary';
import { createI18n } from './i18n';
import { DEFAULT_LANGUAGE, isLanguage, readStoredLanguage } from '../kit/language';
import { routes } from './routes';
import { appTheme } from './theme';
import { ServicesProvider, type Services } from './services';

/**
 * Forgets the institution key unsealed for signing. The identity feature is loaded by the first
 * screen that signs (nothing can be unlocked before), so the shell does not load it at start.
 */
function lockIdentity(): void {
  // A chunk that cannot load was never loaded, so it holds no key.
  import('../features/identity').then(
    (identity) => identity.lockIdentity(),
    () => undefined,
  );
}

async function openServices(i18n: I18n): Promise<Services> {
  const data = openDataStore();
  const platform = selectPlatform(data);
  // The case list works from an in-memory catalog; reading it while the user signs in means the
  // list opens at once.
  data.cases.warm();
  if (!readStoredLanguage()) {
    // No choice made on this workstation yet: use the institution's default language.
    const settings = await getSettings(data).catch(() => null);
    if (settings && isLanguage(settings.language) && settings.language !== i18n.language) {
      applyDayjsLocale(settings.language);
      document.documentElement.lang = settings.language;
      await i18n.changeLanguage(settings.language);
    }
  }
  return { data, platform };
}

export async function startI18n(): Promise<I18n> {
  const language = readStoredLanguage() ?? DEFAULT_LANGUAGE;
  applyDayjsLocale(language);
  document.documentElement.lang = language;
  return createI18n(language);
}

/** antd's locale, theme and static-method context follow the current language. */
export function Localized({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  return (
    // No space inserted between two Han characters of a button ("登 录"): screen readers and search read the word.
    <ConfigProvider locale={antdLocale(language)} theme={appTheme} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function StartFailed({ error }: { error: unknown }) {
  const { t } = useTranslation('app');
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="error"
      title={t('error.startFailed')}
      subTitle={
        <>
          <p>{t('error.startFailedDescription', { message })}</p>
          <p>{t('error.startFailedWhatToDo')}</p>
        </>
      }
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </Button>
      }
    />
  );
}

export function App() {
  const [i18n, setI18n] = useState<I18n | null>(null);
  const [services, setServices] = useState<Services | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const router = useMemo(() => createHashRouter(routes), []);

  useEffect(() => {
    let cancelled = false;
    startI18n()
      .then(async (instance) => {
        if (cancelled) return;
        setI18n(instance);
        const opened = await openServices(instance);
        if (!cancelled) setServices(opened);
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(error ?? new Error('unknown'));
      });
    return () => {
      cancelled = true;
    };
  }, []);

  // Translations are bundled, so this only fails if the bundle itself is broken.
  if (!i18n) return failure ? <pre role="alert">{String(failure)}</pre> : <div aria-busy="true" style={{ minHeight: '100vh' }} />;
  return (
    <I18nextProvider i18n={i18n}>
      <Localized>
        {failure ? (
          <StartFailed error={failure} />
        ) : !services ? (
          <FullPageSpinner />
        ) : (
          <ServicesProvider value={services}>
            <AppErrorBoundary>
              {/* The institution key unsealed for signing is forgotten with the session and at the screen lock. */}
              <SessionProvider onLock={lockIdentity}>
                <RouterProvider router={router} />
              </SessionProvider>
            </AppErrorBoundary>
          </ServicesProvider>
        )}
      </Localized>
    </I18nextProvider>
  );
}
