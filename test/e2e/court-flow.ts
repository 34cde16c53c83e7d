// Page objects of the court's workstation, shared by the specs that use one: the court as the
// institution (its identity signs rulings and receipts), a clerk signed in on 法院收案, and a
// package imported from a file.
import type { Page } from '@playwright/test';
import { ADMIN, completeFirstRun, createUser, expect, generateInstitutionIdentity, signIn, signOut } from './fixtures';

export const COURT = '芜湖市镜湖区人民法院';
export const COURT_PASSPHRASE = 'court key 2026 jinghu';
export const CLERK = { username: 'shuji', displayName: '孙书记', role: 'clerk' as const, password: 'Clerk20260' };

/** From an empty profile to the court's clerk on the intake screen. */
export async function clerkAtIntake(page: Page): Promise<void> {
  await completeFirstRun(page, { kind: '人民法院', institutionName: COURT, courtCode: '皖0202' });
  await signIn(page, ADMIN.username, ADMIN.password);
  await generateInstitutionIdentity(page, COURT_PASSPHRASE);
  await createUser(page, CLERK);
  await signOut(page);
  await signIn(page, CLERK.username, CLERK.password);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '法院收案' }).click();
  await expect(page.getByRole('heading', { name: '法院收案', level: 1 })).toBeVisible();
}

export async function importPackage(page: Page, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入材料包', exact: true }).click()]);
  await chooser.setFiles(path);
}
