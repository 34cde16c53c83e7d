import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannelNames, type WorkstationApi } from '../../../shared/protocol/ipc';
import { keyMechanismArgument, parseKeyMechanismArgument } from '../../../shared/protocol/channels';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn(async (channel: string) => ({ ok: true, value: channel })),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke, on: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
}));

let api: WorkstationApi;

beforeAll(async () => {
  await import('../../../electron/preload');
  expect(electron.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, value] = electron.exposeInMainWorld.mock.calls[0] as [string, WorkstationApi];
  expect(name).toBe('workstation');
  api = value;
});

function leaves(value: unknown, path = 'workstation'): Array<[string, unknown]> {
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, `${path}.${key}`));
  }
  return [[path, value]];
}

describe('preload', () => {
  it('exposes one namespaced API of functions and the host snapshot, nothing else', () => {
    expect(Object.keys(api).sort()).toEqual(['app', 'backups', 'blobs', 'center', 'files', 'hash', 'host', 'intake', 'keys', 'signaling']);
    for (const [path, value] of leaves(api)) {
      if (path === 'workstation.host.keyMechanism') {
        expect(value).toBe('passphrase'); // no argument given: ask the user
      } else {
        expect(typeof value, path).toBe('function');
      }
    }
  });

  it('never hands out ipcRenderer or its event objects', async () => {
    const serialized = JSON.stringify(leaves(api).map(([p]) => p));
    expect(serialized).not.toMatch(/ipcRenderer|invoke|send|\.on"/);
    const answer = await api.blobs.list();
    expect(answer).toEqual({ ok: true, value: 'blobs.list' });
  });

  it('maps each function to its own channel with exactly its arguments', async () => {
    electron.invoke.mockClear();
    const bytes = new Uint8Array([1, 2]);
    const token = '0f8fad5b-d9cb-469f-a165-70867728950e';
    await api.app.info();
    await api.files.save('a.pdf', bytes, 'application/pdf');
    await api.files.open({ accept: ['.pdf'], title: 'Open' });
    await api.files.readChunk(token, 0, 10);
    await api.files.release(token);
    await api.blobs.put(bytes);
    await api.blobs.get('ab'.repeat(32));
    await api.blobs.has('ab'.repeat(32));
    await api.blobs.list();
    const session = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    await api.blobs.size('ab'.repeat(32));
    await api.blobs.readChunk('ab'.repeat(32), 4, 8);
    await api.blobs.importBegin(token);
    await api.blobs.importStep(session);
    await api.blobs.importFinish(session);
    await api.blobs.importAbort(session);
    await api.blobs.uploadBegin();
    await api.blobs.uploadAppend(session, bytes);
    await api.blobs.uploadFinish(session);
    await api.blobs.uploadAbort(session);
    await api.keys.protect(bytes, 'pass phrase');
    await api.keys.unprotect(bytes);
    await api.keys.mechanism();
    await api.hash.file(token);
    const mint = { session: 'S-1', ttlSeconds: 60, participants: [{ role: 'mediator' as const, name: '赵调解' }] };
    await api.signaling.host();
    await api.signaling.mint(mint);
    await api.files.saveBlob('package.zip', 'ab'.repeat(32));
    const request = '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
    await api.intake.submit(request, 'https://court.example.cn/intake', 'ab'.repeat(32));
    await api.intake.progress(request);
    await api.intake.cancel(request);
    await api.backups.chooseFolder();
    await api.backups.write('/home/u/backups', 'mediation-backup-20261207-0830.mwbackup', bytes);
    await api.center.link({ op: 'probe', address: 'https://mw.example.gov.cn' });
    const calls = electron.invoke.mock.calls as unknown as unknown[][];
    expect(calls.map((c) => c[0]).sort()).toEqual([...ipcChannelNames].sort());
    expect(calls).toContainEqual(['files.save', 'a.pdf', bytes, 'application/pdf']);
    expect(calls).toContainEqual(['files.readChunk', token, 0, 10]);
    expect(calls).toContainEqual(['keys.protect', bytes, 'pass phrase']);
    expect(calls).toContainEqual(['app.info']);
    expect(calls).toContainEqual(['blobs.readChunk', 'ab'.repeat(32), 4, 8]);
    expect(calls).toContainEqual(['blobs.importBegin', token]);
    expect(calls).toContainEqual(['blobs.importStep', session]);
    expect(calls).toContainEqual(['blobs.uploadBegin']);
    expect(calls).toContainEqual(['blobs.uploadAppend', session, bytes]);
    expect(calls).toContainEqual(['blobs.uploadAbort', session]);
    expect(calls).toContainEqual(['signaling.host']);
    expect(calls).toContainEqual(['signaling.mint', mint]);
    expect(calls).toContainEqual(['backups.write', '/home/u/backups', 'mediation-backup-20261207-0830.mwbackup', bytes]);
    expect(calls).toContainEqual(['center.link', { op: 'probe', address: 'https://mw.example.gov.cn' }]);
  });
});

describe('key mechanism argument', () => {
  it('round-trips and defaults to asking the user', () => {
    expect(parseKeyMechanismArgument(['x', keyMechanismArgument('os-keystore')])).toBe('os-keystore');
    expect(parseKeyMechanismArgument([keyMechanismArgument('passphrase')])).toBe('passphrase');
    expect(parseKeyMechanismArgument([])).toBe('passphrase');
    expect(parseKeyMechanismArgument(['--mw-key-mechanism=os-keystore-ish'])).toBe('passphrase');
  });
});
