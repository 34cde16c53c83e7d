// Issue 6 from the court's end, as a clerk would use it: a court's workstation (first run as
// 芜湖市镜湖区人民法院, its signing identity generated in Settings), a clerk who imports the demo
// package and sees every layer verified with the legal checklist and the court's clock, dockets it
// under the proposed number, extends the review period once, asks for a supplement (signed), rules
// it valid (signed 民事裁定书) and exports the receipt, which `mw receipt verify` accepts against the
// package. A tampered copy of the package is refused on import with the changed file named, and
// the institution is authenticated only once its certificate is registered.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { clerkAtIntake, COURT_PASSPHRASE, importPackage } from './court-flow';
import { animationsDone, downloadTo as download, expect, mw as run, test } from './fixtures';

/** The demo package with one byte of an evidence file changed, re-zipped as a careless or hostile hand would. */
function tamperedCopy(zipPath: string, out: string): string {
  const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
  const evidence = Object.keys(files).find((name) => name.startsWith('evidence/'));
  if (!evidence) throw new Error('the demo package has no evidence file');
  const bytes = (files[evidence] as Uint8Array).slice();
  bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] as number) ^ 0x01;
  files[evidence] = bytes;
  const path = join(out, 'tampered.zip');
  writeFileSync(path, zipSync(files, { level: 0 }));
  return path;
}

