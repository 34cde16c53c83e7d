// The legal-service hall's day (issue 18 item 2), as the people at a hall do it: the administrator
// puts a lawyer on duty, the lawyer takes two numbers at the counter and sees them wait (the
// waiting time moves with the clock), the waiting area's display opened in a second window shows
// nothing until a number is called and then the number and desk — never a name —, an appointment
// with a wrong mobile number is refused with the field named, then booked and arrived, and its
// number's consultation is recorded from the queue, which ends the number as served.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { ADMIN, chooseOption, chooseRadio, completeFirstRun, createUser, expect, signIn, signOut, test } from './fixtures';

// 1.3–1.9 min here (3 min with the page's CPU throttled fourfold); room for a loaded CI machine.
test.describe.configure({ timeout: 360_000 });

const LAWYER = { username: 'lilawyer', displayName: '李律师', role: 'lawyer', password: 'Lawyer2026x', licenseNo: '13402201910123456' } as const;

/** Today in Beijing, as the app's day of numbers and rota. */
function beijingToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * A button by the words it shows. Not by its accessible name: once a button has been loading, antd
 * can leave the spinner in its leave motion, unseen but labelled "loading" (a CI trace showed
 * "loading 登记预约"), so the exact name stopped matching and the next click waited for ever.
 */
function submitButton(page: Page, words: string): Locator {
  return page.getByRole('button').filter({ hasText: new RegExp(`^${words}$`) });
}

async function sectionLink(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: '大厅功能' }).getByRole('link', { name, exact: true }).click();
}

async function putOnDuty(page: Page, today: string): Promise<void> {
  await sectionLink(page, '值班安排');
  await expect(page.getByRole('heading', { name: '值班安排' })).toBeVisible();
  for (const half of ['上午', '下午']) {
    // A half-day takes several lawyers, so its list stays open after a choice until Escape.
    const lawyers = page.getByRole('combobox', { name: `${today} ${half}值班律师` });
    await lawyers.click();
    await expect(lawyers).toHaveAttribute('aria-expanded', 'true');
    // The list that belongs to this half-day: the other one may still be fading out.
    const listId = await lawyers.getAttribute('aria-controls');
    await page.locator('.ant-select-dropdown', { has: page.locator(`[id="${listId}"]`) }).locator('.ant-select-item-option').filter({ hasText: LAWYER.displayName }).click();
    await expect(page.getByText(`已保存 ${today} ${half}的值班安排。`)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(lawyers).toHaveAttribute('aria-expanded', 'false');
  }
  // Both half-days of today name the lawyer (each cell shows its choice).
  const todayRow = page.getByRole('row', { name: new RegExp(today) });
  for (const half of ['上午', '下午']) await expect(todayRow.getByRole('combobox', { name: `${today} ${half}值班律师` }).locator('xpath=ancestor::div[contains(@class,"ant-select ")][1]')).toContainText(LAWYER.displayName);
}

async function openDisplay(page: Page, context: BrowserContext): Promise<Page> {
  const [display] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: '打开叫号屏' }).click()]);
  await display.waitForLoadState();
  await expect(display.getByRole('heading', { name: '叫号', exact: true })).toBeVisible({ timeout: 30_000 });
  return display;
}

