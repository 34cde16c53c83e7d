// A center server for the e2e tests (issue 17, 18): a throwaway PostgreSQL cluster of its own
// (temporary folder, free port), migrated, institutions made as their operator makes them, and
// `mw server start` speaking HTTPS with a self-signed certificate on a port kept across restarts
// (the workstations pinned the address). Pages reach it only through their own host's relay.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import pg from 'pg';
import { createInstitution, migrate, type NewInstitution } from '../../server';
import { startThrowawayCluster, type ThrowawayCluster } from '../../server/dev/throwaway-cluster';
import { selfSigned, type SelfSigned } from '../unit/server-link/tls-server';
import { expect } from './fixtures';

export interface CenterServer {
  readonly address: string;
  readonly cert: SelfSigned;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** `mw server start` over HTTPS on a port kept across restarts (the workstations pinned the address). */
export async function centerServer(appUrl: string, folder: string): Promise<CenterServer> {
  const cert = selfSigned('127.0.0.1');
  writeFileSync(join(folder, 'cert.pem'), cert.certPem);
  writeFileSync(join(folder, 'key.pem'), cert.keyPem, { mode: 0o600 });
  let child: ChildProcess | null = null;
  let port = 0;
  const start = async () => {
    // A file folder, as a center keeps one: evidence files travel through it (center-evidence.spec).
    const args = ['cli/bin/mw.mjs', 'server', 'start', '--database-url', appUrl, '--tls-cert', join(folder, 'cert.pem'), '--tls-key', join(folder, 'key.pem'), '--files-dir', join(folder, 'files'), '--files-reserve-bytes', '64M'];
    child = spawn(process.execPath, [...args, '--host', '127.0.0.1', '--port', String(port), '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const running = child;
    const log: string[] = [];
    running.stderr?.on('data', (chunk: Buffer) => log.push(String(chunk)));
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      running.stdout?.on('data', (chunk: Buffer) => {
        out += String(chunk);
        const line = out.split('\n').find((l) => l.includes('"listening":true'));
        if (line) resolve(new URL((JSON.parse(line) as { url: string }).url));
      });
      running.once('exit', (code) => reject(new Error(`mw server start ended (${code}): ${out} ${log.join('')}`)));
    });
    port = Number(url.port);
  };
  await start();
  return {
    get address() {
      return `https://127.0.0.1:${port}`;
    },
    cert,
    start,
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      });
    },
  };
}

export interface CenterWorld {
  readonly server: CenterServer;
  stop(): Promise<void>;
}

/** A cluster, a database migrated, `institutions` created (each with its administrator), and the server started. */
export async function startCenterWorld(name: string, institutions: readonly NewInstitution[]): Promise<CenterWorld> {
  const folder = mkdtempSync(join(tmpdir(), `mw-${name}-`));
  let cluster: ThrowawayCluster | null = null;
  let server: CenterServer | null = null;
  const stop = async () => {
    await server?.stop();
    await cluster?.stop();
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    cluster = await startThrowawayCluster();
    const db = await cluster.createDatabase(name);
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await migrate(owner, { appRole: db.appRole });
    await owner.end();
    const pool = new pg.Pool({ connectionString: db.appUrl, max: 2 });
    try {
      for (const institution of institutions) await createInstitution(pool, institution);
    } finally {
      await pool.end();
    }
    server = await centerServer(db.appUrl, folder);
    return { server, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Settings → the center card: the address, the certificate read and compared, the server's administrator. */
export async function joinCenterAs(page: Page, server: CenterServer, admin: { username: string; password: string }, institutionName: string): Promise<void> {
  await page.goto('./#/settings');
  await expect(page.getByRole('heading', { name: '中心服务器', level: 2 })).toBeVisible();
  await page.getByLabel('中心服务器地址').fill(server.address);
  await page.getByRole('button', { name: '读取服务器证书' }).click();
  await expect(page.getByTestId('center-fingerprint')).toHaveText(server.cert.fingerprint);
  await page.getByRole('checkbox', { name: /我已核对/ }).check();
  await page.getByLabel('服务器上的管理员用户名').fill(admin.username);
  await page.getByLabel('密码', { exact: true }).last().fill(admin.password);
  await page.getByRole('button', { name: '加入中心服务器' }).click();
  await expect(page.getByText(`已加入中心服务器“${institutionName}”。`)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('center-indicator')).toHaveAccessibleName(/中心服务器：(已连接|正在同步)/, { timeout: 60_000 });
}