test('the clerk verifies, dockets, rules on a package and exports a receipt the center can verify; a tampered one is refused', async ({ page }) => {
  test.setTimeout(300_000);
  const out = mkdtempSync(join(tmpdir(), 'mw-e2e-court-'));
  const demo = join(out, 'demo');
  const made = run('demo', '--out', demo);
  expect(made.status, made.stderr).toBe(0);
  const packageZip = join(demo, 'package.zip');
  const tampered = tamperedCopy(packageZip, out);

  // A court's workstation: the court is the institution, and its identity signs rulings and receipts.
  await clerkAtIntake(page);

  // The tampered copy: refused on import, the failed layer and the changed file named.
  await importPackage(page, tampered);
  await expect(page.getByRole('heading', { name: '材料包校验结果' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('alert').filter({ hasText: '不予受理：材料包未通过校验' })).toContainText('每个文件的大小与 SHA-256');
  const tamperedLayers = page.getByRole('region', { name: '逐层校验' });
  await expect(tamperedLayers.getByRole('group', { name: '文件哈希' })).toContainText('未通过');
  await expect(tamperedLayers.getByRole('group', { name: '文件哈希' })).toContainText('SHA-256 与清单不符');
  await expect(tamperedLayers.getByRole('group', { name: '清单签名与证书' })).not.toContainText('未通过');
  await expect(page.getByRole('region', { name: '调解组织身份' })).toContainText('身份未经认证');
  await expect(page.getByRole('button', { name: '受理立案' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: '法院审查期限' })).toContainText('不予受理');

  // The institution's certificate registered (after comparing the fingerprint by phone).
  await page.getByRole('link', { name: '返回已收材料包' }).click();
  const settings = page.getByRole('region', { name: '法院设置' });
  await expect(page.getByRole('region', { name: '已收材料包' }).getByRole('row', { name: /不予受理/ })).toBeVisible();
  await settings.getByLabel('调解组织证书（PEM）').fill(readFileSync(join(demo, 'identity', 'institution.crt.pem'), 'utf8'));
  await settings.getByRole('button', { name: '登记证书' }).click();
  await expect(settings.getByRole('row', { name: /芜湖市镜湖区人民调解委员会/ })).toBeVisible();
  await expect(settings.getByLabel('法院代字')).toHaveValue('皖0202');

  // The demo package: every layer verified, the checklist complete, the court's clock running.
  await importPackage(page, packageZip);
  await expect(page.getByText('校验通过：材料包完整，未被改动')).toBeVisible({ timeout: 60_000 });
  const layers = page.getByRole('region', { name: '逐层校验' });
  for (const layer of ['材料包结构', '清单签名与证书', '文件哈希', 'PDF 签名', '证据账本']) {
    await expect(layers.getByRole('group', { name: layer })).not.toContainText('未通过');
  }
  await expect(layers.getByRole('group', { name: '证据账本' })).toContainText('检查点签名');
  const checklist = page.getByRole('region', { name: '法定材料清单' });
  await expect(checklist.getByText('齐全')).toHaveCount(6);
  await expect(page.getByRole('region', { name: '申请期限' })).toContainText('在 30 日期限内收到');
  await expect(page.getByRole('region', { name: '调解组织身份' })).toContainText('身份已认证');
  const clock = page.getByRole('region', { name: '法院审查期限' });
  await expect(clock).toContainText('待受理');
  await expect(clock.getByTestId('court-days-left')).toContainText('剩 3 天');

  // Docketed under the proposed number of this court's sequence.
  const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
  const docket = `（${year}）皖0202民特1号`;
  await page.getByRole('button', { name: '受理立案' }).click();
  const accept = page.getByRole('dialog', { name: '受理立案' });
  await animationsDone(page);
  await expect(accept.getByLabel('案号')).toHaveValue(docket);
  await accept.getByLabel('案号').fill('123');
  await accept.getByRole('button', { name: '受理' }).click();
  await expect(accept.getByRole('alert')).toContainText('案号格式不对');
  await accept.getByLabel('案号').fill(docket);
  await accept.getByRole('button', { name: '受理' }).click();
  await expect(accept).toBeHidden();
  await expect(page.getByRole('heading', { name: `材料包校验结果 · ${docket}` })).toBeVisible();
  await expect(clock).toContainText('审查中');
  await expect(clock.getByTestId('court-days-left')).toContainText('剩 15 天');

  // The one extension by 10 days.
  await page.getByRole('button', { name: '延长审查期限' }).click();
  const extend = page.getByRole('dialog', { name: '延长审查期限' });
  await animationsDone(page);
  await extend.getByRole('button', { name: '延长 10 日' }).click();
  await expect(extend).toBeHidden();
  await expect(clock.getByTestId('court-days-left')).toContainText('剩 25 天');
  await expect(page.getByRole('button', { name: '延长审查期限' })).toHaveCount(0);

  // A 补正 request, signed with the court's key (unlocked here for this window).
  await page.getByRole('button', { name: '要求补正' }).click();
  const supplement = page.getByRole('dialog', { name: '要求补正' });
  await animationsDone(page);
  await supplement.getByLabel('具体要求 1').fill('请补充双方当事人的送达地址确认书');
  const supplementZip = await download(
    page,
    async () => {
      await supplement.getByRole('button', { name: '生成补正通知' }).click();
      const unlock = page.getByRole('dialog', { name: '解锁机构密钥' });
      await animationsDone(page);
      await unlock.getByLabel('密钥保护口令').fill(COURT_PASSPHRASE);
      await unlock.getByRole('button', { name: '解锁并签名' }).click();
    },
    out,
  );
  await expect(supplement).toBeHidden({ timeout: 30_000 });
  expect(Object.keys(unzipSync(new Uint8Array(readFileSync(supplementZip)))).sort()).toEqual(['supplement.json', 'supplement.p7s']);
  await expect(page.getByText(/要求在 .* 前补正/)).toBeVisible();

  // The ruling: confirmed valid, the 民事裁定书 signed by the court.
  await page.getByRole('button', { name: '裁定', exact: true }).click();
  const rule = page.getByRole('dialog', { name: '制作民事裁定书' });
  await animationsDone(page);
  await rule.getByLabel('审判员').fill('陈明');
  // The institution is authenticated here: no warning; the full text is shown before signing.
  await expect(rule.getByText('调解组织身份未经认证')).toHaveCount(0);
  await rule.getByRole('button', { name: '预览裁定书全文' }).click();
  await expect(rule.getByTestId('ruling-preview')).toContainText(`${docket}`);
  await rule.getByRole('button', { name: '签署裁定书' }).click();
  await expect(rule).toBeHidden({ timeout: 60_000 });
  await expect(clock).toContainText('已裁定');
  await expect(page.getByRole('region', { name: '处理' })).toContainText('确认有效（审判员 陈明，书记员 孙书记）');
  await page.getByRole('button', { name: '查看裁定书' }).click();
  const viewer = page.getByRole('dialog', { name: `民事裁定书 ${docket}` });
  await expect(viewer.getByRole('img', { name: '第 1 页' })).toBeVisible({ timeout: 30_000 });
  await viewer.getByRole('button', { name: '关闭' }).click();

  // The receipt: receipt.json, receipt.p7s and the ruling, which the center's tool accepts.
  const receiptZip = await download(page, () => page.getByRole('button', { name: '导出回执' }).click(), out);
  const receipt = unzipSync(new Uint8Array(readFileSync(receiptZip)));
  expect(Object.keys(receipt).sort()).toEqual(['receipt.json', 'receipt.p7s', 'ruling.pdf']);
  for (const [name, bytes] of Object.entries(receipt)) writeFileSync(join(out, name), bytes);
  const verified = run('receipt', 'verify', join(out, 'receipt.json'), '--p7s', join(out, 'receipt.p7s'), '--package', packageZip, '--ruling', join(out, 'ruling.pdf'));
  expect(verified.status, verified.stdout + verified.stderr).toBe(0);
  expect(verified.stdout).toContain(docket);
  expect(verified.stdout).toContain('确认有效');
  const rulingText = spawnSync('pdftotext', [join(out, 'ruling.pdf'), '-'], { encoding: 'utf8' });
  if (rulingText.error === undefined) expect(rulingText.stdout.replace(/\s+/g, '')).toContain('民事裁定书');
  await expect(page.getByRole('region', { name: '处理' })).toContainText('回执已于');

  // The same package again: its filing, not a second one.
  await page.getByRole('link', { name: '返回已收材料包' }).click();
  await importPackage(page, packageZip);
  await expect(page.getByText(/该材料包（SHA-256 相同）已于 .* 收到/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: `材料包校验结果 · ${docket}` })).toBeVisible();
  await page.getByRole('link', { name: '返回已收材料包' }).click();
  await expect(page.getByRole('region', { name: '已收材料包' }).getByRole('row')).toHaveCount(3); // the header and two filings
});
