// The evidence tab as a mediator uses it: several files added at once and verified, a duplicate
// refused by its hash, a typed note, a file changed in the store behind the app's back named by "verify now",
// and each addition in the case's audit timeline.
import { createHash } from 'node:crypto';
import { ADMIN, answerDialog, completeFirstRun, expect, expectRefusalAt, pressInDialog, signIn, tamperWithBlob, test } from './fixtures';
import { pick, registerNeighbours } from './case-forms';

const FILES = [
  { name: '借款合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 借款合同 演示内容\n'.repeat(40)) },
  { name: '银行转账回单.png', mimeType: 'image/png', buffer: Buffer.from('PNG 银行转账回单 演示内容\n'.repeat(30)) },
  { name: '微信聊天记录.txt', mimeType: 'text/plain', buffer: Buffer.from('张堃：下月还钱。\n李喆：好的。\n') },
];
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('adds evidence files, refuses a duplicate, and names a file changed behind the app', async ({ page }) => {
  test.setTimeout(120_000);
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await registerNeighbours(page);
  await page.getByRole('tab', { name: '证据' }).click();
  const ledger = page.getByRole('region', { name: '证据账本' });
  await expect(ledger.getByText('本案尚无证据。')).toBeVisible();

  await pick(page, page.getByLabel('提交方'), '被申请人');
  await page.getByLabel('添加证据文件').setInputFiles(FILES);
  await expect(ledger.getByRole('row')).toHaveCount(FILES.length + 1);
  await expect(page.getByText('3 项证据全部校验一致', { exact: false })).toBeVisible();
  await expect(ledger.getByText('一致', { exact: true })).toHaveCount(3);
  await expect(ledger.getByRole('row', { name: /银行转账回单\.png/ })).toContainText(sha256(FILES[1]!.buffer).slice(0, 12));
  await expect(ledger.getByRole('row', { name: /银行转账回单\.png/ })).toContainText('被申请人');

  await page.getByLabel('添加证据文件').setInputFiles([FILES[0]!]);
  // Refused beside the button that adds files, naming the file (issue 15 item 6).
  const refusedFile = await expectRefusalAt(page.getByRole('button', { name: '添加证据文件…' }), '1 个文件没有加入证据');
  await expect(refusedFile).toContainText(/借款合同\.pdf：“借款合同\.pdf”已作为第 1 项证据（“借款合同\.pdf”）登记/);
  await expect(ledger.getByRole('row')).toHaveCount(FILES.length + 1);

  // A typed note: refused without text, then recorded as an item of its own.
  await page.getByRole('button', { name: '添加笔记…' }).click();
  const dialog = page.getByRole('dialog', { name: '添加笔记' });
  await dialog.getByLabel('标题').fill('被申请人质证意见');
  await pressInDialog(dialog, '记入账本');
  await expect(dialog.getByText('请填写内容')).toBeVisible();
  await dialog.getByLabel('内容').fill('对借款事实无异议，对还款期限有异议。');
  await answerDialog(dialog, '记入账本');
  await expect(ledger.getByRole('row', { name: /被申请人质证意见/ })).toContainText('笔记');
  await expect(ledger.getByText('一致', { exact: true })).toHaveCount(4);

  // Someone alters the stored receipt behind the app's back.
  await tamperWithBlob(page, sha256(FILES[1]!.buffer), 'PNG 伪造的回单');
  await page.getByRole('button', { name: '立即校验' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '与记录不一致' })).toContainText('第 2 项“银行转账回单.png”与记录不一致');
  await expect(ledger.getByRole('row', { name: /银行转账回单\.png/ }).getByText('不一致')).toBeVisible();
  await expect(ledger.getByText('一致', { exact: true })).toHaveCount(3);

  // After a reload (and signing in again) the ledger is still there, checked again on opening.
  await page.reload();
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole('tab', { name: '证据' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '与记录不一致' })).toContainText('第 2 项');
  await expect(page.getByRole('region', { name: '证据账本' }).getByRole('row')).toHaveCount(FILES.length + 2);
  await page.getByRole('tab', { name: '操作记录' }).click();
  await expect(page.getByRole('region', { name: '操作记录' }).getByText('添加证据')).toHaveCount(4);
});
