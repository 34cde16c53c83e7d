// axe-core over a screen as it stands: a serious or critical violation fails the test (after the
// remaining screens are checked too), with each
// rule, its help text and the first nodes it found, so the report says what to mend and where.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Entering animations (antd's fades) leave text half-transparent for a moment, which axe would
  // measure as low contrast.
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))));
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  // Soft: one run lists every screen's violations, not only the first screen's.
  expect.soft(serious, `axe-core on ${screen}`).toEqual([]);
}
