// Issue 15 item 1, as a mediator would meet it: on a case whose agreement is signed, the status
// buttons no longer offer 申请司法确认 or 司法确认有效. An application handed to the court on paper is
// recorded from the court's acknowledgement (its scan into the ledger), a ruling given on paper is
// registered from its scan; each is refused by field until complete, and the status it makes true
// is shown as entered by hand (手工录入).
import { caseWithSignedAgreement } from './agreement-flow';
import { named } from './case-forms';
import { answerDialog, expect, pressInDialog, test } from './fixtures';

test.describe.configure({ timeout: 600_000 });

const scan = (name: string, text: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${text}\n`.repeat(20)) });

test('a paper filing and a paper ruling, recorded with their scans, are marked as entered by hand; no button sets them', async ({ page }) => {
  // The first load of the app can take a while on a busy machine; the flow's own steps wait 10 s.
  await page.goto('./#/setup');
  await expect(page.getByRole('heading', { name: '首次使用：设置本机构' })).toBeVisible({ timeout: 60_000 });
  await caseWithSignedAgreement(page);
  const status = page.getByTestId('case-status');
  const actions = page.getByRole('group', { name: '案件流程操作' });
  await expect(status).toHaveText('达成协议');
  // The signed agreement made it true: nothing to mark.
  await expect(page.getByTestId('status-basis')).toHaveCount(0);
  await expect(actions.getByRole('button')).toHaveText([named('归档'), named('登记纸质申请')]);

  await actions.getByRole('button', { name: named('登记纸质申请') }).click();
  const filing = page.getByRole('dialog', { name: '登记纸质司法确认申请' });
  await expect(filing.getByLabel('受理法院')).toHaveValue('芜湖市镜湖区人民法院');
  // Without the acknowledgement's scan nothing is recorded, and the refusal is at the file field.
  await pressInDialog(filing, named('登记并变为“已申请司法确认”'));
  await expect(filing.getByText('请选择扫描件文件（PDF 或图片）。')).toBeVisible();
  await expect(status).toHaveText('达成协议');
  await filing.getByLabel('法院回执扫描件').setInputFiles(scan('收件回执.pdf', '芜湖市镜湖区人民法院 收件回执'));
  await answerDialog(filing, named('登记并变为“已申请司法确认”'));
  await expect(status).toHaveText('已申请司法确认');
  await expect(page.getByTestId('status-basis')).toHaveText('手工录入');

  // The ruling: no 司法确认有效 or 驳回 button; the paper ruling is registered from its scan.
  await expect(actions.getByRole('button')).toHaveText([named('登记纸质裁定')]);
  await actions.getByRole('button', { name: named('登记纸质裁定') }).click();
  const ruling = page.getByRole('dialog', { name: '登记纸质裁定' });
  await expect(ruling.getByLabel('确认调解协议有效')).toBeChecked();
  await ruling.getByLabel('裁定书扫描件').setInputFiles(scan('民事裁定书.pdf', '（2026）皖0202民特12号 确认有效'));
  await pressInDialog(ruling, named('登记裁定'));
  await expect(ruling.getByText('此项为必填项，请填写')).toBeVisible();
  await ruling.getByLabel('法院案号').fill('（2026）皖0202民特12号');
  await answerDialog(ruling, named('登记裁定'));
  await expect(status).toHaveText('已司法确认');
  await expect(page.getByTestId('status-basis')).toHaveText('手工录入');

  // Both scans are in the ledger, marked as entered by hand.
  await page.getByRole('tab', { name: '证据' }).click();
  await expect(page.getByText(/法院收件回执（手工录入）芜湖市镜湖区人民法院/).first()).toBeVisible();
  await expect(page.getByText('民事裁定书 （2026）皖0202民特12号（确认有效，手工录入）').first()).toBeVisible();
});
