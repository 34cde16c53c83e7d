// Backup and restore through the UI: everything to one file, restored on a fresh profile; a
// damaged or foreign file is refused with the reason, and nothing changes. A backup says who made
// it (issue 14 §5): signed by the institution once it has an identity — the restore shows the
// signer's name and fingerprint, refuses an altered file and another institution's — and an
// unsigned one restores only after ticking that it is unauthenticated.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  ADMIN,
  DEFAULT_INSTITUTION,
  acknowledgeUnsignedRestore,
  answerDialog,
  completeFirstRun,
  createUser,
  expect,
  generateInstitutionIdentity,
  signIn,
  test,
} from './fixtures';

const MEDIATOR = { username: 'li.na', displayName: '李娜', role: 'mediator', password: 'Mediator2026' } as const;

async function userRows(page: Page): Promise<string[]> {
  await page.goto('./#/admin/users');
  await expect(page.getByRole('row', { name: /admin/ })).toBeVisible();
  return page.locator('tbody tr').allInnerTexts();
}

test('a backup restored on a fresh profile gives the same data', async ({ page, browser, baseURL }) => {
  // Two profiles, each loading the app for the first time.
  test.setTimeout(180_000);
  await firstRunPage(page);
  await completeFirstRun(page, { institutionName: '芜湖市鸠江区人民调解委员会' });
  await signIn(page, ADMIN.username, ADMIN.password);
  await createUser(page, MEDIATOR);
  const before = await userRows(page);

  await page.goto('./#/backup');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份全部数据到一个文件' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^mediation-backup-\d{8}-\d{4}\.mwbackup$/);
  await expect(page.getByRole('status')).toContainText('备份已保存为');
  // No institution identity yet: the backup is unsigned, and the screen says so.
  await expect(page.getByRole('status')).toContainText('这个备份没有签名');
  const file = await download.path();

  const fresh = await browser.newContext({ baseURL, locale: 'zh-CN' });
  try {
    const other = await fresh.newPage();
    await other.goto('./');
    await expect(other.getByRole('heading', { name: '首次使用：设置本机构' })).toBeVisible({ timeout: 30_000 });
    const choosing = other.waitForEvent('filechooser');
    await other.getByRole('button', { name: '从文件恢复…' }).click();
    await (await choosing).setFiles(file);
    await acknowledgeUnsignedRestore(other);
    await expect(other.getByRole('heading', { name: '登录' })).toBeVisible({ timeout: 30_000 });

    await signIn(other, MEDIATOR.username, MEDIATOR.password);
    await expect(other.getByTestId('institution-name')).toHaveText('芜湖市鸠江区人民调解委员会');
    await other.getByRole('button', { name: '退出登录' }).click();
    await signIn(other, ADMIN.username, ADMIN.password);
    expect(await userRows(other)).toEqual(before);
  } finally {
    await fresh.close();
  }
});

test('a damaged or foreign backup file is refused with the reason, and nothing changes', async ({ page }) => {
  test.setTimeout(180_000);
  await firstRunPage(page);
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await createUser(page, MEDIATOR);

  await page.goto('./#/backup');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份全部数据到一个文件' }).click();
  const good = await readFile((await (await downloading).path())!);

  const attempts = [
    { name: 'truncated.mwbackup', buffer: good.subarray(0, Math.floor(good.length / 2)) },
    { name: 'notes.mwbackup', buffer: Buffer.from('这不是备份文件，只是一段文字。') },
  ];
  for (const attempt of attempts) {
    const choosing = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '从文件恢复…' }).click();
    await (await choosing).setFiles({ name: attempt.name, mimeType: 'application/octet-stream', buffer: attempt.buffer });
    // Refused while checking: nothing to ask about.
    const alert = page.getByRole('alert').filter({ hasText: '无法恢复这个文件' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('当前数据没有任何改动');
    // The reason is named (not just "failed").
    const text = await alert.innerText();
    expect(text).toMatch(/不完整|损坏|不是/);
  }

  // Still signed in, with the same institution and users.
  await expect(page.getByTestId('institution-name')).toHaveText(DEFAULT_INSTITUTION.institutionName);
  const rows = await userRows(page);
  expect(rows.some((row) => row.includes(MEDIATOR.username))).toBe(true);
});

const PASSPHRASE = 'backup key 2026';

/** As the signed-in administrator: backs up, unlocking the institution key; the file's bytes. */
async function signedBackup(page: Page): Promise<Buffer> {
  await page.goto('./#/backup');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份全部数据到一个文件' }).click();
  const unlock = page.getByRole('dialog', { name: '解锁机构密钥' });
  await unlock.getByLabel('密钥保护口令').fill(PASSPHRASE);
  await answerDialog(unlock, '解锁并签名');
  const download = await downloading;
  await expect(page.getByRole('status')).toContainText('备份已由');
  return readFile((await download.path())!);
}

