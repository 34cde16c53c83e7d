import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it, vi } from 'vitest';

// A computed specifier: the hook is plain JavaScript without type declarations.
const afterPackUrl = new URL('../../../build/after-pack.mjs', import.meta.url).href;
const afterPack = (await import(afterPackUrl)) as {
  default(context: unknown): Promise<void>;
  fuseConfig: Record<string, unknown>;
  electronBinaryPath(context: unknown): string;
  fuseMismatches(wire: Record<string, number>): string[];
  unknownFuses(wire: Record<string, number>): string[];
};

const ENABLED = 49; // '1'
const DISABLED = 48; // '0'

describe('after-pack fuses', () => {
  const expected: Record<string, boolean> = {
    RunAsNode: false,
    EnableCookieEncryption: true,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: false,
    EnableEmbeddedAsarIntegrityValidation: true,
    OnlyLoadAppFromAsar: true,
    LoadBrowserProcessSpecificV8Snapshot: false,
    GrantFileProtocolExtraPrivileges: false,
  };

  it('sets every fuse @electron/fuses knows, as the hardening requires', () => {
    expect(afterPack.fuseConfig.version).toBe(FuseVersion.V1);
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    expect(known).toHaveLength(Object.keys(expected).length);
    for (const option of known) {
      const name = FuseV1Options[option] as string;
      expect(afterPack.fuseConfig[option], name).toBe(expected[name]);
    }
  });

  it('verifies the flipped wire and names mismatches and fuses it cannot name', () => {
    const good = Object.fromEntries(
      Object.entries(expected).map(([name, on]) => [FuseV1Options[name as keyof typeof FuseV1Options], on ? ENABLED : DISABLED]),
    );
    expect(afterPack.fuseMismatches(good)).toEqual([]);
    expect(afterPack.fuseMismatches({ ...good, [FuseV1Options.RunAsNode]: ENABLED })).toEqual(["RunAsNode: expected '0', found '1'"]);
    expect(afterPack.unknownFuses({ ...good, 8: ENABLED })).toEqual(['8']);
  });

  it('flips the fuse wire of a packed executable and checks it', async () => {
    // A stand-in executable: Electron's fuse sentinel, wire version 1, 9 fuses (one more than
    // @electron/fuses 1.x names), every fuse in the state opposite to what we want.
    const dir = await mkdtemp(path.join(tmpdir(), 'mw-fuses-'));
    try {
      const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'ascii');
      const wrong = Buffer.from('10111001' + '1', 'ascii');
      const binary = path.join(dir, 'mediation-workstation');
      await writeFile(binary, Buffer.concat([Buffer.from('ELF…code…'), sentinel, Buffer.from([1, 9]), wrong, Buffer.from('…more code')]));
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      await afterPack.default({ appOutDir: dir, electronPlatformName: 'linux', packager: { executableName: 'mediation-workstation', appInfo: { productFilename: 'x' } } });
      const bytes = await readFile(binary);
      const at = bytes.indexOf(sentinel) + sentinel.length + 2;
      expect(bytes.subarray(at, at + 9).toString('ascii')).toBe('01001100' + '1');
      expect(warn.mock.calls[0]?.[0]).toContain('fuses 8');
      warn.mockRestore();
      log.mockRestore();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('finds the packed executable on each platform', () => {
    const packager = { appInfo: { productFilename: '解纷工作台' }, executableName: 'mediation-workstation' };
    expect(afterPack.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'linux', packager })).toBe(path.join('/out', 'mediation-workstation'));
    expect(afterPack.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'win32', packager })).toBe(path.join('/out', '解纷工作台.exe'));
    expect(afterPack.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'darwin', packager })).toBe(path.join('/out', '解纷工作台.app'));
  });
});

describe('electron-builder.yml', () => {
  const config = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');

  it('packages only the builds, in asar, with fuses flipped after pack', () => {
    expect(config).toMatch(/^appId: cn\.mediation\.workstation$/m);
    expect(config).toMatch(/^asar: true$/m);
    expect(config).toMatch(/^afterPack: build\/after-pack\.mjs$/m);
    expect(config).toMatch(/^files:\n {2}- dist\/\*\*\/\*\n {2}- dist-electron\/\*\*\/\*\n {2}- package\.json\n/m);
    expect(config).toMatch(/^artifactName: mediation-workstation-\$\{version\}-\$\{arch\}\.\$\{ext\}$/m);
  });

  it('keeps user data when the Windows installer uninstalls', () => {
    expect(config).toMatch(/deleteAppDataOnUninstall: false/);
    expect(config).toMatch(/oneClick: false/);
    expect(config).toMatch(/perMachine: false/);
  });

  it('builds AppImage and deb for Linux and NSIS for Windows', () => {
    expect(config).toMatch(/linux:\n {2}target:\n {4}- AppImage\n {4}- deb\n/);
    expect(config).toMatch(/win:\n {2}target:\n {4}- nsis\n/);
  });
});
