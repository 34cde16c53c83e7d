import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileService, dialogFilters, MAX_OPEN_TOKENS, safeFileName, type DialogPort } from '../../../electron/platform/files';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mw-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function fakeDialog(answer: { save?: string | null; open?: string | null }) {
  const dialog = {
    showSaveDialog: vi.fn<DialogPort['showSaveDialog']>(async () =>
      answer.save ? { canceled: false, filePath: answer.save } : { canceled: true },
    ),
    showOpenDialog: vi.fn<DialogPort['showOpenDialog']>(async () =>
      answer.open ? { canceled: false, filePaths: [answer.open] } : { canceled: true, filePaths: [] },
    ),
  };
  return dialog;
}

describe('safeFileName', () => {
  it.each([
    ['协议书.pdf', '协议书.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\evil.exe', 'evil.exe'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['line\nbreak.txt', 'line_break.txt'],
    ['  .hidden.  ', 'hidden'],
    ['', 'file'],
    ['..', 'file'],
    ['CON', 'file-CON'],
    ['nul.txt', 'file-nul.txt'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });
});

describe('dialogFilters', () => {
  it('turns accept lists into dialog filters', () => {
    expect(dialogFilters(['.pdf', 'image/png'])).toEqual([{ name: '*.pdf *.png', extensions: ['pdf', 'png'] }]);
    expect(dialogFilters(['application/pdf'])[0]?.extensions).toEqual(['pdf']);
    expect(dialogFilters([])).toEqual([]);
    expect(dialogFilters(['application/x-unknown', '.a/b', '.'])).toEqual([]);
  });
});

describe('file service', () => {
  it('saves where the user chose, whole, replacing an older file', async () => {
    const target = path.join(dir, 'out.pdf');
    await writeFile(target, 'old contents');
    const dialog = fakeDialog({ save: target });
    const files = createFileService({ dialog, defaultDir: () => dir });
    expect(await files.save(7, '../协议书.pdf', new TextEncoder().encode('%PDF-new'), 'application/pdf')).toEqual({ name: target });
    expect(await readFile(target, 'utf8')).toBe('%PDF-new');
    expect(await readdir(dir)).toEqual(['out.pdf']);
    const [owner, options] = dialog.showSaveDialog.mock.calls[0]!;
    expect(owner).toBe(7);
    expect(options.defaultPath).toBe(path.join(dir, '协议书.pdf'));
    expect(options.filters).toEqual([{ name: '*.pdf', extensions: ['pdf'] }]);
  });

  it('returns null when a dialog is cancelled', async () => {
    const files = createFileService({ dialog: fakeDialog({}), defaultDir: () => dir });
    expect(await files.save(1, 'a.txt', new Uint8Array(1), 'text/plain')).toBeNull();
    expect(await files.open(1, { accept: [], title: 'Open' })).toBeNull();
  });

  it('reports a failed save clearly and leaves nothing behind', async () => {
    const target = path.join(dir, 'missing-folder', 'out.pdf');
    const files = createFileService({ dialog: fakeDialog({ save: target }), defaultDir: () => dir });
    await expect(files.save(1, 'out.pdf', new Uint8Array(3), 'application/pdf')).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('Could not save out.pdf') });
    expect(await readdir(dir)).toEqual([]);
  });

  it('opens a file by token, reads it in chunks and hashes it', async () => {
    const source = path.join(dir, 'evidence.bin');
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 251);
    await writeFile(source, bytes);
    const files = createFileService({ dialog: fakeDialog({ open: source }), defaultDir: () => dir });
    const handle = await files.open(3, { accept: ['.bin'], title: 'Pick evidence' });
    expect(handle).toMatchObject({ name: 'evidence.bin', size: 100_000 });
    const token = handle!.token;
    const first = await files.readChunk(3, token, 0, 65_536);
    const rest = await files.readChunk(3, token, 65_536, 65_536);
    expect(first.byteLength).toBe(65_536);
    expect(rest.byteLength).toBe(100_000 - 65_536);
    expect(Buffer.concat([first, rest])).toEqual(Buffer.from(bytes));
    expect((await files.readChunk(3, token, 100_000, 10)).byteLength).toBe(0);
    expect(await files.hash(3, token)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('answers a token only to the window that opened it, until released', async () => {
    const source = path.join(dir, 'a.txt');
    await writeFile(source, 'abc');
    const files = createFileService({ dialog: fakeDialog({ open: source }), defaultDir: () => dir });
    const { token } = (await files.open(1, { accept: [], title: 'Open' }))!;
    await expect(files.readChunk(2, token, 0, 3)).rejects.toMatchObject({ code: 'not-found' });
    await expect(files.hash(2, token)).rejects.toMatchObject({ code: 'not-found' });
    files.release(2, token); // another window cannot release it either
    expect(Buffer.from(await files.readChunk(1, token, 0, 3)).toString()).toBe('abc');
    files.release(1, token);
    await expect(files.readChunk(1, token, 0, 3)).rejects.toMatchObject({ code: 'not-found' });
    const again = (await files.open(1, { accept: [], title: 'Open' }))!;
    files.releaseOwner(1);
    await expect(files.readChunk(1, again.token, 0, 3)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('forgets the oldest token beyond the per-window limit', async () => {
    const source = path.join(dir, 'a.txt');
    await writeFile(source, 'abc');
    const files = createFileService({ dialog: fakeDialog({ open: source }), defaultDir: () => dir });
    const tokens: string[] = [];
    for (let i = 0; i <= MAX_OPEN_TOKENS; i++) tokens.push((await files.open(1, { accept: [], title: 'Open' }))!.token);
    await expect(files.readChunk(1, tokens[0]!, 0, 1)).rejects.toMatchObject({ code: 'not-found' });
    expect((await files.readChunk(1, tokens.at(-1)!, 0, 1)).byteLength).toBe(1);
  });

  it('reports a file that vanished after it was opened', async () => {
    const source = path.join(dir, 'gone.txt');
    await writeFile(source, 'abc');
    const files = createFileService({ dialog: fakeDialog({ open: source }), defaultDir: () => dir });
    const { token } = (await files.open(1, { accept: [], title: 'Open' }))!;
    await rm(source);
    await expect(files.readChunk(1, token, 0, 3)).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('gone.txt') });
    await expect(files.hash(1, token)).rejects.toMatchObject({ code: 'io' });
  });
});