/** What someone who can edit the file does: another institution name in its row, every hash in backup.json recomputed. */
function forged(bytes: Buffer): Buffer {
  const files = unzipSync(new Uint8Array(bytes));
  const institution = strToU8(strFromU8(files['tables/institution.jsonl']!).replace(/"name":"[^"]+"/, '"name":"伪造的调解委员会"'));
  const manifest = JSON.parse(strFromU8(files['backup.json']!)) as { tables: Record<string, { bytes: number; sha256: string }> };
  manifest.tables.institution = { ...manifest.tables.institution!, bytes: institution.byteLength, sha256: createHash('sha256').update(institution).digest('hex') };
  return Buffer.from(zipSync({ ...files, 'tables/institution.jsonl': institution, 'backup.json': strToU8(JSON.stringify(manifest)) }));
}

async function fingerprintInSettings(page: Page): Promise<string> {
  await page.goto('./#/settings');
  const shown = page.getByRole('region', { name: '机构签名身份' }).getByText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  return (await shown.innerText()).trim();
}

async function restoreFile(page: Page, file: { name: string; buffer: Buffer }): Promise<void> {
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '从文件恢复…' }).click();
  await (await choosing).setFiles({ ...file, mimeType: 'application/octet-stream' });
}

/** The first page of a new profile, loaded once (slow on a busy machine) before the first run fills it in. */
async function firstRunPage(page: Page): Promise<void> {
  await page.goto('./#/setup');
  await expect(page.getByRole('heading', { name: '首次使用：设置本机构' })).toBeVisible({ timeout: 60_000 });
}

async function institutionWithIdentity(browser: Browser, baseURL: string | undefined, institutionName: string) {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN' });
  const page = await context.newPage();
  await firstRunPage(page);
  await completeFirstRun(page, { institutionName });
  await signIn(page, ADMIN.username, ADMIN.password);
  await generateInstitutionIdentity(page, PASSPHRASE);
  return { context, page };
}

test('a signed backup shows its signer to compare on a fresh profile, and an altered or foreign one is refused', async ({ page, browser, baseURL }) => {
  // Two institutions each generate an RSA key and unseal it behind a passphrase, and three profiles run.
  test.setTimeout(300_000);
  const ours = '芜湖市鸠江区人民调解委员会';
  await firstRunPage(page);
  await completeFirstRun(page, { institutionName: ours });
  await signIn(page, ADMIN.username, ADMIN.password);
  await generateInstitutionIdentity(page, PASSPHRASE);
  const fingerprint = await fingerprintInSettings(page);
  const good = await signedBackup(page);

  // A fresh profile: the dialog names the signer and its fingerprint before anything is written.
  const fresh = await browser.newContext({ baseURL, locale: 'zh-CN' });
  try {
    const other = await fresh.newPage();
    await other.goto('./');
    await expect(other.getByRole('heading', { name: '首次使用：设置本机构' })).toBeVisible({ timeout: 30_000 });
    await restoreFile(other, { name: 'forged.mwbackup', buffer: forged(good) });
    const refused = other.getByRole('alert').filter({ hasText: '无法恢复这个文件' });
    await expect(refused).toContainText('签名核对不通过');
    await restoreFile(other, { name: 'ours.mwbackup', buffer: good });
    const ask = other.getByRole('dialog', { name: '恢复这个备份？' });
    await expect(ask).toContainText(`此备份由“${ours}”签名`);
    await expect(ask.getByTestId('backup-signer-fingerprint')).toHaveText(fingerprint);
    await expect(ask.getByRole('checkbox')).toHaveCount(0);
    await answerDialog(ask, '恢复');
    await expect(other.getByRole('heading', { name: '登录' })).toBeVisible({ timeout: 30_000 });
    await signIn(other, ADMIN.username, ADMIN.password);
    await expect(other.getByTestId('institution-name')).toHaveText(ours);
  } finally {
    await fresh.close();
  }

  // Another institution's backup, on this workstation that has its own institution: refused.
  const theirs = await institutionWithIdentity(browser, baseURL, '芜湖市弋江区人民调解委员会');
  let foreign: Buffer;
  try {
    foreign = await signedBackup(theirs.page);
  } finally {
    await theirs.context.close();
  }
  await page.goto('./#/backup');
  await restoreFile(page, { name: 'theirs.mwbackup', buffer: foreign });
  const replace = page.getByRole('dialog', { name: '用备份替换全部当前数据？' });
  await expect(replace).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: '无法恢复这个文件' })).toContainText('另一家机构“芜湖市弋江区人民调解委员会”');
  await expect(page.getByTestId('institution-name')).toHaveText(ours);
});
