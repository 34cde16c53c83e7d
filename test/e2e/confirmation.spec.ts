// Issue 6 as the mediation center meets it: from a case with a signed agreement, the joint
// application (undertakings, both parties' hand signatures, the institution's signature), the
// materials chosen from the ledger — building refused while an identity document is missing —,
// the package built and exported; the exported zip passes `mw package verify`, `sha256sum -c` and
// `openssl cms -verify`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { caseWithSignedAgreement, INSTITUTION_PASSPHRASE, signOnPad } from './agreement-flow';
import { chooseOption, expect, test } from './fixtures';

const FILES = [
  { name: '王堃身份证.png', mimeType: 'image/png', buffer: Buffer.from('PNG 王堃 居民身份证 演示\n'.repeat(20)) },
  { name: '刘䶮身份证.png', mimeType: 'image/png', buffer: Buffer.from('PNG 刘䶮 居民身份证 演示\n'.repeat(20)) },
  { name: '银行转账回单.png', mimeType: 'image/png', buffer: Buffer.from('PNG 银行转账回单 50000 元\n'.repeat(30)) },
];

function run(tool: string, args: string[], cwd?: string) {
  return spawnSync(tool, args, { encoding: 'utf8', ...(cwd ? { cwd } : {}) });
}

export async function prepareAndExportPackage(page: Page, out: string): Promise<string> {
  await page.getByRole('tab', { name: '证据' }).click();
  await page.getByLabel('添加证据文件').setInputFiles(FILES);
  await expect(page.getByRole('region', { name: '证据账本' }).getByRole('row', { name: /银行转账回单/ })).toBeVisible({ timeout: 20_000 });

  await page.getByRole('tab', { name: '司法确认' }).click();
  await page.getByRole('button', { name: '准备司法确认申请' }).click();
  const application = page.getByRole('region', { name: '司法确认申请书' });
  await expect(application).toContainText('芜湖市镜湖区人民法院');
  // Without the parties' undertakings and signatures the application is refused, each gap named.
  const passphrase = application.getByLabel('机构私钥口令');
  if (await passphrase.count()) await passphrase.fill(INSTITUTION_PASSPHRASE);
  await application.getByRole('button', { name: '生成并签署申请书' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '申请书还不完整' })).toContainText('王堃');
  for (const text of ['出于自愿达成调解协议', '提交的材料真实', '协议内容不违反法律、法规', '不损害国家利益', '知悉虚假调解']) {
    await application.getByRole('checkbox', { name: new RegExp(text) }).check();
    await expect(application.getByRole('checkbox', { name: new RegExp(text) })).toBeChecked();
  }
  for (const name of ['王堃', '刘䶮']) {
    await application.getByRole('button', { name: `请 ${name} 签名` }).click();
    await signOnPad(page, name);
  }
  await expect(application.getByText('已签名')).toHaveCount(2);
  if (await passphrase.count()) await passphrase.fill(INSTITUTION_PASSPHRASE);
  await application.getByRole('button', { name: '生成并签署申请书' }).click();
  await expect(application.getByRole('status')).toContainText('申请书已生成并由调解组织签署', { timeout: 30_000 });

  // Materials: only the applicant's identity document at first; building is refused, naming what is missing.
  const materials = page.getByRole('region', { name: '材料' });
  await chooseOption(page, materials.getByRole('combobox', { name: '“王堃身份证.png”放入材料包作为' }), '身份证明：王堃');
  const checklist = page.getByRole('region', { name: '核对清单' });
  await expect(checklist).toContainText('缺少身份证明');
  const packageCard = page.getByRole('region', { name: '材料包' });
  const buildPassphrase = packageCard.getByLabel('机构私钥口令');
  if (await buildPassphrase.count()) await buildPassphrase.fill(INSTITUTION_PASSPHRASE);
  await packageCard.getByRole('button', { name: '生成材料包' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '材料不齐' })).toContainText('缺少身份证明');
  await chooseOption(page, materials.getByRole('combobox', { name: '“刘䶮身份证.png”放入材料包作为' }), '身份证明：刘䶮');
  await chooseOption(page, materials.getByRole('combobox', { name: '“银行转账回单.png”放入材料包作为' }), '财产权利证明');
  await expect(checklist.getByText('缺少')).toHaveCount(0);
  await expect(checklist).toContainText('还剩');
  if (await buildPassphrase.count()) await buildPassphrase.fill(INSTITUTION_PASSPHRASE);
  await packageCard.getByRole('button', { name: '生成材料包' }).click();
  await expect(packageCard.getByText('SHA-256')).toBeVisible({ timeout: 60_000 });

  const [download] = await Promise.all([page.waitForEvent('download'), packageCard.getByRole('button', { name: '导出材料包（提交法院）' }).click()]);
  const zip = join(out, download.suggestedFilename());
  await download.saveAs(zip);
  await expect(page.getByTestId('case-status')).toHaveText('已申请司法确认');
  return zip;
}

test('the center prepares, builds and exports the package; standard tools accept it', async ({ page }) => {
  test.setTimeout(300_000);
  const out = mkdtempSync(join(tmpdir(), 'mw-e2e-confirmation-'));
  await caseWithSignedAgreement(page);
  const zip = await prepareAndExportPackage(page, out);

  const verified = run(process.execPath, ['cli/bin/mw.mjs', 'package', 'verify', zip, '--json']);
  expect(verified.status, verified.stdout + verified.stderr).toBe(0);
  const extracted = join(out, 'x');
  expect(run('unzip', ['-q', zip, '-d', extracted]).status).toBe(0);
  expect(run('sha256sum', ['-c', 'SHA256SUMS'], extracted).status).toBe(0);
  const cms = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'manifest.p7s', '-content', 'manifest.json', '-noverify', '-out', '/dev/null'], extracted);
  expect(cms.status, cms.stderr).toBe(0);
  const manifest = JSON.parse(readFileSync(join(extracted, 'manifest.json'), 'utf8'));
  expect(manifest.files.map((f: { role: string }) => f.role).sort()).toEqual(expect.arrayContaining(['application', 'agreement', 'identity', 'identity', 'property']));
  for (const pdf of ['application.pdf', 'agreement.pdf']) expect(run('pdfsig', [join(extracted, pdf)]).stdout).toContain('Signature is Valid.');
});
