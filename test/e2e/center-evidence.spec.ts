// Evidence that travels between two workstations of one center (issue 17, "Done when": evidence
// added on the second is verified on the first), on a real center server with PostgreSQL and its
// file folder, each page reaching it only through its own host's relay. A case registered on the
// first appears on the second; the second adds two files through the evidence tab, as a mediator
// does; the first sees the entries pulled, marked as not downloaded yet, opens one (downloaded
// then, its SHA-256 checked) and runs 立即校验, which downloads the other and reports the chain and
// every file verified.
import { createHash } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { pick, registerTraffic } from './case-forms';
import { joinCenterAs, startCenterWorld, type CenterWorld } from './center-server';
import { ADMIN, completeFirstRun, expect, signIn, test, validCreditCode } from './fixtures';

const CODE = validCreditCode();
const CENTER = '芜湖市镜湖区人民调解委员会';
const SERVER_ADMIN = { username: 'center-admin', password: 'Center-Pass-2026' } as const;
const FILES = [
  { name: '事故现场照片说明.txt', mimeType: 'text/plain', buffer: Buffer.from('事故现场：北京中路与中山路路口，左转车辆与直行车辆相撞。\n'.repeat(20)) },
  { name: '交通事故认定书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 道路交通事故认定书 演示内容\n'.repeat(3000)) },
];
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let world: CenterWorld | null = null;
const pageErrors: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  world = await startCenterWorld('center_evidence_e2e', [
    {
      kind: 'mediation',
      name: CENTER,
      creditCode: CODE,
      areaCode: '340202',
      address: '安徽省芜湖市镜湖区北京中路 1 号',
      admin: { username: SERVER_ADMIN.username, displayName: '中心管理员', password: SERVER_ADMIN.password },
    },
  ]);
});

test.afterAll(async () => {
  await world?.stop();
});

async function workstation(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await completeFirstRun(page, { creditCode: CODE });
  await signIn(page, ADMIN.username, ADMIN.password);
  if (!world) throw new Error('the center server did not start');
  await joinCenterAs(page, world.server, SERVER_ADMIN, CENTER);
  return page;
}

async function openEvidence(page: Page, number: string): Promise<void> {
  await page.goto('./#/cases');
  await page.getByText(number).first().click();
  await page.getByRole('tab', { name: '证据' }).click();
}

test('evidence added on the second workstation is downloaded and verified on the first', async ({ browser, baseURL }) => {
  test.setTimeout(420_000);
  const first = await workstation(browser, baseURL);
  const second = await workstation(browser, baseURL);

  let number = '';
  await test.step('a case registered on the first appears on the second', async () => {
    number = await registerTraffic(first);
    await second.goto('./#/cases');
    await expect(second.getByText(number).first()).toBeVisible({ timeout: 60_000 });
  });

  await test.step('the second adds two files through the evidence tab; they go up with their entries', async () => {
    await openEvidence(second, number);
    const ledger = second.getByRole('region', { name: '证据账本' });
    await expect(ledger.getByText('本案尚无证据。')).toBeVisible();
    await pick(second, second.getByLabel('提交方'), '申请人');
    await second.getByLabel('添加证据文件').setInputFiles(FILES);
    await expect(ledger.getByRole('row')).toHaveCount(FILES.length + 1);
    await expect(second.getByText('2 项证据全部校验一致', { exact: false })).toBeVisible();
    // Pushed once the files are on the server: nothing waits.
    await expect(second.getByTestId('center-indicator')).toHaveAccessibleName('中心服务器：已连接', { timeout: 60_000 });
  });

  await test.step('the first sees the entries, marked as not downloaded yet', async () => {
    const ledger = first.getByRole('region', { name: '证据账本' });
    // The case is opened again until the pull has brought the entries (the ledger is read when its tab opens).
    await expect(async () => {
      await openEvidence(first, number);
      await expect(ledger.getByRole('row')).toHaveCount(FILES.length + 1, { timeout: 3_000 });
    }).toPass({ timeout: 60_000 });
    const pdfRow = ledger.getByRole('row', { name: /交通事故认定书\.pdf/ });
    await expect(pdfRow).toContainText(sha256(FILES[1]!.buffer).slice(0, 12));
    await expect(pdfRow).toContainText('文件尚未下载');
    await expect(first.getByText('2 项证据的文件尚未下载到本工作站', { exact: false })).toBeVisible();
    await expectAccessible(first, 'the evidence tab with entries of another workstation not downloaded yet');
  });

  await test.step('opening a file downloads it, checked against its entry', async () => {
    await first.getByRole('button', { name: '预览第 1 项' }).click();
    const dialog = first.getByRole('dialog', { name: /预览：事故现场照片说明\.txt/ });
    await expect(dialog.getByLabel('文本内容')).toContainText('左转车辆与直行车辆相撞');
    await first.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    const ledger = first.getByRole('region', { name: '证据账本' });
    await expect(ledger.getByRole('row', { name: /事故现场照片说明\.txt/ })).toContainText('一致');
    await expect(ledger.getByRole('row', { name: /交通事故认定书\.pdf/ })).toContainText('文件尚未下载');
  });

  await test.step('立即校验 downloads the rest and reports the chain and every file verified', async () => {
    await first.getByRole('button', { name: '立即校验' }).click();
    await expect(first.getByText('2 项证据全部校验一致', { exact: false })).toBeVisible({ timeout: 60_000 });
    const ledger = first.getByRole('region', { name: '证据账本' });
    await expect(ledger.getByText('一致', { exact: true })).toHaveCount(2);
    await expect(ledger.getByText('文件尚未下载')).toHaveCount(0);
    await expectAccessible(first, 'the evidence tab with every file verified on the first workstation');
  });

  expect(pageErrors).toEqual([]);
});
