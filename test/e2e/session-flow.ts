// Page objects of video sessions, shared by the specs that hold one: a party joining from their
// link in their own browser, the mediator's invitation links, a participant's card, and video
// decoding measured from getStats as the tiles expose it.
import type { Browser, Locator, Page } from '@playwright/test';
import { animationsDone, chooseOption, expect } from './fixtures';

/** The tile of `name` on `page` decodes video: getStats' framesDecoded rises over two seconds. */
export async function decodes(page: Page, name: RegExp | string): Promise<void> {
  const tile = page.getByRole('group', { name });
  await expect(tile).toHaveAttribute('data-frames-decoded', /\d+/, { timeout: 20_000 });
  const frames = async () => Number(await tile.getAttribute('data-frames-decoded'));
  const before = await frames();
  await expect.poll(frames, { timeout: 10_000, message: `frames decoded from ${String(name)} keep rising` }).toBeGreaterThan(before + 5);
}

export async function joinAsParty(browser: Browser, baseURL: string, link: string, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(link);
  await expect(page.getByText(new RegExp(`${name}，您好`))).toBeVisible();
  await expect(page.getByLabel('我的画面预览')).toBeVisible({ timeout: 15_000 });
  const join = page.getByRole('button', { name: '加入调解' });
  await expect(join).toBeDisabled();
  await page.getByRole('checkbox', { name: /我同意通过网络视频方式参加/ }).check();
  await join.click();
  await expect(page.getByRole('status').filter({ hasText: '请稍候，调解员马上让您进入' })).toBeVisible({ timeout: 15_000 });
  (page as Page & { errors?: Error[] }).errors = errors;
  return page;
}

export function participantCard(page: Page, name: string): Locator {
  return page.getByRole('region', { name: `参加人：${name}` });
}


/** Opens the session's invitations, picks this machine's address, returns each person's link (and checks who gets a QR code). */
export async function invitationLinks(page: Page, card: Locator, number: number, baseURL: string, names: readonly string[], options: { qr?: readonly string[] } = {}): Promise<Map<string, string>> {
  await card.getByRole('button', { name: '邀请参加人' }).click();
  const invite = page.getByRole('dialog', { name: `第 ${number} 次视频调解的邀请` });
  await animationsDone(page);
  const baseSelect = invite.getByRole('combobox', { name: '参加人访问的地址' });
  if (await baseSelect.count()) await chooseOption(page, baseSelect, new URL(baseURL).origin.replace('localhost', '127.0.0.1') + '/');
  const links = new Map<string, string>();
  for (const name of names) {
    links.set(name, await invite.getByRole('textbox', { name: `${name} 的邀请链接` }).inputValue());
    await expect(invite.getByRole('img', { name: `${name} 的邀请二维码` })).toHaveCount(options.qr?.includes(name) ? 1 : 0);
  }
  await invite.getByRole('button', { name: '关闭' }).last().click();
  await expect(invite).toBeHidden();
  return links;
}
