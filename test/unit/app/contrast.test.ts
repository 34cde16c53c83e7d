// The colours people read must reach WCAG AA (4.5:1 for text). antd's defaults do not everywhere;
// renderer/app/theme.ts and contrast.css darken them, and this test recomputes each ratio so a
// change of palette or token cannot quietly fall below it again.
import { readFileSync } from 'node:fs';
import { presetPalettes } from '@ant-design/colors';
import { theme } from 'antd';
import { describe, expect, it } from 'vitest';
import { appTheme } from '../../../renderer/app/theme';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
/** A translucent black over white, as antd's greys are. */
function overWhite(rgba: string): string {
  const alpha = Number(/rgba\(0, 0, 0, ([\d.]+)\)/.exec(rgba)?.[1]);
  const level = Math.round(255 * (1 - alpha)).toString(16).padStart(2, '0');
  return `#${level}${level}${level}`;
}

describe('text contrast', () => {
  const css = readFileSync(new URL('../../../renderer/app/contrast.css', import.meta.url), 'utf8');
  const overrides = new Map([...css.matchAll(/--ant-([a-z]+)-7:\s*(#[0-9a-f]{6})/g)].map((m) => [m[1]!, m[2]!]));

  it('every light tag writes its text at 4.5:1 or better on its background', () => {
    for (const [name, shades] of Object.entries(presetPalettes)) {
      if (name === 'grey') continue;
      const text = overrides.get(name) ?? shades[6]!;
      expect(shades, name).toContain(text);
      expect(contrast(text, shades[0]!), `${name} tag`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('secondary texts, descriptions, placeholders, links and errors reach 4.5:1 on white and on a grey panel', () => {
    const token = theme.getDesignToken(appTheme);
    for (const key of ['colorTextSecondary', 'colorTextTertiary', 'colorTextDescription', 'colorTextPlaceholder'] as const) {
      expect(contrast(overWhite(token[key]), '#ffffff'), key).toBeGreaterThanOrEqual(4.5);
      expect(contrast(overWhite(token[key]), '#f5f5f5'), `${key} on #f5f5f5`).toBeGreaterThanOrEqual(4.5);
    }
    const table = appTheme.components?.Table?.colorTextDisabled;
    expect(contrast(overWhite(String(table)), '#ffffff'), 'an empty table').toBeGreaterThanOrEqual(4.5);
    for (const key of ['colorLink', 'colorError', 'colorSuccess', 'colorWarning', 'colorPrimary'] as const) {
      expect(contrast(token[key], '#ffffff'), key).toBeGreaterThanOrEqual(4.5);
      expect(contrast(token[key], '#f5f5f5'), `${key} on #f5f5f5`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
