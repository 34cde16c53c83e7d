import { describe, expect, it, vi } from 'vitest';
import { IpcFailure } from '../../../electron/ipc/failure';
import { registerIpcHandlers, type InvokeEventLike, type InvokeListener } from '../../../electron/ipc/handlers';
import {
  ipcChannelNames,
  ipcContract,
  ipcResultSchema,
  MAX_CHUNK_BYTES,
  MAX_SEALED_BYTES,
  MAX_SECRET_BYTES,
  MAX_TRANSFER_BYTES,
  type IpcChannelName,
} from '../../../shared/protocol/ipc';

const TOKEN = '0f8fad5b-d9cb-469f-a165-70867728950e';
const SESSION = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const HASH = 'ab'.repeat(32);
const FINGERPRINT = Array(32).fill('AB').join(':');
const SOURCE = { filePath: '/home/u/evidence.mp4', name: 'evidence.mp4', size: 3 };
const HOST_INFO = { signalUrl: 'ws://127.0.0.1:5181/signal', joinBases: ['http://192.168.1.5:5181/', 'http://127.0.0.1:5181/'] };
const PARTICIPANT_ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const REQUEST_ID = '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const MINTED = { tokens: [{ role: 'mediator' as const, name: '赵调解', id: PARTICIPANT_ID, token: 'eyJ2IjoxfQ.c2ln', expiresAt: 1_900_000_000_000 }] };
const MINT = { session: '2026-TRF-0042', ttlSeconds: 3600, participants: [{ role: 'mediator', name: '赵调解' }] };

function setup() {
  const handlers = new Map<string, InvokeListener>();
  const services = {
    blobs: {
      put: vi.fn(async () => HASH),
      get: vi.fn(async () => new Uint8Array([1])),
      has: vi.fn(async () => true),
      list: vi.fn(async () => [HASH]),
      size: vi.fn(async () => 3),
      readChunk: vi.fn(async () => new Uint8Array(3)),
      readStream: vi.fn(async () => null),
      importBegin: vi.fn(async () => SESSION),
      importStep: vi.fn(async () => 3),
      importFinish: vi.fn(async () => HASH),
      importAbort: vi.fn(async () => {}),
      uploadBegin: vi.fn(async () => SESSION),
      uploadAppend: vi.fn(async () => 3),
      uploadFinish: vi.fn(async () => HASH),
      uploadAbort: vi.fn(async () => {}),
      releaseOwner: vi.fn(async () => {}),
      removeStaleTemp: vi.fn(async () => 0),
    },
    files: {
      save: vi.fn(async () => ({ name: '/home/u/a.pdf' })),
      saveStream: vi.fn(async () => ({ name: '/home/u/a.zip' })),
      open: vi.fn(async () => ({ token: TOKEN, name: 'a.pdf', size: 3 })),
      readChunk: vi.fn(async () => new Uint8Array(3)),
      release: vi.fn(() => {}),
      hash: vi.fn(async () => HASH),
      source: vi.fn(() => SOURCE),
      releaseOwner: vi.fn(() => {}),
    },
    keys: {
      mechanism: vi.fn(async () => 'os-keystore' as const),
      protect: vi.fn(async () => new Uint8Array(40)),
      unprotect: vi.fn(async () => new Uint8Array(8)),
    },
    signaling: {
      info: vi.fn((): typeof HOST_INFO | null => HOST_INFO),
      mint: vi.fn(() => MINTED),
    },
    intake: {
      submit: vi.fn(async () => ({ ok: false as const, code: 'unreachable' as const, message: 'no court' })),
      progress: vi.fn(() => null),
      cancel: vi.fn(() => {}),
      releaseOwner: vi.fn(() => {}),
    },
    backups: {
      choose: vi.fn(async () => '/home/u/backups'),
      write: vi.fn(async () => ({ path: '/home/u/backups/mediation-backup-20261207-0830.mwbackup' })),
      chosen: vi.fn(async () => ['/home/u/backups']),
    },
  };
  const appInfo = vi.fn(() => ({ name: 'mw', version: '0.1.0', electron: '45', chrome: '140', platform: 'linux', arch: 'x64' }));
  const centerLink = vi.fn(async () => ({ response: { status: 200, body: { status: 'ok', schemaVersion: 1 } } }));
  const log = vi.fn();
  const unregister = registerIpcHandlers({
    ipc: { handle: (channel, listener) => handlers.set(channel, listener), removeHandler: (channel) => handlers.delete(channel) },
    appInfo,
    centerLink,
    log,
    ...services,
  });
  const spies = [appInfo, centerLink, ...Object.values(services).flatMap((s) => Object.values(s))];
  return { handlers, services, spies, unregister, log };
}

