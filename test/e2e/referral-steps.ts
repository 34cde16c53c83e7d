// Steps the referral specs share: the institution key's passphrase given when signing asks for it,
// and a referral's row of the received or sent list, unfolded.
import type { Page } from '@playwright/test';
import { answerDialog, expect } from './fixtures';

/** Signing asks for the key's passphrase only when the key is not unlocked in this window yet. */
export async function unlockIfAsked(page: Page, passphrase: string, wait = 2_000): Promise<void> {
  const prompt = page.getByRole('dialog', { name: '解锁机构密钥' });
  if (await prompt.isVisible({ timeout: wait }).catch(() => false)) {
    await prompt.getByLabel('密钥保护口令').fill(passphrase);
    await answerDialog(prompt, '解锁并签名');
  }
}

/** A referral's row of the list (the one with the expand button), not the rows of its unfolded detail. */
export function row(page: Page, list: string, text: string | RegExp) {
  return page
    .getByRole('region', { name: list })
    .getByRole('row')
    .filter({ hasText: text })
    .filter({ has: page.getByRole('button', { name: /^(展开|关闭)行$/ }) });
}

/** Unfolds a referral's detail (left open when it already is). */
export async function unfold(page: Page, list: string, text: string | RegExp) {
  const line = row(page, list, text);
  const fold = line.getByRole('button', { name: '关闭行' });
  if (!(await fold.isVisible())) await line.getByRole('button', { name: '展开行' }).click();
  await expect(fold).toBeVisible();
}