test('the hall: duty rota, two numbers waiting, the display follows a call with numbers only, an appointment refused then booked, its consultation recorded from the queue', async ({ page, context }) => {
  const today = beijingToday();
  // 09:30 in Beijing, flowing: the morning's rota is on duty, and the waiting time can be moved on.
  await context.clock.install({ time: new Date(`${today}T09:30:00+08:00`) });
  await completeFirstRun(page, { kind: '公共法律服务中心', institutionName: '芜湖市镜湖区公共法律服务中心', caseNumberPrefix: '芜法' });
  await signIn(page, ADMIN.username, ADMIN.password);
  await createUser(page, LAWYER);

  // The administrator sets the rota: the lawyer on duty all of today.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '服务大厅' }).click();
  await expect(page.getByRole('heading', { name: '法律服务大厅' })).toBeVisible();
  await putOnDuty(page, today);
  await expectAccessible(page, 'hall rota');
  await signOut(page);

  // The lawyer at the counter: who is on duty now, two numbers taken.
  await signIn(page, LAWYER.username, LAWYER.password);
  await page.goto('./#/hall');
  await expect(page.getByTestId('on-duty-now')).toHaveText(LAWYER.displayName);
  const take = submitButton(page, '取号');
  const box = await take.boundingBox();
  expect(box?.height ?? 0, 'a touch target').toBeGreaterThanOrEqual(44);
  await page.getByLabel('咨询事项（可选）').fill('拖欠工资');
  await take.click();
  await expect(page.getByText('已取号 A001，请到等候区等候叫号。')).toBeVisible();
  await take.click();
  await expect(page.getByText('已取号 A002，请到等候区等候叫号。')).toBeVisible();
  await expect(page.getByText('等候 2 人')).toBeVisible();
  await expect(page.getByTestId('waited-A001')).toHaveText('不到 1 分钟');
  // Three minutes on, the waiting times have moved by themselves. The hall's clock stands still
  // while it is measured: flowing, it would add the real time this test spends in between (a
  // reload, a sign-in, a second window: over a minute on a loaded machine, so "4 分钟").
  await context.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await context.clock.fastForward('03:00');
  await expect(page.getByTestId('waited-A001')).toHaveText('3 分钟');
  await expect(page.getByTestId('waited-A002')).toHaveText('3 分钟');
  await context.clock.resume();
  // Kept in the workstation's store: after a reload (which signs out) the same queue is there.
  await page.reload();
  await signIn(page, LAWYER.username, LAWYER.password);
  await page.goto('./#/hall');
  await expect(page.getByText('等候 2 人')).toBeVisible();

  // The waiting area's display, in a window of its own: nothing called yet, nothing to sign in with.
  const display = await openDisplay(page, context);
  await expect(display.getByText('请在等候区稍候，叫到号码时请到对应窗口。')).toBeVisible();
  await expect(display.getByText('A001')).toHaveCount(0);
  await expect(display.getByRole('button')).toHaveCount(0);
  await expect(display.getByRole('textbox')).toHaveCount(0);
  await expectAccessible(display, 'hall display (nothing called)');

  // The desk calls the next: the first taken, to desk 1, the duty lawyer named at the desk only.
  await page.getByRole('button', { name: '叫下一位' }).click();
  await expect(page.getByText('已叫 A001，请到 1 号窗口；接待律师：李律师')).toBeVisible();
  await expect(display.getByTestId('display-latest-number')).toHaveText('A001');
  await expect(display.getByText('1 号窗口', { exact: true })).toBeVisible();
  const shown = await display.locator('body').innerText();
  expect(shown).not.toContain(LAWYER.displayName);
  expect(shown).not.toContain('拖欠工资');
  expect(shown).not.toContain('A002');
  await expectAccessible(display, 'hall display (a number called)');
  await expect(page.getByText('等候 1 人')).toBeVisible();
  await expect(page.getByRole('link', { name: '为 A001 号登记咨询' })).toHaveAttribute('href', /#\/consultations\/new\?channel=walk_in&ticket=/);
  await expectAccessible(page, 'hall queue');

  // Served: the number leaves the display.
  await page.getByRole('button', { name: 'A001 号接待完毕' }).click();
  await expect(display.getByTestId('display-latest-number')).toHaveCount(0);
  await expect(display.getByText('请在等候区稍候，叫到号码时请到对应窗口。')).toBeVisible();

  // An appointment with a wrong mobile number is refused, the field named; corrected, it is booked.
  await sectionLink(page, '预约');
  await page.getByLabel('姓名', { exact: true }).fill('王堃');
  await page.getByLabel('手机号码').fill('1395531234');
  await page.getByLabel('咨询事项（可选）').fill('租房押金');
  await chooseRadio(page, page.getByRole('radiogroup', { name: '时段' }), '16:30');
  const book = submitButton(page, '登记预约');
  await book.click();
  const refusal = page.getByRole('alert').filter({ hasText: '预约未登记' });
  await expect(refusal).toContainText('手机号码');
  await expect(refusal).toContainText('手机号码应为以 1 开头的 11 位数字，请核对');
  await expect(page.getByLabel('手机号码')).toHaveValue('1395531234');
  await expect(page.getByText('这一天没有预约。')).toBeVisible();
  await expectAccessible(page, 'hall appointments (refused)');
  await page.getByLabel('手机号码').fill('13955312345');
  await book.click();
  await expect(page.getByText(`已为 王堃 预约 ${today} 16:30。`)).toBeVisible();
  const row = page.getByRole('row', { name: /王堃/ });
  await expect(row).toContainText('139****2345');
  await expect(row).toContainText('已预约');
  // The person arrives: a B number joins the queue.
  await row.getByRole('button', { name: '王堃 到场取号' }).click();
  await expect(page.getByText('王堃 已到场，号码 B001。')).toBeVisible();
  await expect(row).toContainText('已到场（B001）');
  await sectionLink(page, '排队叫号');
  await expect(page.getByText('等候 2 人')).toBeVisible();
  await expect(page.getByTestId('waited-B001')).toBeVisible();

  // A chosen number is called out of turn, and called again.
  await page.getByRole('button', { name: '叫号 B001' }).click();
  await expect(display.getByTestId('display-latest-number')).toHaveText('B001');
  await page.getByRole('button', { name: '重叫 B001 号' }).click();
  await expect(display.getByText('再次叫号')).toBeVisible();

  // The desk records B001's consultation from the queue: the form comes with the channel, the name
  // and mobile booked and the topic said; once saved, the number is served and leaves the display.
  const consult = page.getByRole('link', { name: '为 B001 号登记咨询' });
  await expect(consult).toHaveAttribute('href', /#\/consultations\/new\?channel=appointment&ticket=/);
  await consult.click();
  await expect(page.getByRole('heading', { name: '登记法律咨询', level: 1 })).toBeVisible();
  await expect(page.getByText('来自服务大厅：B001 号（预约）')).toBeVisible();
  await expect(page.getByText('取号时所说的咨询事项：租房押金。')).toBeVisible();
  await expect(page.getByLabel('咨询方式').locator('xpath=ancestor::div[contains(@class,"ant-select ")][1]')).toContainText('预约');
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('王堃');
  await expect(page.getByLabel('手机号码')).toHaveValue('13955312345');
  const topic = page.getByLabel('咨询事项');
  await topic.click();
  await topic.pressSequentially('房屋');
  await chooseOption(page, topic, '房屋宅基地纠纷');
  await page.getByLabel('咨询的问题').fill('退租后房东不退押金怎么办？');
  await page.getByLabel('咨询意见', { exact: true }).fill('可先协商，协商不成可申请人民调解或向人民法院起诉。');
  await page.getByLabel('用时（分钟）').fill('15');
  await expectAccessible(page, 'a consultation from the hall');
  await page.getByRole('button', { name: '保存咨询记录' }).click();
  await expect(page.getByRole('heading', { name: /^咨\d{4}-00001$/, level: 1 })).toBeVisible();
  await expect(page.getByText('B001 号已记为接待完毕。')).toBeVisible();
  await expect(display.getByTestId('display-latest-number')).toHaveCount(0);
  await page.goto('./#/hall');
  await expect(page.getByRole('button', { name: 'B001 号接待完毕' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '为 B001 号登记咨询' })).toHaveCount(0);

  // The next is not there: called, then passed.
  await page.getByRole('button', { name: '叫下一位' }).click();
  await expect(display.getByTestId('display-latest-number')).toHaveText('A002');
  await page.getByRole('button', { name: 'A002 号过号（未到）' }).click();
  await expect(display.getByTestId('display-latest-number')).toHaveCount(0);
  await expect(page.getByText('等候 0 人')).toBeVisible();
});
