// i18next for the whole renderer. Each feature owns its texts in `features/<name>/i18n.ts`
// (exporting `resources` = { 'zh-CN': {...}, 'en-US': {...} }), which becomes the namespace
// <name> — the one file of a feature besides its door that the shell reads, so that every text is
// loaded with the app while the screens stay in their own chunks; a feature's further namespaces are listed in EXTRA_NAMESPACES; the app shell's texts are the namespace `app` and the shared domain messages (field
// validation, role and status names) the namespace `domain`. zh-CN is the default and the
// fallback; en-US must be complete (test/unit/app/i18n.test.ts walks every key).
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/domain/model';
import { DEFAULT_LANGUAGE } from '../kit/language';
import { appResources } from './locales';
import { domainResources } from './domain-i18n';
import { resources as verificationResources, VERIFICATION_NS } from '../kit/verifier-texts';
import { resources as kitResources, KIT_NS } from '../kit/i18n';
import type { NamespaceResources } from '../kit/texts';

export type { NamespaceResources, Texts } from '../kit/texts';

interface FeatureI18nModule {
  resources: NamespaceResources;
}

// Eager: the texts are small, and a screen must never flash untranslated keys while a chunk loads.
const featureModules = import.meta.glob<FeatureI18nModule>('../features/*/i18n.ts', { eager: true });

/** Namespaces a feature keeps beside its i18n.ts (the package verifier's texts, shared by two features). */
const EXTRA_NAMESPACES: Readonly<Record<string, NamespaceResources>> = { [VERIFICATION_NS]: verificationResources, [KIT_NS]: kitResources };

/** Every namespace the renderer has, by name. */
export function namespaces(): Record<string, NamespaceResources> {
  const all: Record<string, NamespaceResources> = { app: appResources, domain: domainResources, ...EXTRA_NAMESPACES };
  for (const [path, module] of Object.entries(featureModules)) {
    const name = /\/features\/([^/]+)\/i18n\.ts$/.exec(path)?.[1];
    if (!name || !module.resources) continue;
    all[name] = module.resources;
  }
  return all;
}

/** The i18next resource tree: language → namespace → texts. */
export function buildResources(): Resource {
  const byNamespace = namespaces();
  const resources: Resource = {};
  for (const language of LANGUAGES) {
    resources[language] = {};
    for (const [ns, texts] of Object.entries(byNamespace)) resources[language][ns] = texts[language] as Resource[string][string];
  }
  return resources;
}

/** A fresh, initialised i18next instance in `language`. */
export async function createI18n(language: Language = DEFAULT_LANGUAGE): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: buildResources(),
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(namespaces()),
    defaultNS: 'app',
    // React escapes what it renders; escaping here too would show &amp; to the user.
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
  return instance;
}