const mainFrame = { url: 'app://workstation/index.html#/cases' };
const trusted: InvokeEventLike = { senderFrame: mainFrame, sender: { id: 5, mainFrame } };

async function call(handlers: Map<string, InvokeListener>, channel: IpcChannelName, event: InvokeEventLike, args: unknown[]) {
  const listener = handlers.get(channel);
  if (!listener) throw new Error(`no handler for ${channel}`);
  const result = await listener(event, ...args);
  // Every answer, good or bad, has the contract's shape.
  return ipcResultSchema(ipcContract[channel].result).parse(result);
}

const bytes = (n: number) => new Uint8Array(n);
const options = { accept: ['.pdf'], title: 'Open' };

/** A valid argument list per channel, and ways to break it. */
const cases: Record<IpcChannelName, { good: unknown[]; bad: Array<[string, unknown[]]> }> = {
  'app.info': { good: [], bad: [['an extra argument', [1]]] },
  'files.save': {
    good: ['a.pdf', bytes(3), 'application/pdf'],
    bad: [
      ['missing arguments', ['a.pdf']],
      ['a string for bytes', ['a.pdf', 'abc', 'application/pdf']],
      ['an array for bytes', ['a.pdf', [1, 2, 3], 'application/pdf']],
      ['an empty name', ['', bytes(1), 'application/pdf']],
      ['an over-long name', ['a'.repeat(256), bytes(1), 'application/pdf']],
      ['a number for the name', [42, bytes(1), 'application/pdf']],
      ['oversize bytes', ['a.pdf', bytes(MAX_TRANSFER_BYTES + 1), 'application/pdf']],
      ['too many arguments', ['a.pdf', bytes(1), 'application/pdf', 'x']],
    ],
  },
  'files.open': {
    good: [options],
    bad: [
      ['missing options', []],
      ['a string', ['*.pdf']],
      ['accept not an array', [{ accept: '.pdf', title: 'Open' }]],
      ['a missing title', [{ accept: [] }]],
      ['too many accept entries', [{ accept: Array(65).fill('.pdf'), title: 'Open' }]],
      ['null', [null]],
    ],
  },
  'files.readChunk': {
    good: [TOKEN, 0, 1024],
    bad: [
      ['a path instead of a token', ['/etc/passwd', 0, 10]],
      ['a negative offset', [TOKEN, -1, 10]],
      ['a fractional offset', [TOKEN, 0.5, 10]],
      ['a zero length', [TOKEN, 0, 0]],
      ['an oversize length', [TOKEN, 0, MAX_CHUNK_BYTES + 1]],
      ['a string length', [TOKEN, 0, '10']],
      ['NaN', [TOKEN, Number.NaN, 10]],
      ['Infinity', [TOKEN, 0, Number.POSITIVE_INFINITY]],
      ['missing length', [TOKEN, 0]],
    ],
  },
  'files.release': { good: [TOKEN], bad: [['no token', []], ['an object', [{ token: TOKEN }]]] },
  'blobs.put': {
    good: [bytes(10)],
    bad: [
      ['nothing', []],
      ['a string', ['hello']],
      ['an ArrayBuffer', [new ArrayBuffer(4)]],
      ['a plain object', [{ 0: 1, length: 1 }]],
      ['oversize bytes', [bytes(MAX_TRANSFER_BYTES + 1)]],
    ],
  },
  'blobs.get': {
    good: [HASH],
    bad: [
      ['a traversal', ['../../../etc/passwd']],
      ['uppercase hex', [HASH.toUpperCase()]],
      ['a short hash', [HASH.slice(2)]],
      ['a number', [12]],
      ['nothing', []],
    ],
  },
  'blobs.has': { good: [HASH], bad: [['a traversal', ['../x']], ['null', [null]]] },
  'blobs.list': { good: [], bad: [['an argument', ['ab']]] },
  'blobs.size': { good: [HASH], bad: [['a traversal', ['../../x']], ['uppercase hex', [HASH.toUpperCase()]], ['nothing', []]] },
  'blobs.readChunk': {
    good: [HASH, 0, 1024],
    bad: [
      ['a traversal', ['../../etc/passwd', 0, 10]],
      ['a token instead of a hash', [TOKEN, 0, 10]],
      ['a negative offset', [HASH, -1, 10]],
      ['a fractional offset', [HASH, 1.5, 10]],
      ['a zero length', [HASH, 0, 0]],
      ['an oversize length', [HASH, 0, MAX_CHUNK_BYTES + 1]],
      ['Infinity', [HASH, 0, Number.POSITIVE_INFINITY]],
      ['missing length', [HASH, 0]],
    ],
  },
  'blobs.importBegin': {
    good: [TOKEN],
    bad: [
      ['a path instead of a token', ['/etc/shadow']],
      ['a hash instead of a token', [HASH]],
      ['nothing', []],
      ['two tokens', [TOKEN, TOKEN]],
    ],
  },
  'blobs.importStep': { good: [SESSION], bad: [['not a session id', ['../tmp/x.part']], ['a number', [1]], ['nothing', []]] },
  'blobs.importFinish': { good: [SESSION], bad: [['not a session id', ['x']], ['an object', [{ id: SESSION }]]] },
  'blobs.importAbort': { good: [SESSION], bad: [['not a session id', ['']], ['nothing', []]] },
  'blobs.uploadBegin': { good: [], bad: [['an argument', [TOKEN]]] },
  'blobs.uploadAppend': {
    good: [SESSION, bytes(10)],
    bad: [
      ['not a session id', ['x', bytes(1)]],
      ['a string chunk', [SESSION, 'abc']],
      ['an array chunk', [SESSION, [1, 2, 3]]],
      ['an ArrayBuffer chunk', [SESSION, new ArrayBuffer(4)]],
      ['an oversize chunk', [SESSION, bytes(MAX_CHUNK_BYTES + 1)]],
      ['no chunk', [SESSION]],
    ],
  },
  'blobs.uploadFinish': { good: [SESSION], bad: [['not a session id', [HASH]], ['nothing', []]] },
  'blobs.uploadAbort': { good: [SESSION], bad: [['not a session id', [42]], ['nothing', []]] },
  'keys.protect': {
    good: [bytes(32), 'correct horse battery'],
    bad: [
      ['a string secret', ['secret']],
      ['an oversize secret', [bytes(MAX_SECRET_BYTES + 1)]],
      ['a numeric passphrase', [bytes(32), 12345678]],
      ['an empty passphrase', [bytes(32), '']],
      ['an over-long passphrase', [bytes(32), 'x'.repeat(1025)]],
      ['nothing', []],
    ],
  },
  'keys.unprotect': {
    good: [bytes(64)],
    bad: [
      ['a base64 string', ['AAAA']],
      ['oversize sealed bytes', [bytes(MAX_SEALED_BYTES + 1)]],
      ['an object passphrase', [bytes(64), { toString: () => 'x' }]],
    ],
  },
  'keys.mechanism': { good: [], bad: [['an argument', [true]]] },
  'hash.file': { good: [TOKEN], bad: [['a path', ['/etc/shadow']], ['nothing', []], ['a number', [1]]] },
  'signaling.host': { good: [], bad: [['an argument', ['http://evil.example/']]] },
  'files.saveBlob': {
    good: ['package.zip', HASH],
    bad: [
      ['no hash', ['package.zip']],
      ['a path for a hash', ['package.zip', '../blobs/x']],
      ['an empty name', ['', HASH]],
    ],
  },
  'intake.submit': {
    good: [REQUEST_ID, 'https://court.example.cn/intake', HASH],
    bad: [
      ['no hash', [REQUEST_ID, 'https://court.example.cn/intake']],
      ['a bad request id', ['../x', 'https://court.example.cn/intake', HASH]],
      ['an over-long url', [REQUEST_ID, `https://${'a'.repeat(2001)}`, HASH]],
    ],
  },
  'intake.progress': { good: [REQUEST_ID], bad: [['nothing', []], ['a number', [5]]] },
  'intake.cancel': { good: [REQUEST_ID], bad: [['nothing', []], ['an object', [{ id: REQUEST_ID }]]] },
  'backups.chooseFolder': { good: [], bad: [['a folder of its own', ['/etc']]] },
  'backups.write': {
    good: ['/home/u/backups', 'mediation-backup-20261207-0830.mwbackup', bytes(3)],
    bad: [
      ['a name with a path', ['/home/u/backups', '../mediation-backup.mwbackup', bytes(3)]],
      ['another extension', ['/home/u/backups', 'mediation-backup.exe', bytes(3)]],
      ['a hidden name', ['/home/u/backups', '.mediation-backup.mwbackup', bytes(3)]],
      ['an empty folder', ['', 'mediation-backup.mwbackup', bytes(3)]],
      ['a string for bytes', ['/home/u/backups', 'mediation-backup.mwbackup', 'abc']],
      ['oversize bytes', ['/home/u/backups', 'mediation-backup.mwbackup', bytes(MAX_TRANSFER_BYTES + 1)]],
      ['missing bytes', ['/home/u/backups', 'mediation-backup.mwbackup']],
    ],
  },
  'center.link': {
    good: [{ op: 'request', pin: { address: 'https://mw.example.gov.cn', fingerprint: FINGERPRINT }, request: { method: 'GET', path: '/api/v1/health' } }],
    bad: [
      ['nothing', []],
      ['an http address', [{ op: 'probe', address: 'http://mw.example.gov.cn' }]],
      ['a path outside the API', [{ op: 'request', pin: { address: 'https://mw.example.gov.cn', fingerprint: FINGERPRINT }, request: { method: 'GET', path: '/../etc/passwd' } }]],
      ['no pinned fingerprint', [{ op: 'request', pin: { address: 'https://mw.example.gov.cn' }, request: { method: 'GET', path: '/api/v1/health' } }]],
      ['an unknown operation', [{ op: 'connect', address: 'https://mw.example.gov.cn' }]],
    ],
  },
  'signaling.mint': {
    good: [MINT],
    bad: [
      ['nothing', []],
      ['a string', [JSON.stringify(MINT)]],
      ['a bad session id', [{ ...MINT, session: '../x' }]],
      ['no participants', [{ ...MINT, participants: [] }]],
      ['seven participants', [{ ...MINT, participants: Array(7).fill({ role: 'observer', name: 'x' }) }]],
      ['an unknown role', [{ ...MINT, participants: [{ role: 'judge', name: 'x' }] }]],
      ['a name with a bidi override', [{ ...MINT, participants: [{ role: 'mediator', name: 'a\u202Eb' }] }]],
      ['a repeated participant id', [{ ...MINT, participants: [{ role: 'mediator', name: 'a', id: PARTICIPANT_ID }, { role: 'applicant', name: 'b', id: PARTICIPANT_ID }] }]],
      ['a lifetime over 7 days', [{ ...MINT, ttlSeconds: 604_801 }]],
      ['a zero lifetime', [{ ...MINT, ttlSeconds: 0 }]],
      ['an ICE server that is not STUN/TURN', [{ ...MINT, iceServers: [{ urls: 'http://evil.example' }] }]],
      ['an unknown field', [{ ...MINT, secret: 'x' }]],
      ['two requests', [MINT, MINT]],
    ],
  },
};

