// Every text exists in both languages: the key sets of zh-CN and en-US are walked and compared
// for every namespace (each feature's, the shell's and the shared domain messages), and the
// {{placeholders}} of each pair match so that no translation drops a value.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildResources, createI18n, namespaces, type Texts } from '../../../renderer/app/i18n';

function leaves(texts: Texts, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(texts)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object') for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, `<<not a string: ${typeof value}>>`);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const featuresDir = fileURLToPath(new URL('../../../renderer/features/', import.meta.url));
const featuresWithTexts = readdirSync(featuresDir).filter((name) => existsSync(`${featuresDir}${name}/i18n.ts`));

describe('translations', () => {
  const all = namespaces();

  it('include the shell, the domain messages and every feature that has texts', () => {
    expect(Object.keys(all)).toEqual(expect.arrayContaining(['app', 'domain', 'auth', 'admin', 'backup', 'settings']));
    // A feature folder with an i18n.ts (the cases feature, once it exists) is a namespace too.
    for (const feature of featuresWithTexts) expect(Object.keys(all)).toContain(feature);
  });

  for (const [ns, resources] of Object.entries(all)) {
    describe(`namespace ${ns}`, () => {
      const zh = leaves(resources['zh-CN']);
      const en = leaves(resources['en-US']);

      it('has texts', () => {
        expect(zh.size).toBeGreaterThan(0);
      });

      it('has every zh-CN key in en-US', () => {
        expect([...zh.keys()].filter((key) => !en.has(key))).toEqual([]);
      });

      it('has every en-US key in zh-CN', () => {
        expect([...en.keys()].filter((key) => !zh.has(key))).toEqual([]);
      });

      it('has no empty text and the same placeholders in both languages', () => {
        for (const [key, text] of zh) {
          expect(text.trim(), `${ns}:${key} (zh-CN)`).not.toBe('');
          const english = en.get(key);
          if (english === undefined) continue;
          expect(english.trim(), `${ns}:${key} (en-US)`).not.toBe('');
          expect(placeholders(english), `${ns}:${key}`).toEqual(placeholders(text));
        }
      });
    });
  }

  it('builds one resource tree per language with every namespace', () => {
    const resources = buildResources();
    expect(Object.keys(resources).sort()).toEqual(['en-US', 'zh-CN']);
    expect(Object.keys(resources['zh-CN'] ?? {}).sort()).toEqual(Object.keys(all).sort());
  });

  it('defaults to zh-CN, switches to en-US at run time and falls back to zh-CN', async () => {
    const i18n = await createI18n();
    expect(i18n.language).toBe('zh-CN');
    expect(i18n.t('app:nav.users')).toBe('用户管理');
    await i18n.changeLanguage('en-US');
    expect(i18n.t('app:nav.users')).toBe('Users');
    expect(i18n.t('auth:login.title')).toBe('Sign in');
    expect(i18n.options.fallbackLng).toEqual(['zh-CN']);
  });
});
