// The shape of a namespace's texts: per language, a tree of keys whose leaves are i18next strings.
// Every namespace (the app's, each feature's i18n.ts, kit's own) is written to this shape, and
// app/i18n.ts registers them all.
import type { Language } from '../../shared/domain/model';

export type Texts = { readonly [key: string]: string | Texts };
export type NamespaceResources = Readonly<Record<Language, Texts>>;
