// Issue 3 as a new user tries it: the administrator sets up the institution's signing identity,
// a mediator adds ten items of different kinds (picked, dropped, photographed), previews an image
// and a PDF, corrects and withdraws items, signs a checkpoint with the key's passphrase, exports
// the ledger and one item and checks both with `npx mw ledger verify`, and sees a file changed
// behind the app's back named by "verify now".
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from '@playwright/test';
import { ADMIN, answerDialog, completeFirstRun, expect, pressInDialog, signIn, tamperWithBlob, test } from './fixtures';
import { registerNeighbours } from './case-forms';

const PASSPHRASE = 'institution key 2026';
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function twoPagePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of ['Loan contract, page one', 'Signatures, page two']) pdf.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 18, font });
  return Buffer.from(await pdf.save());
}

function mw(...args: string[]) {
  return spawnSync(process.execPath, ['cli/bin/mw.mjs', ...args], { encoding: 'utf8' });
}

async function download(page: Page, trigger: () => Promise<void>, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

test('signing identity, ten items, preview, corrections, a signed checkpoint and exports that verify', async ({ page }) => {
  test.setTimeout(240_000);
  const out = mkdtempSync(join(tmpdir(), 'mw-e2e-evidence-'));
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);

  // The administrator generates the institution's self-issued certificate.
  await page.goto('./#/settings');
  const identity = page.getByRole('region', { name: '机构签名身份' });
  await expect(identity.getByText('尚未设置机构签名身份', { exact: false })).toBeVisible();
  await identity.getByLabel('密钥保护口令').fill('short');
  await identity.getByLabel('再次输入口令').fill('short');
  await identity.getByRole('button', { name: '生成证书' }).click();
  await expect(identity.getByText('口令至少需要 8 个字符。')).toBeVisible();
  await identity.getByLabel('密钥保护口令').fill(PASSPHRASE);
  await identity.getByLabel('再次输入口令').fill(PASSPHRASE);
  await identity.getByRole('button', { name: '生成证书' }).click();
  await expect(identity.getByText('SHA-256 指纹')).toBeVisible({ timeout: 30_000 });
  await expect(identity.getByText('RSA 2048 位')).toBeVisible();
  await expect(identity.getByText('口令加密（AES-256-GCM）')).toBeVisible();

  await registerNeighbours(page);
  await page.getByRole('tab', { name: '证据' }).click();
  const ledger = page.getByRole('region', { name: '证据账本' });
  await expect(ledger.getByText('本案尚无证据。')).toBeVisible();

  // Eight files picked at once, of different kinds.
  const picked = [
    { name: '借款合同.pdf', mimeType: 'application/pdf', buffer: await twoPagePdf() },
    { name: '银行转账回单.png', mimeType: 'image/png', buffer: PNG_1X1 },
    { name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('JPEG 现场照片 '.repeat(200)) },
    { name: '微信聊天记录.txt', mimeType: 'text/plain', buffer: Buffer.from('张堃：下月十五号前还五万。\n李喆：好的。\n') },
    { name: '还款计划.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('PK xlsx 还款计划 '.repeat(50)) },
    { name: '通话录音.m4a', mimeType: 'audio/mp4', buffer: Buffer.from('m4a 录音 '.repeat(400)) },
    { name: '收条.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK docx 收条 '.repeat(60)) },
    { name: '转账明细.csv', mimeType: 'text/csv', buffer: Buffer.from('日期,金额\n2026-10-03,50000\n') },
  ];
  await page.getByLabel('添加证据文件').setInputFiles(picked);
  await expect(ledger.getByRole('row')).toHaveCount(9);

  // One dropped onto the tab.
  const drop = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new TextEncoder().encode('{"事故认定":"对方全责"}')], '事故认定书.json', { type: 'application/json' }));
    return transfer;
  });
  await page.getByRole('region', { name: '添加证据' }).dispatchEvent('drop', { dataTransfer: drop });
  await expect(ledger.getByRole('row', { name: /事故认定书\.json/ })).toBeVisible();

  // One photographed with the (fake) camera.
  await page.getByRole('button', { name: '拍照…' }).click();
  const camera = page.getByRole('dialog', { name: '拍摄证据照片' });
  await expect(camera.getByRole('button', { name: '拍摄并记入' })).toBeEnabled();
  await pressInDialog(camera, '拍摄并记入');
  await expect(ledger.getByRole('row', { name: /现场拍照/ })).toBeVisible();
  await expect(ledger.getByRole('row')).toHaveCount(11);
  await expect(page.getByText('10 项证据全部校验一致', { exact: false })).toBeVisible({ timeout: 30_000 });
  await expect(ledger.getByText('一致', { exact: true })).toHaveCount(10);

  // Preview: the receipt image and the two-page contract.
  await ledger.getByRole('button', { name: '预览第 2 项' }).click();
  const imagePreview = page.getByRole('dialog', { name: '预览：银行转账回单.png' });
  await expect(imagePreview.getByRole('img', { name: '银行转账回单.png' })).toBeVisible();
  await imagePreview.getByRole('button', { name: '关闭' }).click();
  await ledger.getByRole('button', { name: '预览第 1 项' }).click();
  const pdfPreview = page.getByRole('dialog', { name: '预览：借款合同.pdf' });
  await expect(pdfPreview.getByText('第 1 页 共 2 页')).toBeVisible({ timeout: 20_000 });
  await pdfPreview.getByRole('button', { name: '下一页' }).click();
  await expect(pdfPreview.getByLabel('PDF 第 2 页，共 2 页')).toBeVisible();
  await pdfPreview.getByRole('button', { name: '关闭' }).click();

  // A correction (a new file referring to item 4) and a withdrawal (item 7, with its reason).
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), ledger.getByRole('button', { name: '更正第 4 项' }).click()]);
  await chooser.setFiles({ name: '微信聊天记录（完整）.txt', mimeType: 'text/plain', buffer: Buffer.from('张堃：下月十五号前还五万。\n李喆：好的，一定还。\n') });
  await expect(ledger.getByRole('row', { name: /微信聊天记录（完整）/ })).toContainText('更正第 4 项');
  await expect(ledger.getByRole('row', { name: /^4 微信聊天记录\.txt/ })).toContainText('已更正（见第 11 项）');
  await ledger.getByRole('button', { name: '撤回第 7 项' }).click();
  const withdraw = page.getByRole('dialog', { name: /撤回第 7 项/ });
  await pressInDialog(withdraw, '撤回');
  await expect(withdraw.getByText('请填写撤回原因')).toBeVisible();
  await withdraw.getByLabel('撤回原因').fill('申请人提交错了文件');
  await answerDialog(withdraw, '撤回');
  await expect(ledger.getByRole('row', { name: /收条\.docx/ })).toContainText('已撤回（见第 12 项）');
  await expect(ledger.getByRole('row', { name: /申请人提交错了文件/ })).toContainText('撤回第 7 项');

  // A checkpoint: the passphrase is asked for; a wrong one is refused, nothing is signed.
  const checkpoints = page.getByRole('region', { name: '签名检查点' });
  await expect(checkpoints.getByText('尚无签名检查点', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: '签署检查点' }).click();
  let prompt = page.getByRole('dialog', { name: '解锁机构密钥' });
  await prompt.getByLabel('密钥保护口令').fill('not the passphrase');
  await answerDialog(prompt, '解锁并签名');
  await expect(page.getByText('口令不正确，无法解锁机构密钥。')).toBeVisible();
  await expect(checkpoints.getByText('尚无签名检查点', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: '签署检查点' }).click();
  prompt = page.getByRole('dialog', { name: '解锁机构密钥' });
  await prompt.getByLabel('密钥保护口令').fill(PASSPHRASE);
  await answerDialog(prompt, '解锁并签名');
  await expect(page.getByText('已签署检查点，覆盖前 12 项。')).toBeVisible();
  await expect(checkpoints.getByRole('row', { name: /前 12 项/ })).toContainText('签名有效');
  await expect(ledger.getByText('已签名', { exact: true })).toHaveCount(12);

  // The whole ledger, with its files, exported and verified by the CLI on "another machine".
  await page.getByRole('button', { name: '导出证据账本…' }).click();
  const exportDialog = page.getByRole('dialog', { name: '导出证据账本' });
  await expect(exportDialog.getByRole('checkbox', { name: /包含证据文件/ })).toBeChecked();
  const zip = await download(page, () => pressInDialog(exportDialog, '导出'), out);
  await expect(exportDialog).toBeHidden();
  const verified = mw('ledger', 'verify', zip);
  expect(verified.stderr).toBe('');
  expect(verified.stdout).toContain('VALID — ');
  expect(verified.stdout).toContain('12 entries');
  expect(verified.stdout).toContain('files checked: 11');
  expect(verified.status).toBe(0);

  // One item disclosed on its own, with its inclusion proof.
  await ledger.getByRole('button', { name: '单项导出第 2 项' }).click();
  const itemDialog = page.getByRole('dialog', { name: /单项导出：第 2 项/ });
  const item = await download(page, () => pressInDialog(itemDialog, '导出'), out);
  const itemCheck = mw('ledger', 'verify', item);
  expect(itemCheck.stdout).toContain('VALID — item 2 “银行转账回单.png”');
  expect(itemCheck.status).toBe(0);

  // Someone alters a stored file behind the app's back: "verify now" names it.
  const csv = picked.find((f) => f.name === '转账明细.csv')?.buffer as Buffer;
  await tamperWithBlob(page, createHash('sha256').update(csv).digest('hex'), '日期,金额\n2026-10-03,5000\n');
  await page.getByRole('button', { name: '立即校验' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '与记录不一致' })).toContainText('第 8 项“转账明细.csv”与记录不一致');

  await page.getByRole('tab', { name: '操作记录' }).click();
  const timeline = page.getByRole('region', { name: '操作记录' });
  await expect(timeline.getByText('签署证据检查点')).toHaveCount(1);
  await expect(timeline.getByText('撤回证据')).toHaveCount(1);
  await expect(timeline.getByText('更正证据')).toHaveCount(1);
});
