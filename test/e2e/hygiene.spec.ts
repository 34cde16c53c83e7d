// A page load says nothing in the console and asks for nothing that is missing: no CSP directive
// the browser must ignore, no 404 (the favicon among them). Noise like that hides real warnings.
import { expect, test } from './fixtures';

for (const [label, path] of [
  ['the workstation', './'],
  ['the join page', './#/join?token=broken'],
] as const) {
  test(`${label} loads without console warnings or missing files`, async ({ page, baseURL }) => {
    const noise: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') noise.push(`${message.type()}: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.url().startsWith(new URL(baseURL!).origin) && response.status() >= 400) noise.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('#root')).not.toBeEmpty();
    expect(noise).toEqual([]);
    // The page's own policy is still there, without the directive a <meta> cannot carry; the
    // server sends it as a header.
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain("default-src 'self'");
    expect(meta).not.toContain('frame-ancestors');
    // Browsers ask for an icon by themselves (a 404 for /favicon.ico before): the page names one that exists.
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect((await page.request.get(new URL(icon!, page.url()).href)).status()).toBe(200);
    const headers = (await page.request.get('./index.html')).headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
}
