// Settings → 机构签名身份: an administrator imports the institution's PKCS#12 as a CA issues it
// (AES-256, 2,048 rounds as OpenSSL 3 writes by default; opened in a worker); a wrong file
// passphrase is named and nothing is stored; the certificate is then listed with its fingerprint.
import { createHash, generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import { issueInstitutionCertificate } from '../../shared/identity/institution';
import { ADMIN, completeFirstRun, expect, signIn, test } from './fixtures';

function caIssuedP12(passphrase: string): { bytes: Buffer; fingerprint: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { certificatePem } = issueInstitutionCertificate(
    { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJ00000007' },
    { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    new Date(),
  );
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [forge.pki.certificateFromPem(certificatePem)], passphrase, { algorithm: 'aes256', count: 2048 } as Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3]);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(certificatePem))).getBytes(), 'binary');
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  return { bytes: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), fingerprint: (hex.match(/../g) as string[]).join(':') };
}

test('imports a PKCS#12 identity, refusing a wrong passphrase first', async ({ page }) => {
  const p12 = caIssuedP12('ca-passphrase-2026');

  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.goto('./#/settings');
  const identity = page.getByRole('region', { name: '机构签名身份' });
  await identity.getByText('导入 PKCS#12', { exact: true }).click();
  await expect(identity.getByRole('radio', { name: '导入 PKCS#12' })).toBeChecked();
  await identity.getByRole('button', { name: '导入' }).click();
  await expect(identity.getByText('请选择 PKCS#12 文件。')).toBeVisible();

  await identity.getByLabel('PKCS#12 文件', { exact: true }).setInputFiles({ name: 'institution.p12', mimeType: 'application/x-pkcs12', buffer: p12.bytes });
  await identity.getByLabel('PKCS#12 文件的口令').fill('not-the-passphrase');
  await identity.getByLabel('密钥保护口令').fill('institution key 2026');
  await identity.getByLabel('再次输入口令').fill('institution key 2026');
  await identity.getByRole('button', { name: '导入' }).click();
  await expect(identity.getByRole('alert').filter({ hasText: '口令' })).toContainText('PKCS#12 文件的口令不正确。', { timeout: 30_000 });
  await expect(identity.getByText('SHA-256 指纹')).toHaveCount(0);

  await identity.getByLabel('PKCS#12 文件的口令').fill('ca-passphrase-2026');
  await identity.getByRole('button', { name: '导入' }).click();
  await expect(identity.getByText('从 PKCS#12 文件导入')).toBeVisible({ timeout: 30_000 });
  await expect(identity.getByText('芜湖市镜湖区人民调解委员会（自签名）')).toBeVisible();
  await expect(identity.getByText(p12.fingerprint)).toBeVisible();
});