describe('registerIpcHandlers', () => {
  it('registers exactly the channels of the contract, and removes them again', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual([...ipcChannelNames].sort());
    expect(Object.keys(cases).sort()).toEqual([...ipcChannelNames].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it.each(ipcChannelNames)('%s answers valid arguments from our window', async (channel) => {
    const { handlers } = setup();
    const result = await call(handlers, channel, trusted, cases[channel].good);
    expect(result.ok).toBe(true);
  });

  it.each(ipcChannelNames.flatMap((channel) => cases[channel].bad.map(([why, args]) => [channel, why, args] as const)))(
    '%s refuses %s and does nothing',
    async (channel, _why, args) => {
      const { handlers, spies } = setup();
      const result = await call(handlers, channel, trusted, args);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
      expect(!result.ok && result.error.message).toContain(channel);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    },
  );

  const untrusted: Array<[string, InvokeEventLike]> = [
    ['a foreign page', { senderFrame: { url: 'https://evil.example/' }, sender: { id: 5, mainFrame: { url: 'https://evil.example/' } } }],
    ['a subframe of our page', { senderFrame: { url: 'app://workstation/index.html' }, sender: { id: 5, mainFrame } }],
    ['a destroyed frame', { senderFrame: null, sender: { id: 5, mainFrame } }],
    ['a file:// page', { senderFrame: { url: 'file:///tmp/x.html' }, sender: { id: 5, mainFrame: null } }],
  ];

  it.each(ipcChannelNames.flatMap((channel) => untrusted.map(([who, event]) => [channel, who, event] as const)))(
    '%s refuses %s even with valid arguments',
    async (channel, _who, event) => {
      const { handlers, spies } = setup();
      const result = await call(handlers, channel, event, cases[channel].good);
      expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    },
  );

  it('passes the sender window to file services, so tokens stay per window', async () => {
    const { handlers, services } = setup();
    await call(handlers, 'files.readChunk', trusted, [TOKEN, 10, 20]);
    expect(services.files.readChunk).toHaveBeenCalledWith(5, TOKEN, 10, 20);
    await call(handlers, 'hash.file', trusted, [TOKEN]);
    expect(services.files.hash).toHaveBeenCalledWith(5, TOKEN);
  });

  it('passes the sender window to blob sessions, so a session stays with its window', async () => {
    const { handlers, services } = setup();
    expect(await call(handlers, 'blobs.importBegin', trusted, [TOKEN])).toEqual({ ok: true, value: SESSION });
    // The token is resolved to its file for this window only; the path never leaves the main process.
    expect(services.files.source).toHaveBeenCalledWith(5, TOKEN);
    expect(services.blobs.importBegin).toHaveBeenCalledWith(5, SOURCE);
    const other: InvokeEventLike = { senderFrame: mainFrame, sender: { id: 9, mainFrame } };
    await call(handlers, 'blobs.importStep', other, [SESSION]);
    expect(services.blobs.importStep).toHaveBeenCalledWith(9, SESSION);
    await call(handlers, 'blobs.importFinish', trusted, [SESSION]);
    expect(services.blobs.importFinish).toHaveBeenCalledWith(5, SESSION);
    expect(await call(handlers, 'blobs.importAbort', trusted, [SESSION])).toEqual({ ok: true, value: null });
    expect(services.blobs.importAbort).toHaveBeenCalledWith(5, SESSION);
    await call(handlers, 'blobs.uploadBegin', trusted, []);
    expect(services.blobs.uploadBegin).toHaveBeenCalledWith(5);
    const chunk = bytes(4);
    await call(handlers, 'blobs.uploadAppend', trusted, [SESSION, chunk]);
    expect(services.blobs.uploadAppend).toHaveBeenCalledWith(5, SESSION, chunk);
    await call(handlers, 'blobs.uploadFinish', trusted, [SESSION]);
    expect(services.blobs.uploadFinish).toHaveBeenCalledWith(5, SESSION);
    await call(handlers, 'blobs.uploadAbort', trusted, [SESSION]);
    expect(services.blobs.uploadAbort).toHaveBeenCalledWith(5, SESSION);
    await call(handlers, 'blobs.readChunk', trusted, [HASH, 7, 9]);
    expect(services.blobs.readChunk).toHaveBeenCalledWith(HASH, 7, 9);
  });

  it('refuses an import of a token the window does not hold, before touching the blob store', async () => {
    const { handlers, services } = setup();
    services.files.source.mockImplementationOnce(() => {
      throw new IpcFailure('not-found', 'This opened file is no longer available. Open it again.');
    });
    expect(await call(handlers, 'blobs.importBegin', trusted, [TOKEN])).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(services.blobs.importBegin).not.toHaveBeenCalled();
  });

  it('mints through the host with the parsed request, and refuses while the host is not running', async () => {
    const { handlers, services } = setup();
    expect(await call(handlers, 'signaling.host', trusted, [])).toEqual({ ok: true, value: HOST_INFO });
    const withIce = { ...MINT, iceServers: [{ urls: 'turns:turn.example.org:5349', username: 'u', credential: 'p' }] };
    expect(await call(handlers, 'signaling.mint', trusted, [withIce])).toEqual({ ok: true, value: MINTED });
    expect(services.signaling.mint).toHaveBeenCalledWith(withIce);
    services.signaling.info.mockReturnValue(null);
    expect(await call(handlers, 'signaling.host', trusted, [])).toEqual({ ok: true, value: null });
    expect(await call(handlers, 'signaling.mint', trusted, [MINT])).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(services.signaling.mint).toHaveBeenCalledTimes(1);
  });

  it('returns service failures as wrapped errors, and hides unexpected ones', async () => {
    const { handlers, services, log } = setup();
    services.blobs.get.mockRejectedValueOnce(new IpcFailure('corrupt', 'The stored file is damaged.'));
    expect(await call(handlers, 'blobs.get', trusted, [HASH])).toEqual({ ok: false, error: { code: 'corrupt', message: 'The stored file is damaged.' } });
    services.blobs.get.mockRejectedValueOnce(new Error('EACCES: /home/someone/secret/path'));
    const hidden = await call(handlers, 'blobs.get', trusted, [HASH]);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('/home/someone');
    expect(log).toHaveBeenCalledTimes(1);
  });
});
